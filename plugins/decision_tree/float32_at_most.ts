/**
 * Float32 thresholds for engines that compare in float32.
 *
 * @module
 */

const _f32 = new Float32Array(1);
const _u32 = new Uint32Array(_f32.buffer);

/**
 * The largest float32 that is ≤ `x`. For every float32 `v`, `v <= x` exactly
 * when `v <= float32AtMost(x)`, so a split keeps its meaning whether a SQL
 * engine compares in float32 or in double. (Rounding a midpoint threshold to
 * the nearest float32 instead can land on the upper value, which must go right.)
 *
 * @example
 * ```ts
 * import { float32AtMost } from "./float32_at_most.ts";
 * const t = float32AtMost(0.1);
 * if (!(t <= 0.1) || Math.fround(t) !== t || Math.fround(0.1) <= 0.1) throw new Error();
 * if (float32AtMost(0.5) !== 0.5) throw new Error();
 * ```
 */
export function float32AtMost(x: number): number {
  const f = Math.fround(x);
  if (f <= x || Number.isNaN(x)) return f;
  // f is the next float32 above x: step one unit towards -Infinity.
  if (f === 0) return -1.401298464324817e-45;
  _f32[0] = f;
  _u32[0] = f > 0 ? _u32[0]! - 1 : _u32[0]! + 1;
  return _f32[0]!;
}
