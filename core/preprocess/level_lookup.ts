/**
 * From raw values to level codes: a category feature's levels, or a
 * classifier's class labels. `"3"` matches the level 3 and vice versa, so
 * CSV text and JSON numbers mean the same thing.
 *
 * @module
 */
import type { Label } from "../artifact/mod.ts";

/** Code of a missing category value. */
export const MISSING: -1 = -1;
/** Code of a category value that is not one of the feature's levels. */
export const UNKNOWN: -2 = -2;

/**
 * Distinct raw values a lookup remembers; beyond, it computes each code
 * afresh, so that a column of many unknown values cannot grow it unbounded.
 */
const _MEMO_LIMIT = 4096;
/** Small whole numbers (class indices, 0/1 labels) are looked up in an array rather than a Map. */
const _DENSE = 64;
/** A dense entry not resolved yet. */
const _UNRESOLVED = -3;

/**
 * How a label is keyed for lookups: `s:a`, `n:3`, `b:true`.
 *
 * @example
 * ```ts
 * import { labelKey } from "./level_lookup.ts";
 * if (labelKey(3) !== "n:3" || labelKey("3") !== "s:3" || labelKey(true) !== "b:true") throw new Error();
 * ```
 */
export function labelKey(v: Label): string {
  return typeof v === "string" ? `s:${v}` : typeof v === "number" ? `n:${v}` : `b:${v}`;
}

/**
 * A lookup from raw values to level codes that accepts "3" for the level 3 and vice versa.
 *
 * @example
 * ```ts
 * import { levelLookup, UNKNOWN } from "./level_lookup.ts";
 * const code = levelLookup([3, "basic"]);
 * if (code(3) !== 0 || code("3") !== 0 || code("basic") !== 1 || code("pro") !== UNKNOWN) throw new Error();
 * ```
 */
export function levelLookup(levels: readonly Label[]): (v: unknown) => number {
  const code = _keyedLookup(levels);
  // A code depends on the raw value alone, so each distinct string or number
  // is resolved once and then found without building its key: a column holds
  // few distinct values and many rows. Numbers that are SameValueZero-equal
  // have the same text, so a Map keyed by the number is exact.
  const strings = new Map<string, number>();
  const numbers = new Map<number, number>();
  const small = new Int32Array(_DENSE).fill(_UNRESOLVED);
  const ifTrue = code(true), ifFalse = code(false);
  return (v) => {
    if (typeof v === "string") {
      let k = strings.get(v);
      if (k === undefined) {
        k = code(v);
        if (strings.size < _MEMO_LIMIT) strings.set(v, k);
      }
      return k;
    }
    if (typeof v === "number") {
      // -0 lands on 0, which has the same text.
      const j = v | 0;
      if (j === v && j >= 0 && j < _DENSE) {
        const k = small[j]!;
        return k !== _UNRESOLVED ? k : (small[j] = code(j));
      }
      let k = numbers.get(v);
      if (k === undefined) {
        k = code(v);
        if (numbers.size < _MEMO_LIMIT) numbers.set(v, k);
      }
      return k;
    }
    if (typeof v === "boolean") return v ? ifTrue : ifFalse;
    return UNKNOWN;
  };
}

/** The lookup's rules, by keys as {@linkcode labelKey} writes them. */
function _keyedLookup(levels: readonly Label[]): (v: unknown) => number {
  const map = new Map<string, number>();
  levels.forEach((l, k) => map.set(labelKey(l), k));
  return (v) => {
    if (typeof v === "string") {
      const s = map.get(`s:${v}`);
      if (s !== undefined) return s;
      const t = v.trim();
      if (t !== "" && Number.isFinite(Number(t))) {
        const n = map.get(`n:${Number(t)}`);
        if (n !== undefined) return n;
      }
      if (t === "true" || t === "false") return map.get(`b:${t}`) ?? UNKNOWN;
      return UNKNOWN;
    }
    if (typeof v === "number" || typeof v === "boolean") {
      return map.get(labelKey(v)) ?? map.get(`s:${v}`) ?? UNKNOWN;
    }
    return UNKNOWN;
  };
}

/**
 * This module's definitions as exported code embeds them (see `jsSource` in
 * core/contract): a bundle reads category values exactly as ratchet does.
 *
 * @example
 * ```ts
 * import { LEVEL_LOOKUP_JS } from "./level_lookup.ts";
 * import { jsSource } from "../contract/mod.ts";
 * const lookup = new Function(`${jsSource(LEVEL_LOOKUP_JS)}\nreturn levelLookup;`)();
 * if (lookup([3, "basic"])("3") !== 0) throw new Error();
 * ```
 */
export const LEVEL_LOOKUP_JS = {
  MISSING,
  UNKNOWN,
  _MEMO_LIMIT,
  _DENSE,
  _UNRESOLVED,
  labelKey,
  levelLookup,
  _keyedLookup,
};
