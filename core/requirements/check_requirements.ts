/**
 * Does a model meet its requirements? Each threshold is checked against the
 * metrics of every evaluated partition, and each result says which
 * partition was worst and by how much.
 *
 * @module
 */
import type { Task } from "../contract/mod.ts";
import { invalid } from "../errors/mod.ts";
import type { PartitionMetrics } from "../evaluate/mod.ts";
import { LOWER_IS_BETTER, type MetricName } from "../metrics/mod.ts";
import { formatValue } from "./format_value.ts";
import { ALL_METRICS, type Requirements } from "./requirements.ts";
import { validateRequirements } from "./validate_requirements.ts";

/** The kinds of threshold a check tests (`min_improvement` applies to challenges only). */
export type CheckKind = "min" | "max" | "mean" | "range";

/** A partition left out of a check because the metric is undefined there. */
export interface SkippedPartition {
  /** The partition's label. */
  partition: string;
  /** Why the metric is undefined there. */
  reason: string;
}

/** One threshold checked. */
export interface RequirementCheck {
  /** The metric. */
  metric: MetricName;
  /** Which threshold. */
  kind: CheckKind;
  /** The threshold: a number, or `[lo, hi]` for a range. */
  threshold: number | [number, number];
  /**
   * The worst partition's value (min, max, range) or the mean over
   * partitions (mean); `null` when the metric is undefined everywhere.
   */
  actual: number | null;
  /** Whether the threshold is met. */
  passed: boolean;
  /** The worst partition (min, max, range). */
  partition?: string;
  /** Partitions where the metric is undefined, left out of the check. */
  skipped?: SkippedPartition[];
  /** The result in words, e.g. `roc_auc min 0.7: 2015-07 has 0.64`. */
  message: string;
}

/** The result of {@linkcode checkRequirements}. */
export interface RequirementsCheck {
  /** True when every check passed (also when there are no thresholds). */
  passed: boolean;
  /** One check per threshold, in metric order. */
  checks: RequirementCheck[];
}

interface _Point {
  partition: string;
  value: number;
}

/**
 * Checks every min, max, mean and range threshold against the metrics of
 * each partition. A partition where a metric is undefined is skipped and
 * listed with its reason; a metric undefined in every partition fails.
 *
 * @example
 * ```ts
 * import { checkRequirements } from "./check_requirements.ts";
 * const result = checkRequirements(
 *   { format: "ratchet.requirements/v1", primary: "roc_auc", metrics: { roc_auc: { min: 0.7 } }, history: [] },
 *   [
 *     { partition: "2015-06", rows: 90, values: { roc_auc: 0.81 }, reasons: {} },
 *     { partition: "2015-07", rows: 80, values: { roc_auc: 0.64 }, reasons: {} },
 *   ],
 *   "binary",
 * );
 * if (result.passed || result.checks[0]!.message !== "roc_auc min 0.7: 2015-07 has 0.64") {
 *   throw new Error(result.checks[0]!.message);
 * }
 * ```
 */
export function checkRequirements(
  requirements: Requirements,
  partitions: readonly PartitionMetrics[],
  task: Task,
): RequirementsCheck {
  const clean = validateRequirements(requirements, "to check", { task });
  if (partitions.length === 0) throw invalid("Cannot check requirements: no partitions measured");
  // evaluateTable labels unpartitioned rows "all": there is no partition to name.
  const single = partitions.length === 1 && partitions[0]!.partition === "all";
  const checks: RequirementCheck[] = [];
  for (const metric of ALL_METRICS) {
    const req = clean.metrics[metric];
    if (!req) continue;
    const points: _Point[] = [];
    const skipped: SkippedPartition[] = [];
    for (const p of partitions) {
      const v = p.values[metric];
      if (typeof v === "number" && Number.isFinite(v)) {
        points.push({ partition: p.partition, value: v });
      } else skipped.push({ partition: p.partition, reason: p.reasons[metric] ?? "not measured" });
    }
    for (const kind of ["min", "max", "mean", "range"] as const) {
      const threshold = req[kind];
      if (threshold === undefined) continue;
      const check = _check(metric, kind, threshold, points, single);
      if (skipped.length) {
        check.skipped = skipped;
        check.message += points.length
          ? `; skipped ${_grouped(skipped)}`
          : single
          ? ` (${skipped[0]!.reason})`
          : ` (${_grouped(skipped)})`;
      }
      checks.push(check);
    }
  }
  return { passed: checks.every((c) => c.passed), checks };
}

function _check(
  metric: MetricName,
  kind: CheckKind,
  threshold: number | [number, number],
  points: readonly _Point[],
  single: boolean,
): RequirementCheck {
  const lower = LOWER_IS_BETTER.has(metric);
  const head = typeof threshold === "number"
    ? kind === "mean"
      ? `${metric} mean ${lower ? "≤" : "≥"} ${threshold}`
      : `${metric} ${kind} ${threshold}`
    : `${metric} range [${threshold[0]}, ${threshold[1]}]`;
  const base = { metric, kind, threshold };
  if (points.length === 0) {
    return {
      ...base,
      actual: null,
      passed: false,
      message: `${head}: ${metric} is undefined ${
        single ? "on these rows" : "in every partition"
      }, so the requirement cannot be shown to hold`,
    };
  }
  if (kind === "mean") {
    const t = threshold as number;
    const mean = points.reduce((s, p) => s + p.value, 0) / points.length;
    const passed = lower ? mean <= t : mean >= t;
    const n = points.length;
    const what = single ? "measured" : `mean over ${n} partition${n === 1 ? "" : "s"} is`;
    return { ...base, actual: mean, passed, message: `${head}: ${what} ${formatValue(mean, t)}` };
  }
  // How far a value is on the wrong side (> 0 fails) of the threshold.
  const excess = typeof threshold === "number"
    ? (v: number) => (kind === "min" ? threshold - v : v - threshold)
    : (v: number) => Math.max(threshold[0] - v, v - threshold[1]);
  let worst = points[0]!;
  for (const p of points) if (excess(p.value) > excess(worst.value)) worst = p;
  const passed = excess(worst.value) <= 0;
  const failing = points.filter((p) => excess(p.value) > 0).length;
  const near = typeof threshold === "number"
    ? threshold
    : worst.value < (threshold[0] + threshold[1]) / 2
    ? threshold[0]
    : threshold[1];
  const shown = formatValue(worst.value, near);
  const where = single
    ? `measured ${shown}`
    : `${passed ? "worst partition " : ""}${worst.partition} has ${shown}`;
  const side = kind === "min" ? "below" : kind === "max" ? "above" : "outside";
  const count = failing > 1 ? ` (${failing} of ${points.length} partitions ${side})` : "";
  return {
    ...base,
    actual: worst.value,
    passed,
    partition: worst.partition,
    message: `${head}: ${where}${count}`,
  };
}

// `2015-01, 2015-02: the target has one class only; 2015-03: no rows`
function _grouped(skipped: readonly SkippedPartition[]): string {
  const byReason = new Map<string, string[]>();
  for (const s of skipped) {
    const list = byReason.get(s.reason) ?? [];
    list.push(s.partition);
    byReason.set(s.reason, list);
  }
  return [...byReason].map(([reason, labels]) => {
    const shown = labels.length > 4 ? [...labels.slice(0, 3), `${labels.length - 3} more`] : labels;
    return `${shown.join(", ")}: ${reason}`;
  }).join("; ");
}
