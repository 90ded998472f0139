/**
 * A task's metrics aggregated in DuckDB, exactly as `core/metrics` defines
 * them: SQL totals the scored rows (confusion counts, clipped log loss,
 * Brier terms, the pairs of an exact ROC AUC, squared and relative errors),
 * and the same report functions as the JavaScript accumulators turn the
 * totals into values and reasons.
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
import { sqlNumber } from "../sql/mod.ts";

/** What the scored rows and the aggregate query need, in SQL. */
export interface MetricsSql {
  /** Columns the scored rows carry (`expression AS alias`), over `_y` and the outputs `_o0…`. */
  readonly scored: string[];
  /** Aggregate subqueries over `_scored`, each `(SELECT …) AS alias`. */
  readonly select: string[];
}

/** numpy's float64 epsilon, scikit-learn's clip for log loss and floor for mape. */
const _EPS = sqlNumber(Number.EPSILON);
const _ONE_MINUS_EPS = sqlNumber(1 - Number.EPSILON);

/**
 * The SQL of a model's metrics over a CTE `_scored` that has the target
 * `_y` (a class index, or the value) and the outputs `_o0…` of each row.
 *
 * @example
 * ```ts ignore
 * const { scored, select } = metricsSql(model);
 * // WITH _scored AS (SELECT *, ${scored} FROM …) SELECT ${select}
 * ```
 */
export function metricsSql(model: Pick<CompiledModel, "task" | "width" | "positive">): MetricsSql {
  const o = Array.from({ length: model.width }, (_, k) => `_o${k}`);
  if (model.task === "regression") {
    const e = "(_y - _o0)";
    return {
      scored: [],
      select: [
        `(SELECT {'rows': count(*), 'squared': fsum(${e} * ${e}), 'absolute': fsum(abs(${e})), ` +
        `'relative': fsum(abs(${e}) / greatest(abs(_y), ${_EPS})), 'min': min(_y), 'max': max(_y)} ` +
        `FROM _scored) AS _totals`,
        // Two passes, like the JavaScript accumulator: the mean, then the squared deviations from it.
        `(SELECT fsum((_y - m) * (_y - m)) FROM _scored, (SELECT fsum(_y) / count(*) AS m FROM _scored)) ` +
        `AS _deviations`,
      ],
    };
  }
  const clip = (x: string) =>
    `CASE WHEN ${x} < ${_EPS} THEN ${_EPS} WHEN ${x} > ${_ONE_MINUS_EPS} THEN ${_ONE_MINUS_EPS} ELSE ${x} END`;
  const truth = `CASE _y ${o.map((x, k) => `WHEN ${k} THEN ${x}`).join(" ")} END`;
  const scored = [
    // numpy's argmax: the first most probable class.
    `list_position([${o}], list_max([${o}])) - 1 AS _pred`,
    `-ln((${clip(truth)}) / (${o.map((x) => `(${clip(x)})`).join(" + ")})) AS _ll`,
  ];
  const positive = model.positive;
  if (positive >= 0) {
    const d = `((CASE WHEN _y = ${positive} THEN 1e0 ELSE 0e0 END) - _o${positive})`;
    scored.push(`${d} * ${d} AS _brier`);
  }
  const ranked = positive >= 0
    ? `SELECT 0 AS c, _o${positive} AS s, _y = ${positive} AS pos FROM _scored`
    : o.map((x, k) => `SELECT ${k} AS c, ${x} AS s, _y = ${k} AS pos FROM _scored`).join(
      " UNION ALL ",
    );
  // Twice the Mann–Whitney U per ranking, from exact counts per distinct score: each positive
  // beats the negatives below its score (2 each) and ties the negatives at it (1 each).
  const roc =
    `SELECT c, sum(p) AS positives, sum(q) AS negatives, sum(p * (2 * below + q)) AS twice_u ` +
    `FROM (SELECT *, coalesce(sum(q) OVER (PARTITION BY c ORDER BY s ROWS BETWEEN UNBOUNDED PRECEDING ` +
    `AND 1 PRECEDING), 0) AS below FROM (SELECT c, s, count_if(pos) AS p, count_if(NOT pos) AS q ` +
    `FROM (${ranked}) GROUP BY c, s)) GROUP BY c`;
  return {
    scored,
    select: [
      `(SELECT {'rows': count(*), 'log_loss': fsum(_ll), 'brier': ${
        positive >= 0 ? "fsum(_brier)" : "0"
      }} FROM _scored) AS _totals`,
      `(SELECT list({'actual': _y, 'predicted': _pred, 'rows': n}) ` +
      `FROM (SELECT _y, _pred, count(*) AS n FROM _scored GROUP BY ALL)) AS _confusion`,
      `(SELECT list({'class': c, 'positives': positives, 'negatives': negatives, 'twice_u': twice_u}) ` +
      `FROM (${roc})) AS _roc`,
    ],
  };
}

/**
 * The metrics report from the aggregate query's row, as the JavaScript
 * accumulator of the task would give it for the same rows.
 *
 * @example
 * ```ts ignore
 * const report = metricsReportOf(model, row);
 * ```
 */
export function metricsReportOf(
  model: Pick<CompiledModel, "task" | "shape" | "positive">,
  row: Record<string, unknown>,
): MetricsReport {
  const totals = row._totals as Record<string, unknown>;
  const rows = Number(totals.rows);
  const number = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
  if (model.task === "regression") {
    return regressionReport({
      rows,
      squaredErrors: number(totals.squared),
      absoluteErrors: number(totals.absolute),
      relativeErrors: number(totals.relative),
      deviations: number(row._deviations),
      min: totals.min === null ? Infinity : number(totals.min),
      max: totals.max === null ? -Infinity : number(totals.max),
    });
  }
  const classes = model.shape.classes;
  const confusion = new Float64Array(classes * classes);
  for (const cell of (row._confusion ?? []) as Record<string, unknown>[]) {
    confusion[Number(cell.actual) * classes + Number(cell.predicted)] = Number(cell.rows);
  }
  const rankings = model.positive >= 0 ? 1 : classes;
  const roc = Array.from({ length: rankings }, () => ({ positives: 0, negatives: 0, twiceU: 0 }));
  for (const r of (row._roc ?? []) as Record<string, unknown>[]) {
    roc[Number(r.class)] = {
      positives: Number(r.positives),
      negatives: Number(r.negatives),
      twiceU: Number(r.twice_u),
    };
  }
  return classificationReport(
    {
      rows,
      confusion,
      logLoss: number(totals.log_loss),
      brier: number(totals.brier),
      roc: roc.map((r) => ({ ...r, auc: () => rocArea(r.twiceU, r.positives, r.negatives) })),
    },
    classes,
    model.positive >= 0 ? model.positive : undefined,
  );
}
