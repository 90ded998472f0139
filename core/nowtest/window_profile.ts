/**
 * What a window's rows look like, in bounded memory, for drift: a seeded
 * reservoir sample of rows for the numeric columns (the same rows for every
 * column, so a run is reproducible and columns stay comparable) and exact
 * counts of every level for the category columns.
 *
 * @module
 */
import { createRandom, type Random } from "../random/mod.ts";

/** How a profiled column is summarised. */
export type ProfileKind = "number" | "category";

/** Options of a {@linkcode WindowProfile}. */
export interface ProfileOptions {
  /** Rows kept in the sample at most; default 100,000. */
  sampleSize?: number;
  /** Seed of the sampling; default 1. */
  seed?: number;
}

/**
 * Collects a window's columns batch by batch: numbers into a row reservoir
 * (Vitter's algorithm R), categories into counts.
 *
 * @example
 * ```ts
 * import { WindowProfile } from "./window_profile.ts";
 * const p = new WindowProfile(["number", "category"], { sampleSize: 2 });
 * p.add([Float64Array.of(1, 2, 3), ["a", null, "a"]], 3);
 * if (p.rows !== 3 || p.sample(0).length !== 2 || p.counts(1).get("a") !== 2) throw new Error();
 * ```
 */
export class WindowProfile {
  /** Rows seen. */
  rows = 0;
  /** The kind of each column. */
  readonly kinds: readonly ProfileKind[];
  readonly #size: number;
  readonly #rng: Random;
  readonly #samples: (Float64Array | undefined)[];
  readonly #counts: (Map<string | null, number> | undefined)[];

  /** A profile of columns of `kinds`, in the order {@linkcode WindowProfile.add} gets them. */
  constructor(kinds: readonly ProfileKind[], options: ProfileOptions = {}) {
    this.kinds = kinds;
    this.#size = options.sampleSize ?? 100_000;
    this.#rng = createRandom(options.seed ?? 1);
    this.#samples = kinds.map((k) => k === "number" ? new Float64Array(this.#size) : undefined);
    this.#counts = kinds.map((k) => k === "category" ? new Map() : undefined);
  }

  /** Adds `n` rows: one array of values per column (numbers: NaN or `null` is missing). */
  add(columns: readonly ArrayLike<unknown>[], n: number): void {
    const slots = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const t = this.rows++;
      const j = t < this.#size ? t : Math.floor(this.#rng.next() * (t + 1));
      slots[i] = j < this.#size ? j : -1;
    }
    this.kinds.forEach((kind, c) => {
      const values = columns[c]!;
      if (kind === "number") {
        const sample = this.#samples[c]!;
        for (let i = 0; i < n; i++) if (slots[i]! >= 0) sample[slots[i]!] = _number(values[i]);
      } else {
        const counts = this.#counts[c]!;
        for (let i = 0; i < n; i++) {
          const level = _level(values[i]);
          counts.set(level, (counts.get(level) ?? 0) + 1);
        }
      }
    });
  }

  /** The sampled values of numeric column `c` (NaN for missing). */
  sample(c: number): Float64Array {
    return this.#samples[c]!.subarray(0, Math.min(this.rows, this.#size));
  }

  /** The count of each level of category column `c`; missing values under `null`. */
  counts(c: number): ReadonlyMap<string | null, number> {
    return this.#counts[c]!;
  }
}

function _number(v: unknown): number {
  if (typeof v === "number") return v;
  if (v === null || v === undefined || v === "") return NaN;
  return Number(v);
}

function _level(v: unknown): string | null {
  // null is the level categoryDrift reports as missing.
  if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return null;
  return String(v);
}
