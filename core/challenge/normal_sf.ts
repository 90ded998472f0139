/**
 * The upper tail of the standard normal distribution, accurate to about
 * 1e-14 relative: the Wilcoxon test's normal approximation needs p-values
 * that agree with scipy's, and JavaScript has no `erfc`.
 *
 * @module
 */

const _SQRT_PI = Math.sqrt(Math.PI);

/**
 * P(Z > z) for a standard normal Z (scipy's `norm.sf`).
 *
 * @example
 * ```ts
 * import { normalSf } from "./normal_sf.ts";
 * if (normalSf(0) !== 0.5) throw new Error();
 * if (Math.abs(normalSf(1.959963984540054) - 0.025) > 1e-15) throw new Error(String(normalSf(1.96)));
 * if (Math.abs(normalSf(-1) - (1 - normalSf(1))) > 1e-15) throw new Error();
 * ```
 */
export function normalSf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const x = z / Math.SQRT2;
  return x >= 0 ? 0.5 * _erfc(x) : 1 - 0.5 * _erfc(-x);
}

// erfc(x) for x ≥ 0: a series without cancellation where it converges fast,
// a continued fraction in the tail, where 1 - erf would lose every digit.
function _erfc(x: number): number {
  if (x < 2) return 1 - _erf(x);
  if (x > 27) return 0;
  return Math.exp(-x * x) / _SQRT_PI * _tailFraction(x);
}

// erf(x) = 2/√π · e^(-x²) · Σ (2x²)^k x / (1·3·…·(2k+1)); every term positive.
function _erf(x: number): number {
  const x2 = x * x;
  let term = x, sum = x;
  for (let k = 1; k < 500; k++) {
    term *= (2 * x2) / (2 * k + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return (2 / _SQRT_PI) * Math.exp(-x2) * sum;
}

// 1 / (x + (1/2) / (x + 1 / (x + (3/2) / (x + …)))), by the modified Lentz method.
function _tailFraction(x: number): number {
  const tiny = 1e-300;
  let f = x, c = x, d = 0;
  for (let k = 1; k < 5000; k++) {
    const a = k / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / f;
}
