/**
 * The weights of a linear model without intercept: minimum-norm least
 * squares (scipy's `lstsq`, as scikit-learn's LinearRegression uses it) or
 * ridge (scikit-learn's Ridge).
 *
 * @module
 */
import { householderQR } from "./householder_qr.ts";
import { jacobiSVD } from "./jacobi_svd.ts";

/**
 * Minimises `‖y − Xw‖² + alpha‖w‖²` over `w`, for `X` given as columns of
 * length `y.length`; nothing is modified.
 *
 * - `alpha = 0`: among all minimisers, the one of least norm, which is unique
 *   even when columns are collinear or there are fewer rows than columns.
 *   Singular values `≤ ε·σ_max` (ε = 2⁻⁵²) count as zero, exactly the rule of
 *   `scipy.linalg.lstsq` (LAPACK `gelsd` with `cond = eps`).
 * - `alpha > 0`: the ridge solution, from the QR factorisation of `[X; √alpha·I]`,
 *   which is the same minimiser as scikit-learn's Cholesky solve of
 *   `(XᵀX + alpha·I)w = Xᵀy` without squaring the condition number.
 *
 * @example
 * ```ts
 * import { leastSquares } from "./least_squares.ts";
 * // y = 2x exactly.
 * const w = leastSquares([new Float64Array([1, 2, 3])], new Float64Array([2, 4, 6]), 0);
 * if (Math.abs(w[0]! - 2) > 1e-15) throw new Error(String(w));
 * // Duplicated column: the minimum-norm solution splits the weight evenly.
 * const x = new Float64Array([1, 2, 3]);
 * const d = leastSquares([x, x], new Float64Array([2, 4, 6]), 0);
 * if (Math.abs(d[0]! - 1) > 1e-14 || Math.abs(d[1]! - 1) > 1e-14) throw new Error(String(d));
 * ```
 */
export function leastSquares(
  columns: readonly Float64Array[],
  y: Float64Array,
  alpha: number,
): Float64Array {
  const p = columns.length;
  const n = y.length;
  if (alpha > 0) return _ridge(columns, y, alpha);
  if (p === 0) return new Float64Array(0);
  // With at least as many rows as columns, QR first shrinks the problem to p × p.
  const { a, rhs } = n >= p ? _reduced(columns, y) : { a: columns, rhs: y };
  const { sigma, u, v } = jacobiSVD(a);
  const cutoff = Number.EPSILON * Math.max(...sigma);
  const w = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    const s = sigma[k]!;
    if (!(s > cutoff)) continue;
    let coef = 0;
    const uk = u[k]!;
    for (let r = 0; r < rhs.length; r++) coef += uk[r]! * rhs[r]!;
    coef /= s;
    const vk = v[k]!;
    for (let j = 0; j < p; j++) w[j] = w[j]! + coef * vk[j]!;
  }
  return w;
}

function _reduced(columns: readonly Float64Array[], y: Float64Array) {
  const { r, qtb } = householderQR(columns, y);
  return { a: r, rhs: qtb };
}

function _ridge(columns: readonly Float64Array[], y: Float64Array, alpha: number): Float64Array {
  const p = columns.length;
  const n = y.length;
  const root = Math.sqrt(alpha);
  const augmented = columns.map((c, j) => {
    const col = new Float64Array(n + p);
    col.set(c.subarray(0, n));
    col[n + j] = root;
    return col;
  });
  const b = new Float64Array(n + p);
  b.set(y);
  const { r, qtb } = householderQR(augmented, b);
  // R is non-singular: its columns include √alpha·I, so back substitution is safe.
  const w = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = qtb[i]!;
    for (let j = i + 1; j < p; j++) s -= r[j]![i]! * w[j]!;
    w[i] = s / r[i]![i]!;
  }
  return w;
}
