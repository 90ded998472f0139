/**
 * A back-test's diagnostics aggregated in DuckDB: calibration bins, a
 * reproducible uniform sample of residuals, and the worst-predicted rows,
 * with the JavaScript engine's definitions (loss, bins, limits). The sample
 * holds the rows with the smallest hash of (row, partition), which is
 * uniform and the same on every run however many threads DuckDB uses.
 *
 * Keeping the worst rows and the sample costs a heap per partition that
 * DuckDB feeds every row, unless a bound from the partitions already done
 * tells which rows can still enter: then only those reach the heaps.
 *
 * @module
 */
import { sqlNumber } from "../sql/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import { DIAGNOSTICS_LIMITS } from "./diagnostics.ts";
import { argmaxSql } from "./sql_metrics.ts";
import type { SqlSource } from "./sql_source.ts";

type Model = Pick<CompiledModel, "task" | "width" | "positive" | "preprocessor">;

/** What the partitions already done say about rows still to come (see `SqlDiagnosticsCollector.bounds`). */
export interface DiagnosticsBounds {
  /** Only a row whose loss is larger can still be among the worst. */
  readonly worstAbove?: number;
  /** Only a row whose hash is smaller can still enter the residual sample. */
  readonly sampleBelow?: bigint;
}

/** Where the diagnostics read a row's values. */
export interface DiagnosticsSource {
  /** The raw feature values, as the JavaScript engine reads them. */
  readonly source: SqlSource;
  /** The row's key (the time column) as DuckDB reads it. */
  readonly key: string;
  /** The text of a key, as the JavaScript engine reads it, from the key's SQL. */
  readonly keyText: (key: string) => string;
  /** The partition's seed of the sample's hash (an integer, from its label). */
  readonly seed: string;
}

/**
 * The diagnostics in a query over scored rows `_s` (`_part`, `_row`, `_y`,
 * `_o0…`), aggregated as `MetricsSql` is: by partition and `keys`, then
 * per partition.
 */
export interface DiagnosticsSql {
  /** Columns each scored row carries (`expression AS alias`). */
  readonly scored: string[];
  /** Columns that split a partition's rows into groups (a few values each). */
  readonly keys: string[];
  /** Aggregates of a group (`aggregate AS alias`). */
  readonly aggregates: string[];
  /** Aggregates of a partition over its groups' columns (`aggregate AS alias`). */
  readonly select: string[];
}

/**
 * The SQL of a model's diagnostics, where only rows within `bounds` reach
 * the worst rows and the sample.
 *
 * @example
 * ```ts ignore
 * const d = diagnosticsSql(model, { source, key: "_t", keyText: (k) => k, seed: "7" }, {});
 * ```
 */
export function diagnosticsSql(
  model: Model,
  input: DiagnosticsSource,
  bounds: DiagnosticsBounds,
): DiagnosticsSql {
  const o = Array.from({ length: model.width }, (_, k) => `_o${k}`);
  const raw = model.preprocessor.features.map((f, j) => `'f${j}': ${input.source.column(f.name)}`);
  const scored = [`{${raw.join(", ")}} AS _raw`, `${input.key} AS _key`];
  // Structs, not lists: DuckDB builds a struct of the row's columns without copying them.
  const outputs = `{${o.map((x, k) => `'o${k}': ${x}`).join(", ")}}`;
  const above = bounds.worstAbove === undefined
    ? ""
    : ` FILTER (WHERE _loss > ${_double(bounds.worstAbove)})`;
  const aggregates = [
    `max_by({'row': _row, 'y': _y, 'outputs': ${outputs}, 'raw': _raw, 'key': _key, 'loss': _loss}, ` +
    `{'loss': _loss, 'first': -_row}, ${DIAGNOSTICS_LIMITS.worstCount})${above} AS _worst_g`,
  ];
  const select = [
    `list_transform(flatten(list(_worst_g) FILTER (WHERE _worst_g IS NOT NULL)), lambda x: ` +
    `{'row': x.row, 'y': x.y, 'outputs': x.outputs, 'raw': x.raw, 'key': ${
      input.keyText("x.key")
    }, ` +
    `'loss': x.loss}) AS _worst`,
  ];
  if (model.task === "regression") {
    scored.push("abs(_y - _o0) AS _loss", `hash(_row, ${input.seed}) AS _hash`);
    const below = bounds.sampleBelow === undefined
      ? ""
      : ` FILTER (WHERE _hash < ${bounds.sampleBelow}::UBIGINT)`;
    aggregates.push(
      `min_by({'row': _row, 'predicted': _o0, 'residual': _y - _o0, 'hash': _hash}, _hash, ` +
        `${DIAGNOSTICS_LIMITS.sampleSize})${below} AS _sample_g`,
    );
    select.push("flatten(list(_sample_g) FILTER (WHERE _sample_g IS NOT NULL)) AS _sample");
    return { scored, keys: [], aggregates, select };
  }
  const truth = `CASE _y ${o.map((x, k) => `WHEN ${k} THEN ${x}`).join(" ")} END`;
  scored.push(`-ln(greatest(${truth}, 1e-300)) AS _loss`);
  // Binary: the positive class's probability; multiclass: the top class's, right when it is the truth.
  const [p, hit] = model.width === 2
    ? [`_o${model.positive}`, `_y = ${model.positive}`]
    : [`greatest(${o.join(", ")})`, `${argmaxSql(model.width)} = _y`];
  scored.push(
    `${p} AS _p`,
    `${hit} AS _hit`,
    `least(9, CAST(floor(${p} * 10) AS INTEGER)) AS _bin`,
  );
  aggregates.push("fsum(_p) AS _p_sum", "count_if(_hit) AS _hits");
  select.push(
    "list({'bin': _bin, 'rows': _n, 'predicted': _p_sum, 'observed': _hits}) AS _bins",
  );
  return { scored, keys: ["_bin"], aggregates, select };
}

function _double(x: number): string {
  return Number.isFinite(x) ? sqlNumber(x) : `'${x}'::DOUBLE`;
}
