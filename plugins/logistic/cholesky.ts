/**
 * Solving a symmetric positive definite system, the Newton step of a convex
 * objective.
 *
 * @module
 */

/**
 * Solves `A x = b` by Cholesky factorisation `A = LLᵀ`, in place: `a`
 * (`dim × dim`, row-major, symmetric) is overwritten by `L`, and `b` by `x`.
 * Returns false, leaving both partly overwritten, when `A` is not
 * numerically positive definite (a pivot ≤ dim·ε times the largest diagonal
 * entry), which for a Hessian means the objective is flat in some direction.
 *
 * @example
 * ```ts
 * import { choleskySolve } from "./cholesky.ts";
 * const a = new Float64Array([4, 2, 2, 3]); // [[4, 2], [2, 3]]
 * const b = new Float64Array([2, 5]);
 * if (!choleskySolve(a, 2, b)) throw new Error("not positive definite");
 * if (Math.abs(b[0]! + 0.5) > 1e-15 || Math.abs(b[1]! - 2) > 1e-15) throw new Error(String(b));
 * if (choleskySolve(new Float64Array([1, 1, 1, 1]), 2, new Float64Array(2))) throw new Error();
 * ```
 */
export function choleskySolve(a: Float64Array, dim: number, b: Float64Array): boolean {
  let largest = 0;
  for (let i = 0; i < dim; i++) largest = Math.max(largest, Math.abs(a[i * dim + i]!));
  const floor = dim * Number.EPSILON * largest;
  for (let j = 0; j < dim; j++) {
    let d = a[j * dim + j]!;
    for (let k = 0; k < j; k++) d -= a[j * dim + k]! * a[j * dim + k]!;
    if (!(d > floor)) return false;
    const ljj = Math.sqrt(d);
    a[j * dim + j] = ljj;
    for (let i = j + 1; i < dim; i++) {
      let s = a[i * dim + j]!;
      for (let k = 0; k < j; k++) s -= a[i * dim + k]! * a[j * dim + k]!;
      a[i * dim + j] = s / ljj;
    }
  }
  // L y = b, then Lᵀ x = y.
  for (let i = 0; i < dim; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= a[i * dim + k]! * b[k]!;
    b[i] = s / a[i * dim + i]!;
  }
  for (let i = dim - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < dim; k++) s -= a[k * dim + i]! * b[k]!;
    b[i] = s / a[i * dim + i]!;
  }
  return true;
}
