/**
 * Gathering the SQL engine's per-partition diagnostics into the run's, as
 * the JavaScript collector keeps them, and the bounds they set for the
 * partitions still to come.
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";
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

/** One of the worst rows: its details, once read (a candidate may come without them). */
interface _Worst {
  loss: number;
  at: At;
  partition: string;
  row?: WorstRow;
}

/**
 * Keeps the candidates of every partition added: the worst rows by the
 * SQL's loss (then earliest first), the sample by hash (then earliest
 * first), pruned to the limits as they come, so memory stays bounded.
 *
 * @example
 * ```ts ignore
 * const collector = new SqlDiagnosticsCollector(model, "text", sampleBound(rows, 2000));
 * collector.add("2015-03", row); // a partition's row of the aggregate query
 * const next = collector.bounds(); // for the next query
 * for (const [partition, rows] of collector.missing()) collector.addDetails(partition, rowOf(partition, rows));
 * const diagnostics = collector.finish();
 * ```
 */
export class SqlDiagnosticsCollector {
  #model: Model;
  #keyKind: SqlValueKind;
  #sampleBelow: bigint;
  #bins = Array.from({ length: 10 }, () => ({ rows: 0, predicted: 0, observed: 0 }));
  #sample: { hash: bigint; at: At; point: ResidualPoint }[] = [];
  #worst: _Worst[] = [];
  #partitions = 0;

  /**
   * A collector for `model`; `keyKind` says how the rows' key (the time
   * column) is held; no row whose hash is above `sampleBelow` is sampled.
   */
  constructor(model: Model, keyKind: SqlValueKind, sampleBelow: bigint) {
    this.#model = model;
    this.#keyKind = keyKind;
    this.#sampleBelow = sampleBelow;
  }

  /**
   * Adds one partition's row of the aggregate query: `_bins`, `_sample`,
   * and `_worst` or `_cand` with `_top` (its worst candidate's details, as JSON).
   */
  add(partition: string, row: Record<string, unknown>): void {
    const index = this.#partitions++;
    for (const b of (row._bins ?? []) as Record<string, unknown>[]) {
      const bin = this.#bins[Number(b.bin)]!;
      bin.rows += Number(b.rows);
      bin.predicted += Number(b.predicted);
      bin.observed += Number(b.observed);
    }
    for (const [at, predicted, residual, hash] of _records(row._sample)) {
      const point = { partition, predicted: Number(predicted), residual: Number(residual) };
      this.#sample.push({ hash: BigInt(hash!), at: [index, Number(at)], point });
    }
    for (const w of (row._worst ?? []) as Record<string, unknown>[]) {
      const at: At = [index, Number(w.row)];
      this.#worst.push({ loss: Number(w.loss), at, partition, row: this.#worstRow(partition, w) });
    }
    const top = typeof row._top === "string"
      ? JSON.parse(row._top) as Record<string, unknown>
      : undefined;
    for (const [at, loss] of _records(row._cand)) {
      const detailed = top && Number(top.row) === Number(at);
      this.#worst.push({
        loss: Number(loss),
        at: [index, Number(at)],
        partition,
        ...(detailed ? { row: this.#worstRow(partition, top) } : {}),
      });
    }
    if (this.#sample.length > 2 * DIAGNOSTICS_LIMITS.sampleSize) this.#pruneSample();
    if (this.#worst.length > 2 * DIAGNOSTICS_LIMITS.worstCount) this.#pruneWorst();
  }

  /**
   * What later partitions' rows must beat to count: the loss of the last
   * of the worst rows kept, once there are enough of them, and the hash of
   * the last sampled row (or the bound set at the start). Later rows lose
   * ties, so the loss bound is exclusive.
   */
  bounds(): DiagnosticsBounds {
    const { worstCount, sampleSize } = DIAGNOSTICS_LIMITS;
    this.#pruneWorst();
    this.#pruneSample();
    const last = this.#sample.length === sampleSize ? this.#sample.at(-1)!.hash : undefined;
    return {
      ...(this.#worst.length === worstCount ? { worstAbove: this.#worst.at(-1)!.loss } : {}),
      sampleBelow: last !== undefined && last < this.#sampleBelow ? last : this.#sampleBelow,
    };
  }

  /** The worst rows kept whose details are still to read: their rows (from 0) by partition. */
  missing(): Map<string, number[]> {
    this.#pruneWorst();
    const missing = new Map<string, number[]>();
    for (const w of this.#worst) {
      if (!w.row) missing.set(w.partition, [...missing.get(w.partition) ?? [], w.at[1]]);
    }
    return missing;
  }

  /** The details of rows {@linkcode SqlDiagnosticsCollector.missing} named, as a query's `_worst`. */
  addDetails(partition: string, worst: readonly Record<string, unknown>[]): void {
    for (const w of worst) {
      const kept = this.#worst.find((k) => k.partition === partition && k.at[1] === Number(w.row));
      if (kept) kept.row = this.#worstRow(partition, w);
    }
  }

  /** The diagnostics of every partition added; every worst row kept must have its details. */
  finish(): Diagnostics {
    this.#pruneWorst();
    const lacking = this.#worst.find((w) => !w.row);
    if (lacking) {
      throw new RatchetError(
        "internal",
        `The SQL engine could not read row ${
          lacking.at[1] + 1
        } of partition ${lacking.partition} ` +
          "again for the worst rows (did its files change during the back-test?); " +
          "back-test with --engine js",
      );
    }
    // The report orders them by the loss JavaScript computes, as the JavaScript engine does.
    const worst = [...this.#worst]
      .sort((a, b) => b.row!.loss - a.row!.loss || _first(a.at, b.at))
      .map((w) => w.row!);
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

/** The records of a `;`-separated text of space-separated fields (none for NULL). */
function _records(text: unknown): string[][] {
  return typeof text === "string" && text !== "" ? text.split(";").map((r) => r.split(" ")) : [];
}

function _first(a: At, b: At): number {
  return a[0] - b[0] || a[1] - b[1];
}
