/**
 * A back-test's diagnostics aggregated in DuckDB: calibration bins, a
 * reproducible uniform sample of residuals, and the worst-predicted rows,
 * with the JavaScript engine's definitions (loss, bins, limits).
 *
 * The sample holds the rows with the smallest hash of their row number
 * (mixed with their partition label's): uniform, and the same on every run
 * however many threads DuckDB uses. Which rows can make it is known before
 * any row is read (a hash below a bound set from the number of rows to
 * come), so the query only writes out those few rows, in text, with
 * aggregates DuckDB updates row by row without a heap.
 *
 * The worst rows need a heap (`max_by(…, n)`) until the partitions done
 * give a bound on the loss; then a query only lists each partition's rows
 * above it (their number and loss) and the details of its single worst row,
 * again without a heap, so DuckDB aggregates each partition as it reads its
 * files. A row among the worst overall that was not its partition's worst
 * has its details read afterwards, with the heap restricted to its row.
 *
 * @module
 */
import { quoteString } from "../data/mod.ts";
import { sqlNumber } from "../sql/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import { DIAGNOSTICS_LIMITS } from "./diagnostics.ts";
import { argmaxSql } from "./sql_metrics.ts";
import type { SqlValueKind } from "./sql_js_text.ts";
import type { SqlSource } from "./sql_source.ts";

type Model = Pick<CompiledModel, "task" | "width" | "positive" | "preprocessor">;

