/**
 * A back-test's diagnostics aggregated in DuckDB: calibration bins, a
 * reproducible uniform sample of residuals, and the worst-predicted rows,
 * with the JavaScript engine's definitions (loss, bins, limits). The sample
 * holds the rows with the smallest hash of (partition, row), which is
 * uniform and the same on every run however many threads DuckDB uses.
 *
 * @module
 */
import { quoteString } from "../data/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import { predictionOf } from "../model/mod.ts";
import {
  calibrationBins,
  type Diagnostics,
  DIAGNOSTICS_LIMITS,
  type ResidualPoint,
  type WorstRow,
} from "./diagnostics.ts";
import type { SqlValueKind } from "./sql_js_text.ts";
import type { SqlSource } from "./sql_source.ts";

type Model = Pick<CompiledModel, "task" | "width" | "positive" | "labels" | "preprocessor">;

/** What diagnostics need in SQL: columns of the scored rows, and aggregate subqueries over them. */
export interface DiagnosticsSql {
  /** Columns the scored rows carry (`expression AS alias`), over `_row`, `_y`, `_o0…` and the raw columns. */
  readonly scored: string[];
  /** Aggregate subqueries over `_scored`, each `(SELECT …) AS alias`. */
  readonly select: string[];
}

/**
 * The SQL of a model's diagnostics for one partition: `source` gives the
 * raw feature values (for the worst rows), `key` the raw key column.
 *
 * @example
 * ```ts ignore
 * const { scored, select } = diagnosticsSql(model, source, '"date"', "2015-03");
 * ```
 */
export function diagnosticsSql(
  model: Model,
  source: SqlSource,
  key: string,
  partition: string,
): DiagnosticsSql {
  const o = Array.from({ length: model.width }, (_, k) => `_o${k}`);
  const raw = model.preprocessor.features.map((f, j) => `'f${j}': ${source.column(f.name)}`);
  const scored = [`{${raw.join(", ")}} AS _raw`, `${key} AS _key`];
  const worst =
    `(SELECT max_by({'row': _row, 'y': _y, 'outputs': [${o}], 'raw': _raw, 'key': _key}, ` +
    `{'loss': _loss, 'first': -_row}, ${DIAGNOSTICS_LIMITS.worstCount}) FROM _scored) AS _worst`;
  if (model.task === "regression") {
    scored.push("abs(_y - _o0) AS _loss");
    const hash = `hash(_row, ${quoteString(partition)})`;
    return {
      scored,
      select: [
        worst,
        `(SELECT min_by({'row': _row, 'predicted': _o0, 'residual': _y - _o0, 'hash': ${hash}}, ` +
        `${hash}, ${DIAGNOSTICS_LIMITS.sampleSize}) FROM _scored) AS _sample`,
      ],
    };
  }
  const truth = `CASE _y ${o.map((x, k) => `WHEN ${k} THEN ${x}`).join(" ")} END`;
  scored.push(`-ln(greatest(${truth}, 1e-300)) AS _loss`);
  // Binary: the positive class's probability; multiclass: the top class's, right when it is the truth.
  if (model.width === 2) {
    scored.push(`_o${model.positive} AS _p`, `_y = ${model.positive} AS _hit`);
  } else {
    scored.push(
      `list_max([${o}]) AS _p`,
      `list_position([${o}], list_max([${o}])) - 1 = _y AS _hit`,
    );
  }
  return {
    scored,
    select: [
      worst,
      `(SELECT list({'bin': b, 'rows': n, 'predicted': p, 'observed': h}) FROM (SELECT ` +
      `least(9, CAST(floor(_p * 10) AS INTEGER)) AS b, count(*) AS n, fsum(_p) AS p, count_if(_hit) AS h ` +
      `FROM _scored GROUP BY ALL)) AS _bins`,
    ],
  };
}

/** Gathers the partitions' diagnostics into one, as the JavaScript collector keeps them over the run. */
export class SqlDiagnosticsCollector {
  #model: Model;
  #keyKind: SqlValueKind;
  #bins = Array.from({ length: 10 }, () => ({ rows: 0, predicted: 0, observed: 0 }));
  #sample: { hash: bigint; at: [number, number]; point: ResidualPoint }[] = [];
  #worst: { at: [number, number]; row: WorstRow }[] = [];
  #partitions = 0;

  /** A collector for `model`; `keyKind` says how the rows' key (the time column) is held. */
  constructor(model: Model, keyKind: SqlValueKind) {
    this.#model = model;
    this.#keyKind = keyKind;
  }

  /** Adds one partition's row of the aggregate query. */
  add(partition: string, row: Record<string, unknown>): void {
    const m = this.#model, index = this.#partitions++;
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
      const outputs = Float64Array.from(w.outputs as number[]);
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
      this.#worst.push({
        at: [index, Number(w.row)],
        row: {
          partition,
          ...(key === null || key === undefined ? {} : { key: String(key) }),
          row: values,
          actual: m.task === "regression" ? y : m.labels[y]!,
          prediction: p.prediction,
          ...(p.probabilities ? { probabilities: p.probabilities } : {}),
          loss,
        },
      });
    }
  }

  /** The diagnostics of every partition added. */
  finish(): Diagnostics {
    const first = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];
    const worst = this.#worst
      .sort((a, b) => b.row.loss - a.row.loss || first(a.at, b.at))
      .slice(0, DIAGNOSTICS_LIMITS.worstCount)
      .map((w) => w.row);
    if (this.#model.task !== "regression") {
      return { calibration: calibrationBins(this.#bins), worst };
    }
    const residuals = this.#sample
      .sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : first(a.at, b.at)))
      .slice(0, DIAGNOSTICS_LIMITS.sampleSize)
      .sort((a, b) => first(a.at, b.at))
      .map((s) => s.point);
    return { residuals, worst };
  }
}
