/**
 * Where each scalar of a JSON text sits: its JSON path and the characters
 * it spans. The prediction service cuts these out of a request it has
 * accepted to learn the request's template (see `core/serve/body_template.ts`).
 *
 * @module
 */

/** One scalar value (string, number, true, false or null) of a JSON text. */
export interface ScalarSpan {
  /** Its path from the root: object keys and array indices. */
  readonly path: readonly (string | number)[];
  /** Where its text starts (a string's opening quote included). */
  readonly start: number;
  /** Where its text ends, exclusive (after a string's closing quote). */
  readonly end: number;
}

/** An open object or array while reading. */
interface _Open {
  readonly keys: Set<string> | undefined; // undefined for an array
  index: number;
}

/**
 * The scalar values of `text`, in the order they appear, or undefined when
 * an object repeats a key (`JSON.parse` keeps only the last, so a span
 * would not say which value counts). `text` must be valid JSON: call this
 * only on text that `JSON.parse` accepted; keys are read with it too, so
 * escapes in them are decoded.
 *
 * @example
 * ```ts
 * import { scalarSpans } from "./scalar_spans.ts";
 * const text = '{"a": [1, "x"], "b\\u0021": {"c": null}}';
 * const spans = scalarSpans(text)!;
 * const shown = spans.map((s) => `${s.path.join(".")}=${text.slice(s.start, s.end)}`);
 * if (shown.join(" ") !== 'a.0=1 a.1="x" b!.c=null') throw new Error(shown.join(" "));
 * if (scalarSpans('{"a": 1, "a": 2}') !== undefined) throw new Error("a repeated key");
 * ```
 */
export function scalarSpans(text: string): ScalarSpan[] | undefined {
  const spans: ScalarSpan[] = [];
  const path: (string | number)[] = [];
  const open: _Open[] = [];
  const n = text.length;
  let i = 0;
  // After an object's '{' or ',', the next string is a key.
  let wantKey = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x3a) {
      i++;
    } else if (c === 0x7b || c === 0x5b) {
      open.push({ keys: c === 0x7b ? new Set() : undefined, index: 0 });
      if (c === 0x5b) path.push(0);
      wantKey = c === 0x7b;
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      const closed = open.pop()!;
      // An object's last key (if any) and an array's index leave the path.
      if (closed.keys === undefined || closed.keys.size > 0) path.pop();
      wantKey = false;
      i++;
    } else if (c === 0x2c) {
      const top = open[open.length - 1]!;
      path.pop();
      if (top.keys === undefined) path.push(++top.index);
      wantKey = top.keys !== undefined;
      i++;
    } else if (wantKey) {
      const end = _stringEnd(text, i);
      const raw = text.slice(i + 1, end - 1);
      const key = raw.includes("\\") ? JSON.parse(text.slice(i, end)) as string : raw;
      const keys = open[open.length - 1]!.keys!;
      if (keys.has(key)) return undefined;
      keys.add(key);
      path.push(key);
      wantKey = false;
      i = end;
    } else {
      const end = c === 0x22 ? _stringEnd(text, i) : _wordEnd(text, i);
      spans.push({ path: [...path], start: i, end });
      i = end;
    }
  }
  return spans;
}

/** The end of the string whose opening quote is at `i`. */
function _stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j++;
    else if (c === 0x22) return j + 1;
  }
  return text.length;
}

/** The end of a number or of `true`, `false`, `null` starting at `i`. */
function _wordEnd(text: string, i: number): number {
  let j = i;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (
      c === 0x2c || c === 0x5d || c === 0x7d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
    ) {
      break;
    }
  }
  return j;
}
