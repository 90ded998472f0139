/**
 * The random numbers of scikit-learn's tree splitter, reproduced bit for bit
 * so that a tree fitted here visits features in the order scikit-learn does.
 *
 * @module
 */

/** scikit-learn's `RAND_R_MAX`: splitter states are drawn below it. */
export const RAND_R_MAX = 0x7fffffff;

/**
 * scikit-learn's `our_rand_r` (a 32-bit xorshift) and `rand_int`. Its state
 * is what scikit-learn draws once per tree with
 * `RandomState(random_state).randint(0, RAND_R_MAX)`; starting from that
 * state, every draw equals scikit-learn's.
 *
 * @example
 * ```ts
 * import { SplitterRandom } from "./splitter_random.ts";
 * const a = new SplitterRandom(42), b = new SplitterRandom(42);
 * const k = a.int(3, 10);
 * if (k < 3 || k >= 10 || k !== b.int(3, 10)) throw new Error();
 * ```
 */
export class SplitterRandom {
  #state: number;

  constructor(state: number) {
    this.#state = state >>> 0;
  }

  /** An integer in `[low, high)`, `high > low`. */
  int(low: number, high: number): number {
    // A zero state would stay zero; scikit-learn replaces it by DEFAULT_SEED = 1.
    let s = this.#state === 0 ? 1 : this.#state;
    s = (s ^ (s << 13)) >>> 0;
    s = (s ^ (s >>> 17)) >>> 0;
    s = (s ^ (s << 5)) >>> 0;
    this.#state = s;
    return low + (s & RAND_R_MAX) % (high - low);
  }
}
