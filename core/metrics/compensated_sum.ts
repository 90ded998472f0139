/**
 * A running sum that stays accurate over millions of terms.
 *
 * @module
 */

/**
 * Neumaier's compensated summation: the rounding error of every addition is
 * carried separately, so the sum is accurate to about one rounding of the
 * total, whatever the number of terms (a plain running sum loses about one
 * rounding per term). Metrics must agree with scikit-learn to 1e-12.
 *
 * @example
 * ```ts
 * import { CompensatedSum } from "./compensated_sum.ts";
 * const s = new CompensatedSum();
 * for (let i = 0; i < 10; i++) s.add(0.1);
 * if (s.value !== 1) throw new Error(String(s.value)); // a plain sum gives 0.9999999999999999
 * ```
 */
export class CompensatedSum {
  #sum = 0;
  #compensation = 0;

  /** Adds one term. */
  add(x: number): void {
    const sum = this.#sum;
    const t = sum + x;
    this.#compensation += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
    this.#sum = t;
  }

  /** Adds another sum's terms. */
  merge(other: CompensatedSum): void {
    const sum = other.#sum, compensation = other.#compensation;
    this.add(sum);
    this.#compensation += compensation;
  }

  /** The sum so far. */
  get value(): number {
    return this.#sum + this.#compensation;
  }
}
