/**
 * Thresholds the baseline itself does not meet: the champion would fail
 * them on the data it was measured on. Setting or ratcheting such a
 * threshold is allowed, but the user should hear about it.
 *
 * @module
 */
import { LOWER_IS_BETTER, type MetricName } from "../metrics/mod.ts";
import type { CheckKind } from "./check_requirements.ts";
import { formatValue } from "./format_value.ts";
import { ALL_METRICS, type Requirements } from "./requirements.ts";

/** A threshold the baseline falls short of. */
export interface BaselineShortfall {
  /** The metric. */
  metric: MetricName;
  /** Which threshold. */
  kind: CheckKind;
  /** The threshold. */
  threshold: number | [number, number];
  /** What the baseline measured: its worst partition, or its mean for `mean`. */
  measured: number;
  /** In words, e.g. `roc_auc min 0.8: the baseline's worst partition has 0.76`. */
  message: string;
}

/**
 * Compares every threshold with the baseline's min, mean and max over
 * partitions. A metric the baseline has no value for is not compared.
 *
 * @example
 * ```ts
 * import { baselineShortfalls } from "./baseline_shortfalls.ts";
 * const [miss] = baselineShortfalls({
 *   format: "ratchet.requirements/v1", primary: "rmse", metrics: { rmse: { max: 2, mean: 3 } }, history: [],
 *   baseline: {
 *     version: 1, measured: "2026-11-27", data: { source: "evaluation.csv", partitions: 3, rows: 90 },
 *     metrics: { rmse: { min: 1.5, mean: 2, max: 2.5 } },
 *   },
 * });
 * if (miss?.message !== "rmse max 2: the baseline's worst partition has 2.5") throw new Error(miss?.message);
 * ```
 */
export function baselineShortfalls(requirements: Requirements): BaselineShortfall[] {
  const out: BaselineShortfall[] = [];
  for (const metric of ALL_METRICS) {
    const req = requirements.metrics[metric];
    const b = requirements.baseline?.metrics[metric];
    if (!req || !b) continue;
    const lower = LOWER_IS_BETTER.has(metric);
    const add = (kind: CheckKind, threshold: number | [number, number], measured: number) => {
      const shown = typeof threshold === "number" ? String(threshold) : `[${threshold.join(", ")}]`;
      const near = typeof threshold === "number" ? threshold : undefined;
      const what = kind === "mean" ? "mean is" : "worst partition has";
      out.push({
        metric,
        kind,
        threshold,
        measured,
        message: `${metric} ${kind} ${shown}: the baseline's ${what} ${
          formatValue(measured, near)
        }`,
      });
    };
    if (req.min !== undefined && b.min < req.min) add("min", req.min, b.min);
    if (req.max !== undefined && b.max > req.max) add("max", req.max, b.max);
    if (req.mean !== undefined && (lower ? b.mean > req.mean : b.mean < req.mean)) {
      add("mean", req.mean, b.mean);
    }
    if (req.range) {
      const [lo, hi] = req.range;
      if (b.min < lo) add("range", req.range, b.min);
      else if (b.max > hi) add("range", req.range, b.max);
    }
  }
  return out;
}
