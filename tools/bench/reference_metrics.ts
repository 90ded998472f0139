/**
 * The back-test benchmark's reference: the same per-partition metrics as a
 * back-test computes, written by hand as one DuckDB SQL query over every
 * file of the dataset, from the same coefficients. It is what a careful
 * analyst would run in DuckDB alone, so ratchet is timed against it.
 *
 * @module
 */
import { join } from "node:path";
import {
  connectDuckdb,
  type DatasetDescriptor,
  quoteIdentifier,
  quoteString,
} from "../../core/data/mod.ts";

/** numpy's float64 epsilon: log_loss's clip and mape's floor. */
const _EPS = 2.220446049250313e-16;

/** Metrics by partition label. */
export type PartitionMetrics = Map<string, Record<string, number | null>>;

/** A model as the reference sees it: a linear decision of the inputs. */
export interface ReferenceModel {
  /** `regression` (prediction = decision) or `binary` (P(label = 1) = expit(decision)). */
  task: "regression" | "binary";
  /** The input columns, in order. */
  inputs: readonly string[];
  /** The decision's weights, one per input. */
  weights: readonly number[];
  /** The decision's intercept. */
  intercept: number;
  /** The target column. */
  target: string;
}

/**
 * Computes the metrics of `model` on every partition of `d` (whose folder
 * is `dir`) in one SQL query.
 *
 * @example
 * ```ts ignore
 * const metrics = await referenceMetrics(dataset, dir, { task: "regression", inputs: ["x0"], weights: [2], intercept: 1, target: "y" });
 * ```
 */
export async function referenceMetrics(
  d: DatasetDescriptor,
  dir: string,
  model: ReferenceModel,
): Promise<PartitionMetrics> {
  const files = d.partitions.flatMap((p) => p.files.map((f) => quoteString(join(dir, f))));
  // The key column (`month`) comes from each file's folder: constant per file, nothing to parse.
  const from = `read_parquet([${files.join(", ")}], hive_partitioning = true)`;
  const key = quoteIdentifier(d.key);
  const decision = _decisionSql(model);
  const y = quoteIdentifier(model.target);
  const sql = model.task === "regression"
    ? _regressionSql(from, key, decision, y)
    : _binarySql(from, key, decision, y);
  const db = await connectDuckdb();
  try {
    const rows = (await db.runAndReadAll(sql)).getRowObjectsJson();
    const out: PartitionMetrics = new Map();
    for (const row of rows) {
      const metrics: Record<string, number | null> = {};
      for (const [k, v] of Object.entries(row)) {
        if (k !== "partition") metrics[k] = v === null ? null : Number(v);
      }
      out.set(String(row.partition), metrics);
    }
    return out;
  } finally {
    db.disconnectSync();
  }
}

/** The decision in the linear plugin's arithmetic order: blocks of four inputs, then the rest, then the intercept. */
function _decisionSql(model: ReferenceModel): string {
  const term = (j: number) =>
    `${_literal(model.weights[j]!)} * ${quoteIdentifier(model.inputs[j]!)}`;
  const p = model.inputs.length;
  let sql = "0";
  let j = 0;
  for (; j + 4 <= p; j += 4) {
    sql = `(${sql} + (${[0, 1, 2, 3].map((k) => term(j + k)).join(" + ")}))`;
  }
  for (; j < p; j++) sql = `(${sql} + ${term(j)})`;
  return `(${sql} + ${_literal(model.intercept)})`;
}

function _literal(x: number): string {
  return x < 0 ? `(${x})` : String(x);
}

function _regressionSql(from: string, key: string, decision: string, y: string): string {
  return `SELECT ${key} AS partition,
    sqrt(avg((y - p) * (y - p))) AS rmse,
    avg(abs(y - p)) AS mae,
    1 - sum((y - p) * (y - p)) / (var_pop(y) * count(*)) AS r2,
    avg(abs(p - y) / greatest(abs(y), ${_EPS})) AS mape
  FROM (SELECT ${key}, ${y} AS y, ${decision} AS p FROM ${from})
  GROUP BY ${key} ORDER BY ${key}`;
}

function _binarySql(from: string, key: string, decision: string, y: string): string {
  const clip = (p: string) => `least(greatest(${p}, ${_EPS}), ${1 - _EPS})`;
  // Exact ROC AUC from ranks: a row's average rank among ties is (rank + rows ≤ it) / 2,
  // both read off one sort of the partition (cume_dist × rows = rows ≤ it, rounded back to an integer).
  return `WITH scored AS (
    SELECT ${key} AS k, ${y} = 1 AS pos,
      CASE WHEN d >= 0 THEN 1 / (1 + exp(-d)) ELSE exp(d) / (1 + exp(d)) END AS p1
    FROM (SELECT ${key}, ${y}, ${decision} AS d FROM ${from})
  ), ranked AS (
    SELECT k, pos, p1, p1 > 1 - p1 AS hit,
      rank() OVER w + round(cume_dist() OVER w * count(*) OVER (PARTITION BY k)) AS twice_rank
    FROM scored WINDOW w AS (PARTITION BY k ORDER BY p1)
  ), counts AS (
    SELECT k,
      count(*) FILTER (pos AND hit) AS tp, count(*) FILTER (NOT pos AND hit) AS fp,
      count(*) FILTER (pos AND NOT hit) AS fn, count(*) FILTER (NOT pos AND NOT hit) AS tn,
      sum(twice_rank) FILTER (pos) AS twice_ranks,
      avg(-ln((CASE WHEN pos THEN ${clip("p1")} ELSE ${clip("1 - p1")} END) /
        (${clip("p1")} + ${clip("1 - p1")}))) AS log_loss,
      avg((pos::INTEGER - p1) * (pos::INTEGER - p1)) AS brier
    FROM ranked GROUP BY k
  )
  SELECT k AS partition,
    (tp + tn) / (tp + fp + fn + tn) AS accuracy,
    CASE WHEN tp + fp > 0 THEN tp / (tp + fp) END AS precision,
    CASE WHEN tp + fn > 0 THEN tp / (tp + fn) END AS recall,
    CASE WHEN tp + fp + fn > 0 THEN 2 * tp / (2 * tp + fp + fn) END AS f1,
    CASE WHEN tp + fn > 0 AND fp + tn > 0
      THEN (twice_ranks / 2 - (tp + fn) * (tp + fn + 1) / 2) / ((tp + fn) * (fp + tn)) END AS roc_auc,
    log_loss, brier,
    CASE WHEN fp + tn > 0 THEN fp / (fp + tn) END AS fpr
  FROM counts ORDER BY k`;
}
