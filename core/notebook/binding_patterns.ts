/**
 * Reading the names a declaration binds, at the token level: plain names,
 * object and array destructuring (with renames, defaults and rest), type
 * annotations skipped. Shared by top-level declarations, nested ones and
 * parameter lists.
 *
 * @module
 */
import { type Brackets, endsAtBreak } from "./cell_syntax.ts";
import type { Token } from "./tokenize.ts";

/** Tokens of a cell with their brackets, and which tokens are not reads of a name. */
export interface TokenWalk {
  /** The tokens. */
  tokens: readonly Token[];
  /** Their brackets. */
  brackets: Brackets;
  /** 1 for a token that is not a read: a binding, a type, a property name. */
  skip: Uint8Array;
}

/**
 * Reads the binding target at token `i` (a name, or an object or array
 * pattern), pushing the index of each bound name to `out`. Returns the index
 * after the target.
 *
 * @example
 * ```ts
 * import { tokenize } from "./tokenize.ts";
 * import { matchBrackets } from "./cell_syntax.ts";
 * import { bindingTarget } from "./binding_patterns.ts";
 * const tokens = tokenize("{ a, b: [c, , ...d], e = f, ...g }");
 * const walk = { tokens, brackets: matchBrackets(tokens), skip: new Uint8Array(tokens.length) };
 * const out: number[] = [];
 * bindingTarget(walk, 0, out);
 * if (out.map((i) => tokens[i]!.text).join() !== "a,c,d,e,g") throw new Error();
 * ```
 */
export function bindingTarget(walk: TokenWalk, i: number, out: number[]): number {
  const t = walk.tokens[i];
  if (t === undefined) return i;
  if (t.kind === "name") {
    out.push(i);
    walk.skip[i] = 1;
    return i + 1;
  }
  const close = walk.brackets.match[i]!;
  if (t.kind !== "punct" || close < i) return i + 1;
  if (t.text === "{") {
    for (const [a, b] of elements(walk, i)) _objectElement(walk, a, b, out);
  } else if (t.text === "[") {
    for (const [a, b] of elements(walk, i)) {
      if (a === b) continue; // a hole
      // A default value (`[x = 1]`) is code: left for the reads pass.
      bindingTarget(walk, walk.tokens[a]!.text === "..." ? a + 1 : a, out);
    }
  }
  return close + 1;
}

function _objectElement(walk: TokenWalk, a: number, b: number, out: number[]): void {
  const { tokens, brackets } = walk;
  if (a === b) return;
  if (tokens[a]!.text === "...") {
    bindingTarget(walk, a + 1, out);
    return;
  }
  // `key: target`, `[computed]: target`, or the shorthand `name`.
  let k = a;
  if (brackets.match[k]! > k) k = brackets.match[k]!;
  if (tokens[k + 1]?.text === ":" && k + 1 < b) {
    if (tokens[a]!.kind === "name") walk.skip[a] = 1;
    bindingTarget(walk, k + 2, out);
  } else {
    bindingTarget(walk, a, out);
  }
}

/**
 * The comma-separated elements inside the group opened at `open`, as
 * `[first, end)` token ranges.
 *
 * @example
 * ```ts
 * import { tokenize } from "./tokenize.ts";
 * import { matchBrackets } from "./cell_syntax.ts";
 * import { elements } from "./binding_patterns.ts";
 * const tokens = tokenize("(a, f(b, c), d)");
 * const walk = { tokens, brackets: matchBrackets(tokens), skip: new Uint8Array(tokens.length) };
 * if (elements(walk, 0).length !== 3) throw new Error();
 * ```
 */
export function elements(walk: TokenWalk, open: number): [number, number][] {
  const close = walk.brackets.match[open]!;
  if (close < open) return [];
  const out: [number, number][] = [];
  let start = open + 1;
  for (let k = open + 1; k < close; k++) {
    const end = walk.brackets.match[k]!;
    if (end > k) k = end;
    else if (walk.tokens[k]!.text === ",") {
      out.push([start, k]);
      start = k + 1;
    }
  }
  if (start < close) out.push([start, close]);
  return out;
}

const _PARAM_STOPS = new Set([",", "="]);
const _DECLARATOR_STOPS = new Set([",", "=", ";", "in", "of"]);
const _MODIFIERS = new Set(["public", "private", "protected", "readonly", "override"]);

/**
 * The names a parameter list (the group opened at `open`) binds; type
 * annotations and TypeScript modifiers are marked as not reads.
 *
 * @example
 * ```ts
 * import { tokenize } from "./tokenize.ts";
 * import { matchBrackets } from "./cell_syntax.ts";
 * import { parameters } from "./binding_patterns.ts";
 * const tokens = tokenize("(a: Map<string, number>, { b } = c, ...d: T[])");
 * const walk = { tokens, brackets: matchBrackets(tokens), skip: new Uint8Array(tokens.length) };
 * const names = parameters(walk, 0).map((i) => tokens[i]!.text);
 * if (names.join() !== "a,b,d") throw new Error(names.join());
 * ```
 */
