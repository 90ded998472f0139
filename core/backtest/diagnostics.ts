/**
 * What a back-test keeps besides metrics, for its report: calibration bins
 * (classifiers), a sample of residuals (regressors), and the worst-predicted
 * rows as candidates for fixtures. Memory stays bounded however many rows
 * stream through.
 *
 * @module
 */
import type { Label } from "../artifact/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import { predictionOf } from "../model/mod.ts";
import { createRandom, type Random } from "../random/mod.ts";
import type { Table } from "../table/mod.ts";

/** One calibration bin: rows whose predicted probability of the positive (or top) class falls in `[lo, hi)`. */
export interface CalibrationBin {
  /** Lower edge of the bin. */
  lo: number;
  /** Upper edge of the bin. */
  hi: number;
  /** Rows in the bin. */
  rows: number;
  /** Mean predicted probability of the rows in the bin. */
  predicted: number;
  /** Share of those rows where the predicted class was right (binary: the positive class occurred). */
  observed: number;
}

/** A predicted value and its residual (actual − predicted), from a uniform sample of rows. */
export interface ResidualPoint {
  /** The partition of the row. */
  partition: string;
  /** The prediction. */
  predicted: number;
  /** Actual minus predicted. */
  residual: number;
}

/** A row the model got badly wrong: a candidate fixture. */
export interface WorstRow {
  /** The partition of the row. */
  partition: string;
  /** The row's key in the dataset (its time value), for `fixtures add --row-key`. */
  key?: string;
  /** The row's feature values. */
  row: Record<string, unknown>;
  /** The actual label or value. */
  actual: Label;
  /** The predicted label or value. */
  prediction: Label;
  /** Class probabilities, for classifiers. */
  probabilities?: Record<string, number>;
  /** How wrong: log loss of the true class (classifiers) or absolute error (regression). */
  loss: number;
}

/** Everything the report draws besides the per-partition metrics. */
export interface Diagnostics {
  /** Calibration of classifiers, 10 equal-width bins. */
  calibration?: CalibrationBin[];
  /** A uniform sample of residuals of regressors. */
  residuals?: ResidualPoint[];
  /** The worst-predicted rows, worst first. */
  worst: WorstRow[];
  /** Set when the back-test was asked for no diagnostics (`diagnostics: false`): nothing above was collected. */
  omitted?: true;
}

/** How many residuals and worst rows diagnostics keep, in both engines. */
export const DIAGNOSTICS_LIMITS: { readonly sampleSize: number; readonly worstCount: number } = {
  sampleSize: 2000,
  worstCount: 20,
};

/**
 * The 10 equal-width calibration bins from each bin's totals: rows, the sum
 * of their predicted probabilities, and how many were right.
 *
 * @example
 * ```ts
 * import { calibrationBins } from "./diagnostics.ts";
 * const bins = calibrationBins(Array.from({ length: 10 }, (_, k) => ({ rows: k === 9 ? 2 : 0, predicted: 1.9, observed: 1 })));
 * if (bins[9]!.predicted !== 0.95 || bins[9]!.observed !== 0.5 || bins[0]!.predicted !== 0.05) throw new Error();
 * ```
 */
export function calibrationBins(
  totals: readonly { rows: number; predicted: number; observed: number }[],
): CalibrationBin[] {
  return totals.map((b, k) => ({
    lo: k / 10,
    hi: (k + 1) / 10,
    rows: b.rows,
    predicted: b.rows ? b.predicted / b.rows : (k + 0.5) / 10,
    observed: b.rows ? b.observed / b.rows : 0,
  }));
}

/** Collects diagnostics batch by batch. */
export class DiagnosticsCollector {
  #model: CompiledModel;
  #bins = Array.from({ length: 10 }, () => ({ rows: 0, predicted: 0, observed: 0 }));
  #sample: ResidualPoint[] = [];
  /** Rows offered to the residual sample so far. */
  #seen = 0;
  /** The row (counted from the first) that next replaces a sampled one, once the sample is full. */
  #next = 0;
  /** Algorithm L's running weight. */
  #weight = 0;
  #rng: Random = createRandom(1);
  #worst: WorstRow[] = [];
  #sampleSize: number;
  #worstCount: number;
  #keyColumn: string | undefined;

  /**
   * A collector for a model; `sampleSize` residuals and `worstCount` rows
   * kept at most; `keyColumn` names each row in the worst rows (e.g. the time column).
   */
  constructor(
    model: CompiledModel,
    options: { sampleSize?: number; worstCount?: number; keyColumn?: string } = {},
  ) {
    this.#model = model;
    this.#keyColumn = options.keyColumn;
    this.#sampleSize = options.sampleSize ?? DIAGNOSTICS_LIMITS.sampleSize;
    this.#worstCount = options.worstCount ?? DIAGNOSTICS_LIMITS.worstCount;
  }

  /**
   * Adds a scored batch: `target` as `encodeTarget` gives it, `outputs` as
   * the predictor gives them (output-major).
   */
  add(partition: string, table: Table, target: Float64Array, outputs: Float64Array): void {
    if (this.#model.task === "regression") {
      this.#sampleResiduals(partition, table.n, target, outputs);
    } else this.#calibrate(table.n, target, outputs);
    this.#keepWorst(partition, table, target, outputs);
  }

