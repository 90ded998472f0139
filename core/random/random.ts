/**
 * A small, seeded, fast pseudo-random generator (xoshiro128**), so that fits,
 * searches and tests are reproducible for a given seed on every platform.
 *
 * @module
 */

/** A seeded source of random numbers. */
export interface Random {
  /** A float in [0, 1) with 53 random bits. */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** A standard normal draw (Box–Muller). */
  normal(): number;
  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T;
  /** The raw 32-bit output. */
  uint32(): number;
}

/**
 * Creates a generator from an integer seed; the same seed gives the same
 * sequence everywhere.
 *
 * @example
 * ```ts
 * import { createRandom } from "./random.ts";
 * const a = createRandom(42), b = createRandom(42);
 * if (a.next() !== b.next()) throw new Error("not reproducible");
 * const k = a.int(10);
 * if (k < 0 || k >= 10 || !Number.isInteger(k)) throw new Error();
 * ```
 */
export function createRandom(seed: number): Random {
  // SplitMix32 expands the seed into the four words of state.
  let x = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  const split = () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = split(), s1 = split(), s2 = split(), s3 = split();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  let spare: number | undefined;

  const uint32 = (): number => {
    const result = Math.imul(_rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = _rotl(s3, 11);
    return result;
  };
  const next = () => ((uint32() >>> 5) * 67108864 + (uint32() >>> 6)) / 9007199254740992;
  return {
    uint32,
    next,
    int(n: number): number {
      return Math.floor(next() * n);
    },
    normal(): number {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = items[i];
        items[i] = items[j];
        items[j] = tmp;
      }
      return items;
    },
  };
}

function _rotl(v: number, k: number): number {
  return (v << k) | (v >>> (32 - k));
}
