/**
 * The two-sided sign test: of the partitions where two models differ, does
 * one win more often than a coin would let it?
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";

/** What {@linkcode signTest} found. */
export interface SignTestResult {
  /** Partitions that differ (better + worse); equal ones are left out. */
  n: number;
  /** Partitions where the candidate is better. */
  better: number;
  /** Two-sided p-value of `better` in Binomial(n, 1/2); 1 when n = 0. */
  p_value: number;
}

/**
 * The exact two-sided binomial test of `better` wins out of
 * `better + worse` against p = 1/2, as `scipy.stats.binomtest(better, n)`
 * computes it (for p = 1/2 that is twice the smaller tail, at most 1).
 *
 * @example
 * ```ts
 * import { signTest } from "./sign_test.ts";
 * const r = signTest(9, 1);
 * // 2 · (1 + 10) / 2^10
 * if (r.n !== 10 || Math.abs(r.p_value - 22 / 1024) > 1e-15) throw new Error(String(r.p_value));
 * if (signTest(0, 0).p_value !== 1 || signTest(5, 5).p_value !== 1) throw new Error();
 * ```
 */
export function signTest(better: number, worse: number): SignTestResult {
  for (const [what, v] of [["better", better], ["worse", worse]] as const) {
    if (!Number.isInteger(v) || v < 0) {
      throw invalid(`Invalid sign test count ${what} = ${v}: expected a whole number ≥ 0`);
    }
  }
  const n = better + worse;
  const m = Math.min(better, worse);
  if (2 * m === n) return { n, better, p_value: 1 };
  return { n, better, p_value: Math.min(1, 2 * _lowerTail(m, n)) };
}

// P(X ≤ m) for X ~ Binomial(n, 1/2), m < n/2: the largest term C(n, m) / 2^n as
// a product kept in range by exact powers of two (logs would lose digits to
// the size of n·ln 2), times the sum of the smaller terms in ratios to it.
function _lowerTail(m: number, n: number): number {
  let mantissa = 1, exponent = -n;
  for (let i = 1; i <= m; i++) {
    mantissa *= (n - m + i) / i;
    if (mantissa > 2 ** 512) (mantissa *= 2 ** -512, exponent += 512);
  }
  let sum = 1, ratio = 1;
  for (let i = m; i > 0; i--) {
    ratio *= i / (n - i + 1);
    sum += ratio;
    if (ratio < sum * 1e-17) break;
  }
  return _timesPowerOfTwo(mantissa * sum, exponent);
}

// x · 2^e, in steps that stay exact until the result itself is subnormal.
function _timesPowerOfTwo(x: number, e: number): number {
  while (e < -512) (x *= 2 ** -512, e += 512);
  while (e > 512) (x *= 2 ** 512, e -= 512);
  return x * 2 ** e;
}