  /**
   * A uniform sample of residuals (reservoir sampling, Li's Algorithm L): once
   * the sample is full, the rows that enter it are drawn by skips, so a row
   * that does not costs nothing.
   */
  #sampleResiduals(
    partition: string,
    n: number,
    target: Float64Array,
    outputs: Float64Array,
  ): void {
    const sample = this.#sample, size = this.#sampleSize, seen = this.#seen;
    const point = (i: number): ResidualPoint => {
      const predicted = outputs[i]!;
      return { partition, predicted, residual: target[i]! - predicted };
    };
    for (let i = 0; i < n && sample.length < size; i++) {
      sample.push(point(i));
      if (sample.length === size) {
        this.#weight = Math.exp(Math.log(this.#uniform()) / size);
        this.#skip(seen + i);
      }
    }
    if (sample.length === size && size > 0) {
      for (let at = this.#next - seen; at < n; at = this.#next - seen) {
        sample[Math.floor(this.#rng.next() * size)] = point(at);
        this.#weight *= Math.exp(Math.log(this.#uniform()) / size);
        this.#skip(this.#next);
      }
    }
    this.#seen = seen + n;
  }

  /** Draws the next row to sample after row `from`. */
  #skip(from: number): void {
    this.#next = from + Math.floor(Math.log(this.#uniform()) / Math.log1p(-this.#weight)) + 1;
  }

  /** A uniform draw in (0, 1]. */
  #uniform(): number {
    return 1 - this.#rng.next();
  }

  /** Bins each row by the positive class's probability (binary) or the top class's (multiclass). */
  #calibrate(n: number, target: Float64Array, outputs: Float64Array): void {
    const m = this.#model, bins = this.#bins;
    for (let i = 0; i < n; i++) {
      const truth = target[i]!;
      let p: number, hit: boolean;
      if (m.width === 2) {
        p = outputs[m.positive * n + i]!;
        hit = truth === m.positive;
      } else {
        let best = 0;
        for (let k = 1; k < m.width; k++) {
          if (outputs[k * n + i]! > outputs[best * n + i]!) best = k;
        }
        p = outputs[best * n + i]!;
        hit = best === truth;
      }
      const bin = bins[Math.min(9, Math.floor(p * 10))]!;
      bin.rows++;
      bin.predicted += p;
      if (hit) bin.observed++;
    }
  }

  /** How wrong row `i` is: log loss of the true class (classifiers) or absolute error. */
  #loss(i: number, n: number, target: Float64Array, outputs: Float64Array): number {
    if (this.#model.task === "regression") return Math.abs(target[i]! - outputs[i]!);
    return -Math.log(Math.max(outputs[target[i]! * n + i]!, 1e-300));
  }

  #keepWorst(partition: string, table: Table, target: Float64Array, outputs: Float64Array): void {
    const n = table.n, m = this.#model, regression = m.task === "regression";
    let floor = this.#worst.length < this.#worstCount ? -Infinity : this.#worst.at(-1)!.loss;
    // A classifier's loss is above the floor only where the true class's probability is below
    // exp(-floor): that test (a little loose, against rounding) spares a logarithm per row.
    let below = Math.exp(-floor) * (1 + 1e-9);
    for (let i = 0; i < n; i++) {
      if (regression) {
        if (!(Math.abs(target[i]! - outputs[i]!) > floor)) continue;
      } else if (!(Math.max(outputs[target[i]! * n + i]!, 1e-300) < below)) continue;
      const loss = this.#loss(i, n, target, outputs);
      if (!(loss > floor)) continue;
      const p = predictionOf(m, outputs, n, i);
      const row: Record<string, unknown> = {};
      for (const f of m.preprocessor.features) {
        const v = table.column(f.name)?.[i];
        row[f.name] = typeof v === "number" && Number.isNaN(v) ? null : v;
      }
      const key = this.#keyColumn === undefined ? undefined : table.column(this.#keyColumn)?.[i];
      this.#worst.push({
        partition,
        ...(key === undefined || key === null ? {} : { key: String(key) }),
        row,
        actual: regression ? target[i]! : m.labels[target[i]!]!,
        prediction: p.prediction,
        ...(p.probabilities ? { probabilities: p.probabilities } : {}),
        loss,
      });
      this.#worst.sort((a, b) => b.loss - a.loss);
      if (this.#worst.length > this.#worstCount) this.#worst.length = this.#worstCount;
      if (this.#worst.length === this.#worstCount) {
        floor = this.#worst.at(-1)!.loss;
        below = Math.exp(-floor) * (1 + 1e-9);
      }
    }
  }

  /** The diagnostics so far. */
  finish(): Diagnostics {
    if (this.#model.task === "regression") {
      return { residuals: [...this.#sample], worst: [...this.#worst] };
    }
    return { calibration: calibrationBins(this.#bins), worst: [...this.#worst] };
  }
}
