/**
 * A task's metrics aggregated in DuckDB, exactly as `core/metrics` defines
 * them: SQL totals the scored rows of each partition (confusion counts,
 * clipped log loss, Brier terms, the ranks of an exact ROC AUC, squared and
 * relative errors), and the same report functions as the JavaScript
 * accumulators turn the totals into values and reasons.
 *
 * @module
 */
import {
  classificationReport,
  type MetricsReport,
  regressionReport,
  rocArea,
} from "../metrics/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import { sqlNumber } from "../sql/mod.ts";

/**
 * What a query over many partitions' scored rows `_s` (columns `_part`,
 * `_y`, `_o0…`) needs for the metrics. Rows are aggregated in groups of one
 * partition and the `keys` (`_part, keys…`, with `count(*) AS _n`), then
 * per partition over the groups.
 */
export interface MetricsSql {
  /** Columns each scored row carries (`expression AS alias`), over `_y` and the outputs. */
  readonly scored: string[];
  /** Columns that split a partition's rows into groups (a few values each). */
  readonly keys: string[];
  /** Aggregates of a group (`aggregate AS alias`). */
  readonly aggregates: string[];
  /** Aggregates of a partition over its groups' columns (`aggregate AS alias`). */
  readonly select: string[];
  /** Classifiers: a query over `_s` giving `_part` and the ranks of the ROC AUC, `_roc`. */
  readonly ranking?: string;
}

/** numpy's float64 epsilon, scikit-learn's clip for log loss and floor for mape. */
const _EPS = sqlNumber(Number.EPSILON);
const _ONE_MINUS_EPS = sqlNumber(1 - Number.EPSILON);

/**
 * The index of the first largest output, as numpy's argmax gives it (the
 * outputs are finite: a row with another output is refused).
 *
 * @example
 * ```ts
 * import { argmaxSql } from "./sql_metrics.ts";
 * if (argmaxSql(2) !== "CASE WHEN _o0 = greatest(_o0, _o1) THEN 0 ELSE 1 END") throw new Error();
 * ```
 */
export function argmaxSql(width: number): string {
  const o = Array.from({ length: width }, (_, k) => `_o${k}`);
  const first = o.slice(0, -1).map((x, k) => `WHEN ${x} = greatest(${o.join(", ")}) THEN ${k}`);
  return `CASE ${first.join(" ")} ELSE ${width - 1} END`;
}

/**
 * The SQL of a model's metrics (see {@linkcode MetricsSql}). Sums are
 * compensated (`fsum`), as the JavaScript accumulators' are; the target's
 * squared deviations come from Welford's `var_pop`.
 *
 * A regressor's target range (`_min`, `_max`: is the target constant?) is
 * only aggregated with `range`: Welford's deviations are exactly 0 for a
 * constant target and otherwise almost always positive, so a query asks
 * for the range again, with `range`, only where they are 0
 * ({@linkcode needsTargetRange}). Two aggregates fewer per row save about
 * 5% of a linear model's back-test.
 *
 * @example
 * ```ts
 * import { metricsSql } from "./sql_metrics.ts";
 * const m = metricsSql({ task: "binary", width: 2, positive: 1 });
 * if (m.keys.join() !== "_y,_pred" || !m.ranking?.includes("ORDER BY _o1")) throw new Error();
 * ```
 */
export function metricsSql(
  model: Pick<CompiledModel, "task" | "width" | "positive">,
  range = false,
): MetricsSql {
  if (model.task === "regression") {
    const e = "(_y - _o0)";
    return {
      scored: [],
      keys: [],
      aggregates: [
        `fsum(${e} * ${e}) AS _squared`,
        `fsum(abs(${e})) AS _absolute`,
        `fsum(abs(${e}) / greatest(abs(_y), ${_EPS})) AS _relative`,
        "var_pop(_y) * count(*) AS _deviations",
        ...(range ? ["min(_y) AS _min_g", "max(_y) AS _max_g"] : []),
      ],
      // Regressors' rows make one group per partition (no keys): the sums carry over as they are.
      select: [
        "{'rows': sum(_n), 'squared': sum(_squared), 'absolute': sum(_absolute), " +
        "'relative': sum(_relative)} AS _totals",
        "sum(_deviations) AS _deviations",
        ...(range ? ["min(_min_g) AS _min", "max(_max_g) AS _max"] : []),
      ],
    };
  }
  const o = Array.from({ length: model.width }, (_, k) => `_o${k}`);
  const clip = (x: string) =>
    `CASE WHEN ${x} < ${_EPS} THEN ${_EPS} WHEN ${x} > ${_ONE_MINUS_EPS} THEN ${_ONE_MINUS_EPS} ELSE ${x} END`;
  const truth = `CASE _y ${o.map((x, k) => `WHEN ${k} THEN ${x}`).join(" ")} END`;
  const scored = [
    `${argmaxSql(model.width)} AS _pred`,
    `-ln((${clip(truth)}) / (${o.map((x) => `(${clip(x)})`).join(" + ")})) AS _ll`,
  ];
  const positive = model.positive;
  if (positive >= 0) {
    const d = `((CASE WHEN _y = ${positive} THEN 1e0 ELSE 0e0 END) - _o${positive})`;
    scored.push(`${d} * ${d} AS _brier`);
  }
  return {
    scored,
    keys: ["_y", "_pred"],
    aggregates: [
      "fsum(_ll) AS _ll_sum",
      `${positive >= 0 ? "fsum(_brier)" : "0"} AS _brier_sum`,
    ],
    select: [
      "{'rows': sum(_n), 'log_loss': fsum(_ll_sum), 'brier': fsum(_brier_sum)} AS _totals",
      "list({'actual': _y, 'predicted': _pred, 'rows': _n}) AS _confusion",
    ],
    ranking: _rankingSql(positive >= 0 ? [positive] : o.map((_, k) => k)),
  };
}

