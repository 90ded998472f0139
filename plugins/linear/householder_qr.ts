/**
 * Householder QR factorisation of a tall matrix, applied to a right-hand side
 * on the fly: least squares without ever forming `XᵀX`, whose condition
 * number is the square of `X`'s.
 *
 * @module
 */

/** The triangular factor of `A = QR` and `Qᵀb`. */
export interface QRFactors {
  /** `R` (p × p, upper triangular) as p columns of length p; entries below the diagonal are 0. */
  readonly r: Float64Array[];
  /** The first p entries of `Qᵀb`. */
  readonly qtb: Float64Array;
}

/**
 * Factorises `A` (m × p, m ≥ p, given as p columns of length m) with
 * Householder reflections, LAPACK `dgeqrf` style, and applies the same
 * reflections to `b`. Neither argument is modified.
 *
 * @example
 * ```ts
 * import { householderQR } from "./householder_qr.ts";
 * // A = [[3], [4]], b = [3, 4]: R = ±5 and Qᵀb = ±5, so R⁻¹Qᵀb = 1.
 * const { r, qtb } = householderQR([new Float64Array([3, 4])], new Float64Array([3, 4]));
 * if (Math.abs(Math.abs(r[0]![0]!) - 5) > 1e-15 || Math.abs(qtb[0]! / r[0]![0]! - 1) > 1e-15) {
 *   throw new Error();
 * }
 * ```
 */
export function householderQR(columns: readonly Float64Array[], b: Float64Array): QRFactors {
  const p = columns.length;
  const m = b.length;
  if (m < p) {
    throw new RangeError(`householderQR needs at least as many rows as columns (${m} < ${p})`);
  }
  const a = columns.map((c) => c.slice(0, m));
  const rhs = b.slice();
  for (let k = 0; k < p; k++) {
    const v = a[k]!;
    const norm = _norm(v, k, m);
    if (norm === 0) continue; // already zero below the diagonal: the reflection is the identity
    const alpha = v[k]!;
    // β takes the sign opposite to α so that α − β never cancels.
    const beta = alpha >= 0 ? -norm : norm;
    const pivot = alpha - beta;
    for (let i = k + 1; i < m; i++) v[i] = v[i]! / pivot;
    const tau = (beta - alpha) / beta;
    v[k] = beta;
    for (let j = k + 1; j < p; j++) _reflect(v, tau, k, m, a[j]!);
    _reflect(v, tau, k, m, rhs);
  }
  const r = a.map((col, j) => {
    const out = new Float64Array(p);
    for (let i = 0; i <= j; i++) out[i] = col[i]!;
    return out;
  });
  return { r, qtb: rhs.slice(0, p) };
}

/** Applies `H = I − τ v vᵀ` (v[k] = 1 implicitly, v[k+1..] stored) to `c`. */
function _reflect(v: Float64Array, tau: number, k: number, m: number, c: Float64Array): void {
  let s = c[k]!;
  for (let i = k + 1; i < m; i++) s += v[i]! * c[i]!;
  s *= tau;
  c[k] = c[k]! - s;
  for (let i = k + 1; i < m; i++) c[i] = c[i]! - s * v[i]!;
}

/** ‖v[from..to)‖₂, scaled so that squaring neither overflows nor underflows. */
function _norm(v: Float64Array, from: number, to: number): number {
  let scale = 0;
  for (let i = from; i < to; i++) scale = Math.max(scale, Math.abs(v[i]!));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let sum = 0;
  for (let i = from; i < to; i++) {
    const x = v[i]! / scale;
    sum += x * x;
  }
  return scale * Math.sqrt(sum);
}
