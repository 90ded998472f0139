/**
 * A request body with its values cut out: what a client's code sends every
 * time, apart from the values. Programs send one prediction request after
 * another in the same shape, `{"features": {"wind": 4.2, …}}` with only the
 * numbers changing; once the service has accepted one such request by the
 * full path (decode, shape scan, `JSON.parse`, envelope check), a later
 * body that is the same text around other values is read by comparing that
 * text and reading the values alone. That is the same request: identical
 * text between the values lexes into identical JSON structure, and each
 * value is read by the JSON grammar to the number `JSON.parse` gives.
 * Anything else (an escape in a string, a number that overflows, one more
 * space) does not match, and takes the full path.
 *
 * @module
 */

/** The characters a value spans in the text a template is cut from. */
export interface Slot {
  /** Where the value starts (a string's opening quote included). */
  readonly start: number;
  /** Where it ends, exclusive. */
  readonly end: number;
}

/** What `readScalar` read: the value of the last scalar it accepted. */
let _read: string | number | boolean | null = null;

/**
 * A body's text around its value slots, with what the caller knows about
 * the body that matched it (`meta`).
 *
 * @example
 * ```ts
 * import { BodyTemplate } from "./body_template.ts";
 * const seen = '{"features": {"x": 1.5, "kind": "a"}}';
 * const t = BodyTemplate.cut(seen, [{ start: 19, end: 22 }, { start: 32, end: 35 }], "row");
 * const values: unknown[] = [];
 * if (!t.match('{"features": {"x": -2e3, "kind": "bé"}}', values)) throw new Error();
 * if (values[0] !== -2000 || values[1] !== "bé") throw new Error(String(values));
 * if (t.match('{"features": {"x": 1e999, "kind": "a"}}', values)) throw new Error("overflow");
 * if (t.match('{"features": {"x": 1.5, "kind": "a\\n"}}', values)) throw new Error("escape");
 * if (t.match('{"features": {"x": 1.5, "kind": "a"}} ', values)) throw new Error("more text");
 * ```
 */
export class BodyTemplate<M> {
  /** The text before the first slot, between slots, and after the last. */
  readonly parts: readonly string[];
  /** What the caller keeps about bodies of this template. */
  readonly meta: M;

  private constructor(parts: readonly string[], meta: M) {
    this.parts = parts;
    this.meta = meta;
  }

  /** The template of `text` with `slots` (in order, not overlapping) cut out. */
  static cut<M>(text: string, slots: readonly Slot[], meta: M): BodyTemplate<M> {
    const parts: string[] = [];
    let at = 0;
    for (const slot of slots) {
      if (slot.start < at || slot.end <= slot.start) {
        throw new RangeError(`slots must be in order and not empty: ${slot.start}…${slot.end}`);
      }
      parts.push(text.slice(at, slot.start));
      at = slot.end;
    }
    parts.push(text.slice(at));
    return new BodyTemplate(parts, meta);
  }

  /**
   * Whether `text` is this template around one JSON scalar per slot
   * (a string without escapes or control characters, a finite number,
   * true, false or null); if so, `values[k]` holds slot k's value.
   */
  match(text: string, values: unknown[]): boolean {
    const parts = this.parts;
    // Comparing slices is about three times as quick as startsWith in V8 (memcmp, not a loop).
    const first = parts[0]!;
    if (text.slice(0, first.length) !== first) return false;
    let at = first.length;
    for (let k = 1; k < parts.length; k++) {
      const end = readScalar(text, at);
      if (end < 0) return false;
      values[k - 1] = _read;
      const part = parts[k]!;
      at = end + part.length;
      if (text.slice(end, at) !== part) return false;
    }
    return at === text.length;
  }
}

/**
 * A few templates of one kind of request, the most recently learned first:
 * clients of one model seldom send more than a couple of shapes.
 *
 * @example
 * ```ts
 * import { BodyTemplate, BodyTemplates } from "./body_template.ts";
 * const templates = new BodyTemplates<string>(2);
 * templates.add(BodyTemplate.cut("[1]", [{ start: 1, end: 2 }], "one"));
 * templates.add(BodyTemplate.cut("[1, 2]", [{ start: 1, end: 2 }, { start: 4, end: 5 }], "two"));
 * const values: unknown[] = [];
 * if (templates.find("[7, 8]", values)?.meta !== "two" || values[1] !== 8) throw new Error();
 * if (templates.find("[true]", values)?.meta !== "one" || values[0] !== true) throw new Error();
 * if (templates.find("[[1]]", values) !== undefined) throw new Error();
 * ```
 */
export class BodyTemplates<M> {
  #list: BodyTemplate<M>[] = [];
  #capacity: number;

  /** Holds at most `capacity` templates, dropping the oldest. */
  constructor(capacity = 4) {
    this.#capacity = capacity;
  }

  /** The first template `text` matches (its values in `values`), or undefined. */
  find(text: string, values: unknown[]): BodyTemplate<M> | undefined {
    const list = this.#list;
    for (let i = 0; i < list.length; i++) {
      if (list[i]!.match(text, values)) return list[i];
    }
    return undefined;
  }

  /** The templates held. */
  get size(): number {
    return this.#list.length;
  }

  /** Adds a template in front, dropping the oldest when full. */
  add(template: BodyTemplate<M>): void {
    this.#list.unshift(template);
    if (this.#list.length > this.#capacity) this.#list.pop();
  }
}

/**
 * Reads one JSON scalar at `i` as `JSON.parse` would: returns where it ends
 * (its value in `_read`), or -1 when there is none this reader takes.
 */
function readScalar(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c === 0x22) { // a string, up to the first quote: no escapes, no control characters
    const q = t.indexOf('"', i + 1);
    if (q < 0) return -1;
    for (let j = i + 1; j < q; j++) {
      const d = t.charCodeAt(j);
      if (d < 0x20 || d === 0x5c) return -1;
    }
    _read = t.slice(i + 1, q);
    return q + 1;
  }
  if (c === 0x74 || c === 0x66 || c === 0x6e) {
    const word = c === 0x74 ? "true" : c === 0x66 ? "false" : "null";
    if (!t.startsWith(word, i)) return -1;
    _read = c === 0x74 ? true : c === 0x66 ? false : null;
    return i + word.length;
  }
  // A number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  let j = c === 0x2d ? i + 1 : i;
  let d = t.charCodeAt(j);
  if (d === 0x30) d = t.charCodeAt(++j);
  else if (d >= 0x31 && d <= 0x39) {
    do d = t.charCodeAt(++j); while (d >= 0x30 && d <= 0x39);
  } else return -1;
  if (d === 0x2e) {
    const first = j + 1;
    do d = t.charCodeAt(++j); while (d >= 0x30 && d <= 0x39);
    if (j === first) return -1;
  }
  if (d === 0x65 || d === 0x45) {
    d = t.charCodeAt(++j);
    if (d === 0x2b || d === 0x2d) d = t.charCodeAt(++j);
    const first = j;
    while (d >= 0x30 && d <= 0x39) d = t.charCodeAt(++j);
    if (j === first) return -1;
  }
  const x = Number(t.slice(i, j));
  if (x - x !== 0) return -1; // overflowed: the full path says so
  _read = x;
  return j;
}