/** What the query keeps of the worst rows and of the sample (see `SqlDiagnosticsCollector.bounds`). */
export interface DiagnosticsBounds {
  /**
   * Only a row whose loss is larger can still be among the worst: the query
   * lists those rows (`_cand`) and details each partition's worst (`_top`).
   * Unset, it keeps each partition's worst rows with their details (`_worst`).
   */
  readonly worstAbove?: number;
  /**
   * Instead: the details of exactly these rows (numbers in their partition,
   * from 0, by partition label), as `_worst`.
   */
  readonly worstRows?: ReadonlyMap<string, readonly number[]>;
  /** Only a row whose hash is at most this can enter the residual sample. */
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
  /** How that text is held (a number column's key stays a number). */
  readonly keyKind: SqlValueKind;
  /** The row's partition label (VARCHAR), which seeds the sample's hash. */
  readonly label: string;
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
 * The largest hash a row of a run over `rows` rows may have to enter a
 * sample of `size`: about `factor × size` rows have a hash at most this,
 * so (short of most partitions failing) the `size` smallest all do. All
 * rows, when there are few.
 *
 * @example
 * ```ts
 * import { sampleBound } from "./sql_diagnostics.ts";
 * if (sampleBound(1000, 2000) !== 2n ** 64n - 1n) throw new Error();
 * if (sampleBound(2 ** 40, 2000) !== 8000n * 2n ** 24n) throw new Error();
 * ```
 */
export function sampleBound(rows: number, size: number, factor = 4): bigint {
  const all = 2n ** 64n - 1n;
  if (rows <= factor * size) return all;
  // Exact in integers: factor·size·2^64 / rows, rounded down.
  return (BigInt(factor * size) << 64n) / BigInt(rows);
}

/**
 * The SQL of a model's diagnostics, for the rows `bounds` lets through.
 * The sample (`_sample`, regressors) and the candidates (`_cand`) are
 * text: `;`-separated rows of space-separated numbers (row, predicted,
 * residual, hash; row, loss).
 *
 * @example
 * ```ts ignore
 * const d = diagnosticsSql(model, { source, key: "_t", keyText: (k) => k, keyKind: "text", label: "_part" }, {});
 * ```
 */
export function diagnosticsSql(
  model: Model,
  input: DiagnosticsSource,
  bounds: DiagnosticsBounds,
): DiagnosticsSql {
  const o = Array.from({ length: model.width }, (_, k) => `_o${k}`);
  const raw = model.preprocessor.features.map((f, j) => `'f${j}': ${input.source.column(f.name)}`);
  // Structs, not lists: DuckDB builds a struct of the row's columns without copying them.
  const outputs = `{${o.map((x, k) => `'o${k}': ${x}`).join(", ")}}`;
  const scored = [`{${raw.join(", ")}} AS _raw`, `${input.key} AS _key`];
  const details =
    `{'row': _row, 'y': _y, 'outputs': ${outputs}, 'raw': _raw, 'key': _key, 'loss': _loss}`;
  const worst = `{'loss': _loss, 'first': -_row}`;
  // A worst row as the report needs it, from the struct of its details.
  const detailed = (x: string) =>
    `{'row': ${x}.row, 'y': ${x}.y, 'outputs': ${x}.outputs, 'raw': ${x}.raw, ` +
    `'key': ${input.keyText(`${x}.key`)}, 'loss': ${x}.loss}`;
  const aggregates: string[] = [], select: string[] = [];
  if (bounds.worstAbove === undefined || bounds.worstRows !== undefined) {
    const rows = [...bounds.worstRows ?? []];
    const count = bounds.worstRows
      ? Math.max(1, ...rows.map(([, r]) => r.length))
      : DIAGNOSTICS_LIMITS.worstCount;
    const only = bounds.worstRows
      ? ` FILTER (WHERE ${
        rows.map(([l, r]) => `(${input.label} = ${quoteString(l)} AND _row IN (${r.join(", ")}))`)
          .join(" OR ") || "false"
      })`
      : "";
    aggregates.push(`max_by(${details}, ${worst}, ${count})${only} AS _worst_g`);
    select.push(
      `list_transform(flatten(list(_worst_g) FILTER (WHERE _worst_g IS NOT NULL)), ` +
        `lambda x: ${detailed("x")}) AS _worst`,
    );
  } else {
    const above = `_loss > ${_double(bounds.worstAbove)}`;
    // Running aggregates only: text, not structs, keyed by the loss alone (among tied rows any
    // may come with its details, the others' are read afterwards).
    aggregates.push(
      `string_agg(CASE WHEN ${above} THEN concat(_row, ' ', _loss) END, ';') AS _cand_g`,
      `max_by(CASE WHEN ${above} THEN CAST(${_detailsJson(model, input)} AS VARCHAR) END, _loss) ` +
        "AS _top_g",
    );
    select.push(
      "string_agg(_cand_g, ';') AS _cand",
      "max_by(_top_g, CAST(json_extract_string(_top_g, '$.loss') AS DOUBLE)) AS _top",
    );
  }
  if (model.task === "regression") {
    scored.push("abs(_y - _o0) AS _loss");
    // Reading given rows' details again samples nothing.
    if (bounds.worstRows !== undefined) return { scored, keys: [], aggregates, select };
    // The label's hash is one per chunk of rows; hashing it with each row's would cost more.
    scored.push(`xor(hash(_row), hash(${input.label})) AS _hash`);
    const below = bounds.sampleBelow ?? 2n ** 64n - 1n;
    aggregates.push(
      `string_agg(CASE WHEN _hash <= ${below}::UBIGINT ` +
        `THEN concat(_row, ' ', _o0, ' ', _y - _o0, ' ', _hash) END, ';') AS _sample_g`,
    );
    select.push("string_agg(_sample_g, ';') AS _sample");
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

/**
 * A row's details as JSON text (the fields of the `_worst` structs); a
 * number that is not finite is null (JSON has no NaN), as the JavaScript
 * engine reports a missing value, and a refused one is never reported.
 */
function _detailsJson(model: Model, input: DiagnosticsSource): string {
  const finite = (x: string) => `CASE WHEN isfinite(${x}) THEN ${x} END`;
  const outputs = Array.from({ length: model.width }, (_, k) => `'o${k}': ${finite(`_o${k}`)}`);
  const raw = model.preprocessor.features.map((f, j) =>
    `'f${j}': ${input.source.kind(f.name) === "number" ? finite(`_raw.f${j}`) : `_raw.f${j}`}`
  );
  const key = input.keyText("_key");
  return `to_json({'row': _row, 'y': ${model.task === "regression" ? finite("_y") : "_y"}, ` +
    `'outputs': {${outputs.join(", ")}}, 'raw': {${raw.join(", ")}}, ` +
    `'key': ${input.keyKind === "number" ? finite(key) : key}, 'loss': _loss})`;
}

function _double(x: number): string {
  return Number.isFinite(x) ? sqlNumber(x) : `'${x}'::DOUBLE`;
}
