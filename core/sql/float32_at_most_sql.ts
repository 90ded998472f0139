/**
 * Float32 comparisons in SQL engines that compute in double.
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";
import { sqlNumber } from "./sql_number.ts";

const _f32 = new Float32Array(1);
const _u32 = new Uint32Array(_f32.buffer);

/** 2^128: where the float32 after the largest finite one would be. */
const _BEYOND_MAX = 2 ** 128;

/**
 * A SQL condition, true exactly when the double `input` rounds to a float32
 * that is ≤ the float32 `f` — what `Math.fround(x) <= f` is in JavaScript
 * and a float32 split is in scikit-learn — written as a plain double
 * comparison with the midpoint between `f` and the next float32:
 * `x < midpoint`, or `x <= midpoint` when a tie rounds to `f` (its last bit
 * is even). So no engine needs a float32 type, and none fails where
 * `CAST(x AS FLOAT)` would (DuckDB refuses values beyond the float32 range,
 * which JavaScript rounds to ±Infinity). NULL and NaN are false.
 *
 * @example
 * ```ts
 * import { float32AtMostSql } from "./float32_at_most_sql.ts";
 * // 0.5 and the next float32 0.50000006 have the midpoint 0.5000000298…; a tie rounds to 0.5.
 * if (float32AtMostSql('"x"', 0.5) !== '"x" <= 5.000000298023224e-1') throw new Error();
 * ```
 */
export function float32AtMostSql(input: string, f: number): string {
  const { bound, inclusive } = float32Boundary(f);
  return `${input} ${inclusive ? "<=" : "<"} ${sqlNumber(bound)}`;
}

/**
 * The double boundary of {@linkcode float32AtMostSql}: `Math.fround(x) <= f`
 * exactly when `x < bound`, or `x <= bound` if `inclusive`. `f` must be a
 * float32 (−Infinity allowed: nothing but values that round to −Infinity).
 *
 * @example
 * ```ts
 * import { float32Boundary } from "./float32_at_most_sql.ts";
 * const { bound, inclusive } = float32Boundary(1);
 * if (Math.fround(bound) !== 1 || !inclusive) throw new Error(); // the tie rounds to even 1
 * ```
 */
export function float32Boundary(f: number): { bound: number; inclusive: boolean } {
  if (Number.isNaN(f) || f === Infinity || Math.fround(f) !== f) {
    throw new RatchetError("internal", `float32Boundary needs a float32 threshold, not ${f}`);
  }
  if (f === -Infinity) {
    // Values from −(2^128 − 2^103) down, the tie included, round to −Infinity.
    const maxFloat = 3.4028234663852886e38;
    return { bound: -((_BEYOND_MAX + maxFloat) / 2), inclusive: true };
  }
  if (f === 0) return { bound: 2 ** -150, inclusive: true };
  _f32[0] = f;
  const bits = _u32[0]!;
  // One float32 towards +Infinity: magnitude up for positives, down for negatives.
  _u32[0] = f > 0 ? bits + 1 : bits - 1;
  const next = _u32[0] === 0x7f800000 ? _BEYOND_MAX : _f32[0]!;
  // Float32s have 24-bit significands, so their midpoint is exact in double.
  return { bound: f / 2 + next / 2, inclusive: (bits & 1) === 0 };
}