export function parameters(walk: TokenWalk, open: number): number[] {
  const { tokens, brackets } = walk;
  const close = brackets.match[open]!;
  const out: number[] = [];
  if (close < open) return out;
  let at = open + 1;
  while (at < close) {
    while (tokens[at]?.kind === "name" && _MODIFIERS.has(tokens[at]!.text) && at + 1 < close) {
      walk.skip[at++] = 1;
    }
    if (tokens[at]?.text === "...") at++;
    let k: number;
    if (tokens[at]?.text === "this") {
      walk.skip[at] = 1;
      k = at + 1;
    } else k = bindingTarget(walk, at, out);
    if (tokens[k]?.text === "?") walk.skip[k++] = 1;
    if (tokens[k]?.text === ":") k = skipType(walk, k + 1, close, _PARAM_STOPS);
    // A default value is code: left for the reads pass.
    while (k < close && tokens[k]!.text !== ",") {
      const end = brackets.match[k]!;
      k = end > k ? end + 1 : k + 1;
    }
    at = k + 1;
  }
  return out;
}

/**
 * Reads a `const`/`let`/`var` declarator list starting at token `i` (just
 * after the keyword) and ending before `end`; returns the bound names'
 * token indices and the index where the list stops.
 *
 * @example
 * ```ts
 * import { tokenize } from "./tokenize.ts";
 * import { matchBrackets } from "./cell_syntax.ts";
 * import { declarators } from "./binding_patterns.ts";
 * const tokens = tokenize("const a: Record<string, T> = f(x, y), [b] = z\nc");
 * const walk = { tokens, brackets: matchBrackets(tokens), skip: new Uint8Array(tokens.length) };
 * const { names } = declarators(walk, 1, tokens.length);
 * if (names.map((i) => tokens[i]!.text).join() !== "a,b") throw new Error();
 * ```
 */
export function declarators(
  walk: TokenWalk,
  i: number,
  end: number,
): { names: number[]; next: number } {
  const { tokens, brackets } = walk;
  const names: number[] = [];
  let k = i;
  for (;;) {
    k = bindingTarget(walk, k, names);
    if (tokens[k]?.text === "!") walk.skip[k++] = 1;
    if (tokens[k]?.text === ":") k = skipType(walk, k + 1, end, _DECLARATOR_STOPS);
    if (tokens[k]?.text === "=") {
      // Skip the initializer: up to a comma at this level or the end of the statement.
      k++;
      while (k < end) {
        const t = tokens[k]!;
        if (t.text === "," || t.text === ";" || (t.nl && endsAtBreak(tokens, brackets, k))) break;
        const close = brackets.match[k]!;
        k = close > k ? close + 1 : k + 1;
      }
    }
    if (k < end && tokens[k]!.text === "," && !tokens[k]!.nl) k++;
    else if (k < end && tokens[k]!.text === ",") k++;
    else return { names, next: k };
  }
}

/**
 * Marks a type annotation starting at `k` as not reads, up to a token of
 * `stops` outside any `<…>` or bracket (or a statement end, or `end`), and
 * returns where it stops.
 *
 * @example
 * ```ts
 * import { tokenize } from "./tokenize.ts";
 * import { matchBrackets } from "./cell_syntax.ts";
 * import { skipType } from "./binding_patterns.ts";
 * const tokens = tokenize("Map<K, Array<V>> = x");
 * const walk = { tokens, brackets: matchBrackets(tokens), skip: new Uint8Array(tokens.length) };
 * if (tokens[skipType(walk, 0, tokens.length, new Set(["=", ","]))]?.text !== "=") throw new Error();
 * ```
 */
export function skipType(
  walk: TokenWalk,
  k: number,
  end: number,
  stops: ReadonlySet<string>,
): number {
  const { tokens, brackets } = walk;
  let angles = 0;
  for (; k < end; k++) {
    const t = tokens[k]!;
    if (angles === 0 && t.kind !== "string" && stops.has(t.text)) return k;
    if (
      angles === 0 && t.nl && k > 0 && endsAtBreak(tokens, brackets, k) && !/^[|&]$/.test(t.text)
    ) {
      return k;
    }
    if (t.kind === "punct") {
      if (t.text === "<") angles++;
      else if (/^>+$/.test(t.text)) angles = Math.max(0, angles - t.text.length);
    }
    const close = brackets.match[k]!;
    if (close > k) {
      walk.skip.fill(1, k, close + 1);
      k = close;
    } else if (close >= 0 && close < k) return k; // the group around the type ends
    walk.skip[k] = 1;
  }
  return k;
}
