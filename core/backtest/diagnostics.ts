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
}

/** Collects diagnostics batch by batch. */
export class DiagnosticsCollector {
  #model: CompiledModel;
  #bins = Array.from({ length: 10 }, () => ({ rows: 0, predicted: 0, observed: 0 }));
  #sample: ResidualPoint[] = [];
  #seen = 0;
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
    this.#sampleSize = options.sampleSize ?? 2000;
    this.#worstCount = options.worstCount ?? 20;
  }

  /**
   * Adds a scored batch: `target` as `encodeTarget` gives it, `outputs` as
   * the predictor gives them (output-major).
   */
  add(partition: string, table: Table, target: Float64Array, outputs: Float64Array): void {
    const m = this.#model, n = table.n;
    const regression = m.task === "regression";
    const loss = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (regression) {
        const predicted = outputs[i]!, residual = target[i]! - predicted;
        loss[i] = Math.abs(residual);
        this.#seen++;
        if (this.#sample.length < this.#sampleSize) {
          this.#sample.push({ partition, predicted, residual });
        } else {
          const j = Math.floor(this.#rng.next() * this.#seen);
          if (j < this.#sampleSize) this.#sample[j] = { partition, predicted, residual };
        }
      } else {
        const truth = target[i]!;
        const pTrue = outputs[truth * n + i]!;
        loss[i] = -Math.log(Math.max(pTrue, 1e-300));
        // Binary: the positive class's probability; multiclass: the top class's.
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
        const bin = this.#bins[Math.min(9, Math.floor(p * 10))]!;
        bin.rows++;
        bin.predicted += p;
        if (hit) bin.observed++;
      }
    }
    this.#keepWorst(partition, table, target, outputs, loss);
  }

  #keepWorst(
    partition: string,
    table: Table,
    target: Float64Array,
    outputs: Float64Array,
    loss: Float64Array,
  ): void {
    const n = table.n, m = this.#model;
    let floor = this.#worst.length < this.#worstCount ? -Infinity : this.#worst.at(-1)!.loss;
    for (let i = 0; i < n; i++) {
      if (!(loss[i]! > floor)) continue;
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
        actual: m.task === "regression" ? target[i]! : m.labels[target[i]!]!,
        prediction: p.prediction,
        ...(p.probabilities ? { probabilities: p.probabilities } : {}),
        loss: loss[i]!,
      });
      this.#worst.sort((a, b) => b.loss - a.loss);
      if (this.#worst.length > this.#worstCount) this.#worst.length = this.#worstCount;
      if (this.#worst.length === this.#worstCount) floor = this.#worst.at(-1)!.loss;
    }
  }

  /** The diagnostics so far. */
  finish(): Diagnostics {
    if (this.#model.task === "regression") {
      return { residuals: [...this.#sample], worst: [...this.#worst] };
    }
    const calibration = this.#bins.map((b, k) => ({
      lo: k / 10,
      hi: (k + 1) / 10,
      rows: b.rows,
      predicted: b.rows ? b.predicted / b.rows : (k + 0.5) / 10,
      observed: b.rows ? b.observed / b.rows : 0,
    }));
    return { calibration, worst: [...this.#worst] };
  }
}
