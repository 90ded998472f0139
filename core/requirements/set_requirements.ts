/**
 * Setting thresholds by hand: any change is allowed with a reason, and a
 * change that loosens anything is recorded as a lowering.
 *
 * @module
 */
import type { Task } from "../contract/mod.ts";
import { invalid } from "../errors/mod.ts";
import { canonicalJson } from "../json/mod.ts";
import { LOWER_IS_BETTER, type MetricName } from "../metrics/mod.ts";
import { loosens } from "./loosens.ts";
import type {
  HistoryEntry,
  MetricRequirement,
  RequirementChange,
  Requirements,
  ThresholdKind,
  ThresholdValue,
} from "./requirements.ts";
import { validateRequirements } from "./validate_requirements.ts";

/** One threshold to set, or to remove (`value: null`). */
export interface RequirementEdit {
  /** The metric. */
  metric: MetricName;
  /** Which threshold. */
  kind: ThresholdKind;
  /** The new value (`[lo, hi]` for a range), or `null` to remove it. */
  value: ThresholdValue | null;
}

/** Options of {@linkcode setRequirements}. */
export interface SetRequirementsOptions {
  /** A new primary metric. */
  primary?: MetricName;
  /** Thresholds to set or remove; one per metric and kind. */
  edits: readonly RequirementEdit[];
  /** Why; required. */
  reason: string;
  /** When (ISO 8601); default: now. */
  date?: string;
  /** Who, when known. */
  by?: string;
  /** The model's task, when known: every metric set must apply to it. */
  task?: Task;
}

/** What {@linkcode setRequirements} did. */
export interface SetRequirementsResult {
  /** The new requirements; the input unchanged when nothing changed. */
  requirements: Requirements;
  /** The history entry appended (`lower` if anything loosened), or `undefined` when nothing changed. */
  entry?: HistoryEntry;
}

/**
 * Applies thresholds and a primary metric, recording them in the history:
 * as `lower` when any change loosens a threshold (see `loosens`), else as
 * `set`. Values equal to the current ones are no change.
 *
 * @example
 * ```ts
 * import { setRequirements } from "./set_requirements.ts";
 * const start = {
 *   format: "ratchet.requirements/v1" as const, primary: "roc_auc" as const,
 *   metrics: { roc_auc: { min: 0.75 } }, history: [],
 * };
 * const { entry } = setRequirements(start, {
 *   edits: [{ metric: "roc_auc", kind: "min", value: 0.7 }], reason: "2026 data is noisier", date: "2026-11-27",
 * });
 * if (entry?.action !== "lower" || entry.changes[0]?.from !== 0.75) throw new Error();
 * ```
 */
export function setRequirements(
  requirements: Requirements,
  options: SetRequirementsOptions,
): SetRequirementsResult {
  const reason = options.reason.trim();
  if (reason === "") {
    throw invalid('A reason is required: say why the requirements change (--reason "…")');
  }
  const seen = new Set<string>();
  const metrics: Partial<Record<MetricName, MetricRequirement>> = { ...requirements.metrics };
  const changes: RequirementChange[] = [];
  for (const { metric, kind, value } of options.edits) {
    const key = `${metric} ${kind}`;
    if (seen.has(key)) throw invalid(`${metric} ${kind} is given twice; give each threshold once`);
    seen.add(key);
    _checkDirection(metric, kind);
    const numbers = value === null ? [] : Array.isArray(value) ? value : [value];
    if (!numbers.every(Number.isFinite)) {
      const shown = Array.isArray(value) ? `[${value.join(", ")}]` : String(value);
      throw invalid(`${metric} ${kind}: ${shown} is not finite; give finite numbers`);
    }
    const current = metrics[metric] ?? {};
    const from = current[kind] ?? null;
    if (value === null && from === null) {
      throw invalid(`${metric} has no ${kind} threshold to remove`);
    }
    if (canonicalJson(from) === canonicalJson(value)) continue;
    const next: MetricRequirement = { ...current };
    if (value === null) delete next[kind];
    else (next as Record<ThresholdKind, ThresholdValue>)[kind] = value;
    if (Object.keys(next).length) metrics[metric] = next;
    else delete metrics[metric];
    changes.push({ metric, kind, from, to: value });
  }
  const primary = options.primary !== undefined && options.primary !== requirements.primary
    ? { from: requirements.primary, to: options.primary }
    : undefined;
  if (changes.length === 0 && !primary) return { requirements };
  const entry: HistoryEntry = {
    date: options.date ?? new Date().toISOString(),
    action: changes.some(loosens) ? "lower" : "set",
    reason,
    ...(options.by ? { by: options.by } : {}),
    ...(primary ? { primary } : {}),
    changes,
  };
  const next = validateRequirements(
    {
      ...requirements,
      primary: primary?.to ?? requirements.primary,
      metrics,
      history: [...requirements.history, entry],
    },
    "after the change",
    options.task ? { task: options.task } : {},
  );
  return { requirements: next, entry };
}

function _checkDirection(metric: MetricName, kind: ThresholdKind): void {
  const lower = LOWER_IS_BETTER.has(metric);
  if ((kind === "min" && lower) || (kind === "max" && !lower)) {
    throw invalid(
      `${metric} is better when ${lower ? "lower" : "higher"}: use ${
        lower ? "max" : "min"
      }, not ${kind}`,
    );
  }
}
