/**
 * Scored rows for the metrics' tests: generated targets and model outputs
 * covering random data, ties, constant predictors, single-class partitions,
 * multiclass models and regression targets with zeros.
 *
 * @module
 */
import type { Task } from "../contract/mod.ts";
import { createRandom, type Random } from "../random/mod.ts";

/** Rows scored by a model: targets and output-major outputs (`width` per row). */
export interface ScoredRows {
  name: string;
  task: Task;
  classes: number;
  positive?: number;
  target: Float64Array;
  outputs: Float64Array;
}

function _softmaxRows(logits: number[][]): Float64Array {
  const n = logits.length, k = logits[0]!.length;
  const out = new Float64Array(n * k);
  logits.forEach((row, i) => {
    const max = Math.max(...row);
    const e = row.map((v) => Math.exp(v - max));
    const sum = e.reduce((a, b) => a + b, 0);
    e.forEach((v, c) => (out[c * n + i] = v / sum));
  });
  return out;
}

/** Binary probabilities that lean towards the true class; `round` makes ties. */
function _binary(
  name: string,
  seed: number,
  n: number,
  options: { positive?: number; round?: number; allPositive?: boolean; extremes?: boolean } = {},
): ScoredRows {
  const random = createRandom(seed);
  const target = new Float64Array(n);
  const outputs = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const y = options.allPositive ? (options.positive ?? 1) : random.int(2);
    target[i] = y;
    let p1 = 1 / (1 + Math.exp(-(1.2 * (2 * y - 1) + 1.5 * random.normal())));
    if (options.round) p1 = Math.round(p1 * options.round) / options.round;
    if (options.extremes && random.next() < 0.1) p1 = random.next() < 0.5 ? 0 : 1;
    outputs[i] = 1 - p1;
    outputs[n + i] = p1;
  }
  return { name, task: "binary", classes: 2, positive: options.positive ?? 1, target, outputs };
}

function _constantBinary(name: string, seed: number, n: number, p1: number): ScoredRows {
  const random = createRandom(seed);
  const target = Float64Array.from({ length: n }, () => random.int(2));
  const outputs = new Float64Array(2 * n);
  outputs.fill(1 - p1, 0, n).fill(p1, n);
  return { name, task: "binary", classes: 2, positive: 1, target, outputs };
}

/** Multiclass probabilities; `palette` draws each row from a few fixed rows (ties); `absent` classes never occur. */
function _multiclass(
  name: string,
  seed: number,
  n: number,
  k: number,
  options: { palette?: number; absent?: number[]; skill?: number } = {},
): ScoredRows {
  const random = createRandom(seed);
  const palette = Array.from(
    { length: options.palette ?? 0 },
    () => Array.from({ length: k }, () => random.normal()),
  );
  const target = new Float64Array(n);
  const logits: number[][] = [];
  for (let i = 0; i < n; i++) {
    let y = random.int(k);
    while (options.absent?.includes(y)) y = random.int(k);
    target[i] = y;
    if (palette.length > 0) {
      const row = palette[random.int(palette.length)]!.slice();
      logits.push(row);
    } else {
      logits.push(
        Array.from({ length: k }, (_, c) => (c === y ? options.skill ?? 1 : 0) + random.normal()),
      );
    }
  }
  return { name, task: "multiclass", classes: k, target, outputs: _softmaxRows(logits) };
}

function _regression(
  name: string,
  seed: number,
  n: number,
  make: (random: Random, i: number) => [number, number],
): ScoredRows {
  const random = createRandom(seed);
  const target = new Float64Array(n), outputs = new Float64Array(n);
  for (let i = 0; i < n; i++) [target[i], outputs[i]] = make(random, i);
  return { name, task: "regression", classes: 1, target, outputs };
}

/**
 * The cases every metrics test runs over.
 *
 * @example
 * ```ts
 * import { SCORED_CASES } from "./_scored_cases.ts";
 * if (!SCORED_CASES.some((c) => c.task === "multiclass")) throw new Error();
 * ```
 */
export const SCORED_CASES: readonly ScoredRows[] = [
  _binary("binary, random", 1, 1000),
  _binary("binary, many ties (scores rounded to 0.1)", 2, 800, { round: 10 }),
  _binary("binary, ties at 0.01, positive class 0", 3, 600, { round: 100, positive: 0 }),
  _binary("binary, probabilities of exactly 0 and 1", 4, 500, { extremes: true }),
  _constantBinary("binary, constant predictor at 0.5 (argmax ties → class 0)", 5, 300, 0.5),
  _constantBinary("binary, constant predictor at 0.8", 6, 300, 0.8),
  _binary("binary, single-class partition", 7, 200, { allPositive: true }),
  _binary("binary, single-class partition, positive class 0", 8, 150, {
    allPositive: true,
    positive: 0,
  }),
  _binary("binary, 3 rows", 9, 3),
  _multiclass("4 classes, random", 10, 1000, 4),
  _multiclass("4 classes, many ties (6 distinct rows)", 11, 700, 4, { palette: 6 }),
  _multiclass("5 classes, class 3 absent", 12, 400, 5, { absent: [3] }),
  _multiclass("3 classes, weak model", 13, 300, 3, { skill: 0.05 }),
  _multiclass("9 classes, strong model", 14, 900, 9, { skill: 3 }),
  _regression("regression, random", 20, 1000, (r) => {
    const y = 10 * r.normal();
    return [y, y + r.normal()];
  }),
  _regression("regression, zeros in the target (mape)", 21, 500, (r, i) => {
    const y = i % 7 === 0 ? 0 : r.normal() * 3;
    return [y, y + 0.5 * r.normal()];
  }),
  _regression("regression, large offset", 22, 800, (r) => {
    const y = 1e6 + r.normal();
    return [y, y + 0.1 * r.normal()];
  }),
  _regression("regression, constant target", 23, 100, (r) => [4.25, 4.25 + r.normal()]),
  _regression("regression, perfect predictions", 24, 50, (r) => {
    const y = r.normal();
    return [y, y];
  }),
];

/**
 * The outputs of rows `start…end-1`, still output-major, with their targets and count.
 *
 * @example
 * ```ts
 * import { type ScoredRows, sliceRows } from "./_scored_cases.ts";
 * const rows: ScoredRows = {
 *   name: "three rows",
 *   task: "binary",
 *   classes: 2,
 *   target: Float64Array.of(0, 1, 1),
 *   outputs: Float64Array.of(0.9, 0.2, 0.4, 0.1, 0.8, 0.6),
 * };
 * const [target, outputs, n] = sliceRows(rows, 1, 3);
 * if (n !== 2 || target.join() !== "1,1" || outputs.join() !== "0.2,0.4,0.8,0.6") throw new Error();
 * ```
 */
export function sliceRows(
  c: ScoredRows,
  start: number,
  end: number,
): [Float64Array, Float64Array, number] {
  const n = c.target.length, m = end - start;
  const width = c.task === "regression" ? 1 : c.classes;
  const outputs = new Float64Array(width * m);
  for (let k = 0; k < width; k++) {
    outputs.set(c.outputs.subarray(k * n + start, k * n + end), k * m);
  }
  return [c.target.slice(start, end), outputs, m];
}
