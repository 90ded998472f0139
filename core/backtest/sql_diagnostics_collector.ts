/**
 * Gathering the SQL engine's per-partition diagnostics into the run's, as
 * the JavaScript collector keeps them, and the bounds they set for the
 * partitions still to come.
 *
 * @module
 */
import type { CompiledModel } from "../model/mod.ts";
import { predictionOf } from "../model/mod.ts";
import {
  calibrationBins,
  type Diagnostics,
  DIAGNOSTICS_LIMITS,
  type ResidualPoint,
  type WorstRow,
} from "./diagnostics.ts";
import type { DiagnosticsBounds } from "./sql_diagnostics.ts";
import type { SqlValueKind } from "./sql_js_text.ts";

type Model = Pick<CompiledModel, "task" | "width" | "positive" | "labels" | "preprocessor">;

/** A row's place in the run: the partition's index among those added, and the row's in it. */
type At = [number, number];

/**
 * Keeps the candidates of every partition added: the worst rows by the
 * SQL's loss (then earliest first), the sample by hash (then earliest
 * first), pruned to the limits as they come, so memory stays bounded.
 *
 * @example
 * ```ts ignore
 * const collector = new SqlDiagnosticsCollector(model, "text");
 * collector.add("2015-03", row); // a partition's row of the aggregate query
 * const next = collector.bounds(); // for the next query
 * const diagnostics = collector.finish();
 * ```
 */
export class SqlDiagnosticsCollector {
  #model: Model;
  #keyKind: SqlValueKind;
  #bins = Array.from({ length: 10 }, () => ({ rows: 0, predicted: 0, observed: 0 }));
  #sample: { hash: bigint; at: At; point: ResidualPoint }[] = [];
  #worst: { loss: number; at: At; row: WorstRow }[] = [];
  #partitions = 0;

  /** A collector for `model`; `keyKind` says how the rows' key (the time column) is held. */
  constructor(model: Model, keyKind: SqlValueKind) {
    this.#model = model;
    this.#keyKind = keyKind;
  }

  /** Adds one partition's row of the aggregate query (`_bins`, `_sample`, `_worst`). */
  add(partition: string, row: Record<string, unknown>): void {
    const index = this.#partitions++;
    for (const b of (row._bins ?? []) as Record<string, unknown>[]) {
      const bin = this.#bins[Number(b.bin)]!;
      bin.rows += Number(b.rows);
      bin.predicted += Number(b.predicted);
      bin.observed += Number(b.observed);
    }
    for (const s of (row._sample ?? []) as Record<string, unknown>[]) {
      const point = { partition, predicted: Number(s.predicted), residual: Number(s.residual) };
      this.#sample.push({ hash: BigInt(s.hash as bigint), at: [index, Number(s.row)], point });
    }
    for (const w of (row._worst ?? []) as Record<string, unknown>[]) {
      this.#worst.push({
        loss: Number(w.loss),
        at: [index, Number(w.row)],
        row: this.#worstRow(partition, w),
      });
    }
    if (this.#sample.length > 2 * DIAGNOSTICS_LIMITS.sampleSize) this.#pruneSample();
    if (this.#worst.length > 2 * DIAGNOSTICS_LIMITS.worstCount) this.#pruneWorst();
  }

  /**
   * What later partitions' rows must beat to count: the loss of the last
   * of the worst rows kept, the hash of the last sampled row, once there
   * are enough of them. Later rows lose ties, so a bound is exclusive.
   */
  bounds(): DiagnosticsBounds {
    const { worstCount, sampleSize } = DIAGNOSTICS_LIMITS;
    this.#pruneWorst();
    this.#pruneSample();
    return {
      ...(this.#worst.length === worstCount ? { worstAbove: this.#worst.at(-1)!.loss } : {}),
      ...(this.#sample.length === sampleSize ? { sampleBelow: this.#sample.at(-1)!.hash } : {}),
    };
  }

  /** The diagnostics of every partition added. */
  finish(): Diagnostics {
    this.#pruneWorst();
    // The report orders them by the loss JavaScript computes, as the JavaScript engine does.
    const worst = [...this.#worst]
      .sort((a, b) => b.row.loss - a.row.loss || _first(a.at, b.at))
      .map((w) => w.row);
    if (this.#model.task !== "regression") {
      return { calibration: calibrationBins(this.#bins), worst };
    }
    this.#pruneSample();
    const residuals = [...this.#sample].sort((a, b) => _first(a.at, b.at)).map((s) => s.point);
    return { residuals, worst };
  }

  #pruneWorst(): void {
    this.#worst.sort((a, b) => b.loss - a.loss || _first(a.at, b.at));
    this.#worst.length = Math.min(this.#worst.length, DIAGNOSTICS_LIMITS.worstCount);
  }

  #pruneSample(): void {
    this.#sample.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : _first(a.at, b.at)));
    this.#sample.length = Math.min(this.#sample.length, DIAGNOSTICS_LIMITS.sampleSize);
  }

  /** A worst row as the JavaScript engine reports it, from its struct in the query's row. */
  #worstRow(partition: string, w: Record<string, unknown>): WorstRow {
    const m = this.#model;
    const o = w.outputs as Record<string, unknown>;
    const outputs = Float64Array.from({ length: m.width }, (_, k) => Number(o[`o${k}`]));
    const y = Number(w.y);
    const loss = m.task === "regression"
      ? Math.abs(y - outputs[0]!)
      : -Math.log(Math.max(outputs[y]!, 1e-300));
    const p = predictionOf(m, outputs, 1, 0);
    const raw = w.raw as Record<string, unknown>;
    const values: Record<string, unknown> = {};
    m.preprocessor.features.forEach((f, j) => {
      const v = raw[`f${j}`] ?? null;
      values[f.name] = typeof v === "number" && Number.isNaN(v) ? null : v;
    });
    // A number column's NULL is NaN to the JavaScript engine, which names the row "NaN".
    const key = this.#keyKind === "number" ? (w.key ?? NaN) : w.key;
    return {
      partition,
      ...(key === null || key === undefined ? {} : { key: String(key) }),
      row: values,
      actual: m.task === "regression" ? y : m.labels[y]!,
      prediction: p.prediction,
      ...(p.probabilities ? { probabilities: p.probabilities } : {}),
      loss,
    };
  }
}

function _first(a: At, b: At): number {
  return a[0] - b[0] || a[1] - b[1];
}
