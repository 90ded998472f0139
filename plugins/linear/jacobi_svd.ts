/**
 * Singular value decomposition by one-sided (Hestenes) Jacobi rotations:
 * simple, and accurate to high relative precision even for tiny singular
 * values, which is what deciding the numerical rank needs.
 *
 * @module
 */

/** `A = U diag(σ) Vᵀ`, each factor as a list of columns. */
export interface SVD {
  /** The singular values, one per column of `A`, in no particular order. */
  readonly sigma: Float64Array;
  /** Left singular vectors (length m); the zero vector where σ = 0. */
  readonly u: Float64Array[];
  /** Right singular vectors (length p), orthonormal. */
  readonly v: Float64Array[];
}

/** Sweeps after which the rotations stop even if some pair is still not orthogonal to `tol`. */
const MAX_SWEEPS = 100;

/**
 * Decomposes `A` (m × p, given as p columns of length m; any m) by rotating
 * pairs of its columns until they are mutually orthogonal. `A` is not
 * modified.
 *
 * @example
 * ```ts
 * import { jacobiSVD } from "./jacobi_svd.ts";
 * // Columns [3, 0] and [4, 0]: rank 1, the non-zero singular value is 5.
 * const { sigma } = jacobiSVD([new Float64Array([3, 0]), new Float64Array([4, 0])]);
 * const sorted = Array.from(sigma).sort((a, b) => b - a);
 * if (Math.abs(sorted[0]! - 5) > 1e-14 || sorted[1]! > 1e-15) throw new Error(String(sorted));
 * ```
 */
export function jacobiSVD(columns: readonly Float64Array[]): SVD {
  const p = columns.length;
  const m = p === 0 ? 0 : columns[0]!.length;
  const a = columns.map((c) => c.slice());
  const v = Array.from({ length: p }, (_, j) => {
    const col = new Float64Array(p);
    col[j] = 1;
    return col;
  });
  const tol = Number.EPSILON * Math.sqrt(Math.max(m, 1));
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let i = 0; i < p - 1; i++) {
      for (let j = i + 1; j < p; j++) {
        const ai = a[i]!, aj = a[j]!;
        let alpha = 0, beta = 0, gamma = 0;
        for (let r = 0; r < m; r++) {
          alpha += ai[r]! * ai[r]!;
          beta += aj[r]! * aj[r]!;
          gamma += ai[r]! * aj[r]!;
        }
        if (!(Math.abs(gamma) > tol * Math.sqrt(alpha) * Math.sqrt(beta))) continue;
        rotated = true;
        // The rotation angle that zeroes the pair's inner product (Rutishauser's formulas).
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.hypot(1, zeta));
        const c = 1 / Math.hypot(1, t);
        const s = c * t;
        _rotate(ai, aj, c, s);
        _rotate(v[i]!, v[j]!, c, s);
      }
    }
    if (!rotated) break;
  }
  const sigma = new Float64Array(p);
  const u = a.map((col, j) => {
    const norm = _norm(col);
    sigma[j] = norm;
    if (norm > 0) { for (let r = 0; r < m; r++) col[r] = col[r]! / norm; }
    else col.fill(0);
    return col;
  });
  return { sigma, u, v };
}

function _rotate(x: Float64Array, y: Float64Array, c: number, s: number): void {
  for (let r = 0; r < x.length; r++) {
    const xr = x[r]!, yr = y[r]!;
    x[r] = c * xr - s * yr;
    y[r] = s * xr + c * yr;
  }
}

function _norm(x: Float64Array): number {
  let scale = 0;
  for (let r = 0; r < x.length; r++) scale = Math.max(scale, Math.abs(x[r]!));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let sum = 0;
  for (let r = 0; r < x.length; r++) sum += (x[r]! / scale) ** 2;
  return scale * Math.sqrt(sum);
}
