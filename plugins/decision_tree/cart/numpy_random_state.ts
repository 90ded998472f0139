/**
 * numpy's legacy `RandomState` (MT19937), the generator scikit-learn draws
 * each tree's splitter state from, so a `random_state` here means what it
 * means in scikit-learn.
 *
 * @module
 */

const _N = 624;
const _M = 397;

/**
 * `numpy.random.RandomState(seed)` for an integer seed: the same 32-bit
 * words, `randint(0, high)` and `uniform()` draws as numpy's legacy
 * generator.
 *
 * @example
 * ```ts
 * import { NumpyRandomState } from "./numpy_random_state.ts";
 * // numpy.random.RandomState(5489) starts like the reference MT19937.
 * if (new NumpyRandomState(5489).uint32() !== 3499211612) throw new Error();
 * const r = new NumpyRandomState(0);
 * const k = r.randint(10);
 * if (!Number.isInteger(k) || k < 0 || k >= 10) throw new Error();
 * ```
 */
export class NumpyRandomState {
  readonly #mt = new Uint32Array(_N);
  #index = _N;

  /** `seed` is an integer in [0, 2³² − 1], like numpy's. */
  constructor(seed: number) {
    const mt = this.#mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < _N; i++) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      // 1812433253 · prev + i in 32 bits, split to stay exact in doubles.
      mt[i] =
        (((((prev & 0xffff0000) >>> 16) * 1812433253) << 16) + (prev & 0x0000ffff) * 1812433253 +
          i) >>> 0;
    }
  }

  /** The next 32-bit word (`genrand_int32`). */
  uint32(): number {
    if (this.#index >= _N) this.#twist();
    let y = this.#mt[this.#index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `randint(0, high)` for `1 ≤ high ≤ 2³²`: masked rejection sampling, as numpy's legacy generator. */
  randint(high: number): number {
    const range = high - 1;
    if (range === 0) return 0;
    let mask = range;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    do value = (this.uint32() & mask) >>> 0; while (value > range);
    return value;
  }

  /** `uniform()` / `random_sample()`: a double in [0, 1) from two words. */
  uniform(): number {
    const a = this.uint32() >>> 5, b = this.uint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  #twist(): void {
    const mt = this.#mt;
    for (let i = 0; i < _N; i++) {
      const y = (mt[i]! & 0x80000000) | (mt[(i + 1) % _N]! & 0x7fffffff);
      mt[i] = mt[(i + _M) % _N]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.#index = 0;
  }
}
