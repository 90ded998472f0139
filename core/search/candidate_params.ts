/**
 * The hyperparameter sets a search tries, in a fixed order: a grid (every
 * combination, like scikit-learn's `ParameterGrid`) or seeded random draws
 * (like `ParameterSampler`).
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import type { ParamValue } from "../contract/mod.ts";
import { createRandom, type Random } from "../random/mod.ts";
import type { ParamRange, SearchSpace } from "./search_space.ts";

/** The searched hyperparameters of one candidate (the rest keep their defaults). */
export type CandidateParams = Record<string, ParamValue>;

/** Grid points taken from a range when it does not say `points`. */
export const DEFAULT_GRID_POINTS = 5;

/** More candidates than this is a mistake in the space, not a search. */
export const MAX_CANDIDATES = 100_000;

/** Six significant digits: `C=0.0316228` reads better than its 17 digits and round-trips in JSON. */
function _tidy(x: number, range: ParamRange): number {
  if (range.int) return Math.min(range.max, Math.max(range.min, Math.round(x)));
  return Math.min(range.max, Math.max(range.min, Number(x.toPrecision(6))));
}

function _gridValues(range: ParamRange): number[] {
  const { min, max } = range;
  const points = range.points ?? DEFAULT_GRID_POINTS;
  if (min === max) return [min];
  if (range.int && max - min + 1 <= points) {
    return Array.from({ length: max - min + 1 }, (_, i) => min + i);
  }
  const values = new Set<number>();
  for (let i = 0; i < points; i++) {
    const t = i / (points - 1);
    const x = i === 0
      ? min
      : i === points - 1
      ? max
      : range.log
      ? Math.exp(Math.log(min) + t * (Math.log(max) - Math.log(min)))
      : min + t * (max - min);
    values.add(i === 0 || i === points - 1 ? x : _tidy(x, range));
  }
  return [...values];
}

/**
 * Every combination of the space's values, the last parameter (in sorted
 * order) varying fastest. A range contributes `points` values, evenly
 * spaced (on a log scale when `log`), bounds included.
 *
 * @example
 * ```ts
 * import { gridCandidates } from "./candidate_params.ts";
 * const grid = gridCandidates({ a: [1, 2], b: { min: 1, max: 100, log: true, points: 3 } });
 * if (JSON.stringify(grid.map((c) => [c.a, c.b])) !== "[[1,1],[1,10],[1,100],[2,1],[2,10],[2,100]]") throw new Error();
 * ```
 */
export function gridCandidates(space: SearchSpace): CandidateParams[] {
  const keys = Object.keys(space).sort();
  const axes = keys.map((k) => {
    const entry = space[k]!;
    return Array.isArray(entry) ? entry : _gridValues(entry);
  });
  const total = axes.reduce((n, values) => n * values.length, 1);
  if (total > MAX_CANDIDATES) {
    throw invalid(
      `The grid has ${total} candidates (${
        keys.map((k, j) => `${k}: ${axes[j]!.length}`).join(" × ")
      }), more than ${MAX_CANDIDATES}: narrow the space, lower "points", or use --random N`,
    );
  }
  const out: CandidateParams[] = [];
  for (let index = 0; index < total; index++) {
    const params: CandidateParams = {};
    let rest = index;
    for (let j = keys.length - 1; j >= 0; j--) {
      const values = axes[j]!;
      params[keys[j]!] = values[rest % values.length]!;
      rest = Math.floor(rest / values.length);
    }
    out.push(Object.fromEntries(keys.map((k) => [k, params[k]!])));
  }
  return out;
}

function _draw(range: ParamRange, rng: Random): number {
  const u = rng.next();
  const top = range.int ? range.max + 1 : range.max;
  const x = range.log
    ? Math.exp(Math.log(range.min) + u * (Math.log(top) - Math.log(range.min)))
    : range.min + u * (top - range.min);
  return range.int ? Math.min(range.max, Math.floor(x)) : _tidy(x, range);
}

/**
 * `n` distinct candidates drawn with `createRandom(seed)`: per candidate,
 * per parameter in sorted order, a uniform pick from a list or a uniform
 * (log-uniform with `log`) draw from a range. Fewer than `n` come back when
 * the space holds fewer distinct combinations.
 *
 * @example
 * ```ts
 * import { randomCandidates } from "./candidate_params.ts";
 * const space = { C: { min: 0.001, max: 1000, log: true }, penalty: ["l2", "none"] };
 * const a = randomCandidates(space, 4, 7), b = randomCandidates(space, 4, 7);
 * if (JSON.stringify(a) !== JSON.stringify(b) || a.length !== 4) throw new Error();
 * if (randomCandidates({ fit_intercept: [true, false] }, 5, 1).length !== 2) throw new Error();
 * ```
 */
export function randomCandidates(space: SearchSpace, n: number, seed: number): CandidateParams[] {
  if (!Number.isInteger(n) || n < 1) {
    throw invalid(`--random ${n}: give the number of candidates to draw, a whole number ≥ 1`);
  }
  if (n > MAX_CANDIDATES) {
    throw invalid(`--random ${n}: at most ${MAX_CANDIDATES} candidates per search`);
  }
  const keys = Object.keys(space).sort();
  const rng = createRandom(seed);
  const seen = new Set<string>();
  const out: CandidateParams[] = [];
  // Small discrete spaces run out of new combinations; stop trying long before looping forever.
  for (let attempt = 0; out.length < n && attempt < n * 50 + 100; attempt++) {
    const params: CandidateParams = {};
    for (const key of keys) {
      const entry = space[key]!;
      params[key] = Array.isArray(entry) ? entry[rng.int(entry.length)]! : _draw(entry, rng);
    }
    const id = JSON.stringify(params);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(params);
  }
  return out;
}
