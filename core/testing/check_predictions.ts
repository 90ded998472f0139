/**
 * Contract check: a compiled predictor's batch and row paths agree, and its
 * outputs are finite and well-formed, on random rows that probe numerics.
 *
 * @module
 */
import type { ModelShape, Plugin } from "../contract/mod.ts";
import type { Random } from "../random/mod.ts";

/**
 * Random input columns: mostly moderate values, some zeros and some large magnitudes.
 *
 * @example
 * ```ts
 * import { randomColumns } from "./check_predictions.ts";
 * import { createRandom } from "../random/mod.ts";
 * const columns = randomColumns(createRandom(1), 3, 100);
 * if (columns.length !== 3 || columns[0]!.length !== 100) throw new Error();
 * ```
 */
export function randomColumns(rng: Random, p: number, n: number): Float64Array[] {
  const cols = Array.from({ length: p }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const r = rng.next();
      // Mostly moderate values, some zeros and some large magnitudes, to probe numerics.
      cols[j]![i] = r < 0.05 ? 0 : r < 0.1 ? (rng.next() - 0.5) * 2e4 : rng.normal() * 3;
    }
  }
  return cols;
}

/**
 * Compiles `coefficients` and checks 257 random rows: batch equals row (within
 * `tol`), with and without an `out` buffer, inputs untouched, outputs finite,
 * probabilities in [0, 1] summing to 1, and an empty batch.
 *
 * @example
 * ```ts
 * import { checkPredictions } from "./check_predictions.ts";
 * import { createRandom } from "../random/mod.ts";
 * import linear from "../../plugins/linear/mod.ts";
 * const shape = { task: "regression", inputs: ["x", "y"], classes: 1 } as const;
 * const coefficients = linear.parse({ intercept: 1, weights: [2, -3] }, shape);
 * checkPredictions(linear, shape, coefficients, createRandom(1), 0);
 * ```
 */
export function checkPredictions(
  plugin: Plugin,
  shape: ModelShape,
  coefficients: unknown,
  rng: Random,
  tol: number,
): void {
  const predictor = plugin.compile(coefficients, shape);
  const width = shape.task === "regression" ? 1 : shape.classes;
  if (predictor.width !== width) throw new Error(`width is ${predictor.width}, expected ${width}`);
  const n = 257;
  const p = shape.inputs.length;
  const cols = randomColumns(rng, p, n);
  const copies = cols.map((c) => c.slice());
  const out = predictor.predictBatch(cols, n);
  if (out.length < width * n) {
    throw new Error(`predictBatch returned ${out.length} values, expected ${width * n}`);
  }
  cols.forEach((c, j) => {
    for (let i = 0; i < n; i++) {
      if (!Object.is(c[i], copies[j]![i])) throw new Error("predictBatch modified its input");
    }
  });
  const reused = new Float64Array(width * n + 7).fill(123);
  predictor.predictBatch(cols, n, reused);
  const row = new Float64Array(p);
  const rowOut = new Float64Array(width);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) row[j] = cols[j]![i]!;
    const single = predictor.predictRow(row, rowOut);
    const fresh = predictor.predictRow(Array.from(row));
    let sum = 0;
    for (let k = 0; k < width; k++) {
      const b = out[k * n + i]!;
      if (!Number.isFinite(b)) throw new Error(`row ${i}: output ${k} is ${b}, not finite`);
      if (!Object.is(reused[k * n + i], b)) {
        throw new Error(`row ${i}: batch with a given out buffer differs`);
      }
      for (const s of [single[k]!, fresh[k]!]) {
        if (!(Math.abs(s - b) <= tol) && !Object.is(s, b)) {
          throw new Error(
            `row ${i}, output ${k}: predictRow gave ${s}, predictBatch ${b} (tolerance ${tol})`,
          );
        }
      }
      if (width > 1) {
        if (b < 0 || b > 1) throw new Error(`row ${i}: probability ${k} is ${b}, outside [0, 1]`);
        sum += b;
      }
    }
    if (width > 1 && Math.abs(sum - 1) > 1e-9) {
      throw new Error(`row ${i}: probabilities sum to ${sum}, not 1`);
    }
  }
  const empty = predictor.predictBatch(shape.inputs.map(() => new Float64Array(0)), 0);
  if (!(empty instanceof Float64Array)) {
    throw new Error("predictBatch on 0 rows must return a Float64Array");
  }
}
