/**
 * Starting requirements from a measured baseline, with no thresholds yet:
 * `ratchet` or `set` add them.
 *
 * @module
 */
import type { Task } from "../contract/mod.ts";
import { invalid } from "../errors/mod.ts";
import type { MetricName } from "../metrics/mod.ts";
import {
  ALL_METRICS,
  type Baseline,
  type EvaluationSample,
  type HistoryEntry,
  type RequirementChange,
  type Requirements,
  REQUIREMENTS_FORMAT,
  THRESHOLD_KINDS,
} from "./requirements.ts";

/**
 * The primary metric `init` picks when none is given: roc_auc for binary
 * models, accuracy for multiclass ones (roc_auc is undefined in any
 * partition missing a class), r2 for regression (unit-free, so a margin
 * like 0.01 means the same for every model).
 *
 * @example
 * ```ts
 * import { defaultPrimary } from "./init_requirements.ts";
 * if (defaultPrimary("binary") !== "roc_auc" || defaultPrimary("regression") !== "r2") throw new Error();
 * ```
 */
export function defaultPrimary(task: Task): MetricName {
  return task === "binary" ? "roc_auc" : task === "multiclass" ? "accuracy" : "r2";
}

/** Options of {@linkcode initRequirements}. */
export interface InitRequirementsOptions {
  /** The champion's baseline. */
  baseline: Baseline;
  /** The primary metric. */
  primary: MetricName;
  /** The sample stored beside requirements.json, if any. */
  evaluation?: EvaluationSample;
  /** The requirements being replaced (`init --force`): their history is kept. */
  previous?: Requirements;
  /** Why; required when replacing. */
  reason?: string;
  /** When (ISO 8601); default: now. */
  date?: string;
  /** Who, when known. */
  by?: string;
}

/**
 * New requirements: the baseline, no thresholds, and an `init` entry. When
 * they replace existing ones, the old history is kept and every threshold
 * dropped is listed; the entry is then a `lower` if any was.
 *
 * @example
 * ```ts
 * import { initRequirements } from "./init_requirements.ts";
 * const r = initRequirements({
 *   primary: "r2", date: "2026-11-27",
 *   baseline: {
 *     version: 1, measured: "2026-11-27", data: { source: "evaluation.csv", partitions: 1, rows: 50 },
 *     metrics: { r2: { min: 0.9, mean: 0.9, max: 0.9 } },
 *   },
 * });
 * if (r.history[0]?.action !== "init" || Object.keys(r.metrics).length !== 0) throw new Error();
 * ```
 */
export function initRequirements(options: InitRequirementsOptions): Requirements {
  const { baseline, previous } = options;
  const reason = options.reason?.trim() ?? "";
  if (previous && reason === "") {
    throw invalid(
      'Requirements exist already: replacing them drops every threshold, so give a reason (--reason "…")',
    );
  }
  const changes: RequirementChange[] = [];
  for (const metric of ALL_METRICS) {
    const req = previous?.metrics[metric];
    for (const kind of THRESHOLD_KINDS) {
      const from = req?.[kind];
      if (from !== undefined) changes.push({ metric, kind, from, to: null });
    }
  }
  const entry: HistoryEntry = {
    date: options.date ?? new Date().toISOString(),
    action: changes.length ? "lower" : "init",
    reason: previous
      ? `re-initialised: ${reason}`
      : reason || `baseline of v${baseline.version} measured on ${baseline.data.source}`,
    ...(options.by ? { by: options.by } : {}),
    ...(previous && previous.primary !== options.primary
      ? { primary: { from: previous.primary, to: options.primary } }
      : {}),
    changes,
  };
  return {
    format: REQUIREMENTS_FORMAT,
    primary: options.primary,
    metrics: {},
    ...(options.evaluation ? { evaluation: options.evaluation } : {}),
    baseline,
    history: [...(previous?.history ?? []), entry],
  };
}
