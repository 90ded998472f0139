/**
 * The thresholds each metric is held to, gathered from the back-test's
 * requirement checks and the requirements file, and the test a single
 * partition's value must pass.
 *
 * @module
 */
import type { BacktestResult } from "../backtest/mod.ts";
import type { Requirements } from "../requirements/mod.ts";

/** The thresholds of one metric; `min`, `max` and `range` bound every partition, `mean` their mean. */
export interface MetricThresholds {
  /** Every partition must reach at least this. */
  min?: number;
  /** Every partition must stay at or below this. */
  max?: number;
  /** The mean over partitions must reach this (≥, or ≤ when lower is better). */
  mean?: number;
  /** Every partition must lie in `[lo, hi]`. */
  range?: [number, number];
}

/**
 * Thresholds per metric. The checks name what was actually tested; the
 * requirements file fills in any metric the checks lack (e.g. a result
 * from a run without requirements, drawn against a file written since).
 *
 * @example
 * ```ts
 * import { metricThresholds } from "./metric_thresholds.ts";
 * const t = metricThresholds(
 *   { requirements: { passed: true, checks: [{ metric: "rmse", kind: "max", threshold: 2, actual: 1, passed: true, message: "" }] } },
 *   { format: "ratchet.requirements/v1", primary: "rmse", metrics: { rmse: { max: 3, mean: 1.5 } }, history: [] },
 * );
 * if (t.rmse?.max !== 2 || t.rmse.mean !== 1.5) throw new Error(JSON.stringify(t));
 * ```
 */
export function metricThresholds(
  result: Pick<BacktestResult, "requirements">,
  requirements?: Requirements,
): Record<string, MetricThresholds> {
  const out: Record<string, MetricThresholds> = {};
  for (const check of result.requirements.checks) {
    const t = (out[check.metric] ??= {});
    if (check.kind === "range") {
      if (Array.isArray(check.threshold)) t.range = check.threshold;
    } else if (typeof check.threshold === "number") t[check.kind] = check.threshold;
  }
  for (const [metric, req] of Object.entries(requirements?.metrics ?? {})) {
    const t = (out[metric] ??= {});
    for (const kind of ["min", "max", "mean"] as const) {
      if (t[kind] === undefined && req[kind] !== undefined) t[kind] = req[kind];
    }
    if (t.range === undefined && req.range !== undefined) t.range = req.range;
  }
  return out;
}

/**
 * Which per-partition thresholds a value breaks, in words (`below min 0.7`);
 * empty when it meets them all. The mean threshold is about all partitions
 * together, so it is not tested here.
 *
 * @example
 * ```ts
 * import { partitionBreaches } from "./metric_thresholds.ts";
 * if (partitionBreaches(0.6, { min: 0.7, range: [0.65, 1] }).join("; ") !== "below min 0.7; outside range [0.65, 1]") {
 *   throw new Error();
 * }
 * if (partitionBreaches(0.8, { min: 0.7 }).length !== 0) throw new Error();
 * ```
 */
export function partitionBreaches(value: number, t: MetricThresholds | undefined): string[] {
  const out: string[] = [];
  if (!t) return out;
  if (t.min !== undefined && value < t.min) out.push(`below min ${t.min}`);
  if (t.max !== undefined && value > t.max) out.push(`above max ${t.max}`);
  if (t.range && (value < t.range[0] || value > t.range[1])) {
    out.push(`outside range [${t.range[0]}, ${t.range[1]}]`);
  }
  return out;
}