/**
 * Per partition and ranking (the positive class of a binary model, each
 * class of a multiclass one), the sum over its positive rows of twice their
 * average rank by score: the rank of the row's first tie plus the rows
 * scored at most as high, both read off one sort. Twice the Mann–Whitney U
 * is that sum minus P(P+1), exactly, in integers.
 */
function _rankingSql(classes: readonly number[]): string {
  const windows = classes.map((c, k) => `_w${k} AS (PARTITION BY _part ORDER BY _o${c})`);
  const ranks = classes.map((_, k) =>
    `rank() OVER _w${k} + CAST(round(cume_dist() OVER _w${k} * count(*) OVER (PARTITION BY _part)) ` +
    `AS BIGINT) AS _t${k}`
  );
  const roc = classes.map((c, k) =>
    `{'class': ${k}, 'positives': count_if(_y = ${c}), 'negatives': count_if(_y <> ${c}), ` +
    `'ranks': sum(_t${k}) FILTER (WHERE _y = ${c})}`
  );
  return `SELECT _part, [${roc.join(", ")}] AS _roc FROM (SELECT _part, _y, ${ranks.join(", ")} ` +
    `FROM _s WINDOW ${windows.join(", ")}) GROUP BY _part`;
}

/**
 * The metrics report from a partition's row of the aggregate query (none
 * for a partition without rows), as the JavaScript accumulator of the task
 * would give it for the same rows.
 *
 * @example
 * ```ts
 * import { metricsReportOf } from "./sql_metrics.ts";
 * const model = { task: "regression", shape: { task: "regression", inputs: [], classes: 1 }, positive: -1 } as const;
 * if (metricsReportOf(model, undefined).rows !== 0) throw new Error();
 * ```
 */
export function metricsReportOf(
  model: Pick<CompiledModel, "task" | "shape" | "positive">,
  row: Record<string, unknown> | undefined,
): MetricsReport {
  const totals = (row?._totals ?? {}) as Record<string, unknown>;
  const rows = _number(totals.rows);
  if (model.task === "regression") {
    return regressionReport({
      rows,
      squaredErrors: _number(totals.squared),
      absoluteErrors: _number(totals.absolute),
      relativeErrors: _number(totals.relative),
      deviations: _number(row?._deviations),
      constant: _constantTarget(model, row),
    });
  }
  const classes = model.shape.classes;
  const confusion = new Float64Array(classes * classes);
  // A cell's rows come in groups (by calibration bin, too): they add up.
  for (const cell of (row?._confusion ?? []) as Record<string, unknown>[]) {
    confusion[Number(cell.actual) * classes + Number(cell.predicted)]! += Number(cell.rows);
  }
  const rankings = model.positive >= 0 ? 1 : classes;
  const roc = Array.from({ length: rankings }, () => ({ positives: 0, negatives: 0, twiceU: 0 }));
  for (const r of (row?._roc ?? []) as Record<string, unknown>[]) {
    const positives = BigInt(r.positives as bigint);
    roc[Number(r.class)] = {
      positives: Number(positives),
      negatives: Number(r.negatives),
      twiceU: Number(BigInt((r.ranks ?? 0n) as bigint) - positives * (positives + 1n)),
    };
  }
  return classificationReport(
    {
      rows,
      confusion,
      logLoss: _number(totals.log_loss),
      brier: _number(totals.brier),
      roc: roc.map((r) => ({ ...r, auc: () => rocArea(r.twiceU, r.positives, r.negatives) })),
    },
    classes,
    model.positive >= 0 ? model.positive : undefined,
  );
}

/**
 * Whether a regressor's partition row (of a query without `range`) leaves
 * open that its target is constant: it has rows and its deviations are 0.
 * Its query must then be run again with `range` for exact metrics.
 *
 * @example
 * ```ts
 * import { needsTargetRange } from "./sql_metrics.ts";
 * const model = { task: "regression" } as const;
 * if (!needsTargetRange(model, { _totals: { rows: 1n }, _deviations: 0 })) throw new Error();
 * if (needsTargetRange(model, { _totals: { rows: 9n }, _deviations: 0.5 })) throw new Error();
 * ```
 */
export function needsTargetRange(
  model: Pick<CompiledModel, "task">,
  row: Record<string, unknown> | undefined,
): boolean {
  if (model.task !== "regression" || row === undefined || row._min !== undefined) return false;
  return _number((row._totals as Record<string, unknown> | undefined)?.rows) > 0 &&
    _number(row._deviations) === 0;
}

/** The constant target of a regressor's partition row, or null (see {@linkcode needsTargetRange}). */
function _constantTarget(
  model: Pick<CompiledModel, "task">,
  row: Record<string, unknown> | undefined,
): number | null {
  if (row === undefined) return null;
  if (needsTargetRange(model, row)) {
    throw new RatchetError(
      "internal",
      "A partition's deviations are 0 but its query gave no target range; run it again with range",
    );
  }
  if (row._min === undefined) return null;
  const min = _number(row._min), max = _number(row._max);
  return min === max ? min : null;
}

function _number(v: unknown): number {
  return v === null || v === undefined ? 0 : Number(v);
}
