/**
 * The ratchet: move thresholds up to what the champion measures, less a
 * margin, and never down.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import { LOWER_IS_BETTER, type MetricName } from "../metrics/mod.ts";
import { loosens } from "./loosens.ts";
import {
  ALL_METRICS,
  type Baseline,
  boundKind,
  type HistoryEntry,
  type MetricRequirement,
  type RequirementChange,
  type Requirements,
} from "./requirements.ts";

/** The margin `ratchet` leaves below the baseline, in metric units. */
export const DEFAULT_MARGIN = 0.01;

/** Options of {@linkcode ratchetRequirements}. */
export interface RatchetOptions {
  /** Absolute, in metric units, ≥ 0; default {@linkcode DEFAULT_MARGIN}. */
  margin?: number;
  /** Why; default names the baseline's version, its data and the margin. */
  reason?: string;
  /** When (ISO 8601); default: now. */
  date?: string;
  /** Who, when known. */
  by?: string;
}

/** What {@linkcode ratchetRequirements} did. */
export interface RatchetResult {
  /** The new requirements; the input unchanged when nothing moved. */
  requirements: Requirements;
  /** The history entry appended, or `undefined` when nothing moved (nothing to record). */
  entry?: HistoryEntry;
  /** Metrics left alone because the baseline has no value for them, with why. */
  skipped: { metric: MetricName; reason: string }[];
}

/**
 * Replaces the baseline and moves each metric's `min`/`max` and `mean` to
 * the baseline's worst partition and mean, less the margin (plus it for
 * lower-is-better metrics), only where that is stricter. The primary metric
 * gets both thresholds if it has neither; ranges and `min_improvement` are
 * left alone. Moved values are rounded to 6 significant digits, always in
 * the direction that keeps the baseline passing.
 *
 * @example
 * ```ts
 * import { ratchetRequirements } from "./ratchet_requirements.ts";
 * const { requirements, entry } = ratchetRequirements(
 *   { format: "ratchet.requirements/v1", primary: "roc_auc", metrics: { rmse: { max: 2 } }, history: [] },
 *   {
 *     version: 4, measured: "2026-11-27", data: { source: "evaluation.csv", partitions: 1, rows: 100 },
 *     metrics: { roc_auc: { min: 0.8, mean: 0.8, max: 0.8 } },
 *   },
 *   { margin: 0.02, date: "2026-11-27" },
 * );
 * if (requirements.metrics.roc_auc?.min !== 0.78 || entry?.action !== "ratchet") throw new Error();
 * ```
 */
export function ratchetRequirements(
  requirements: Requirements,
  baseline: Baseline,
  options: RatchetOptions = {},
): RatchetResult {
  const margin = options.margin ?? DEFAULT_MARGIN;
  if (!Number.isFinite(margin) || margin < 0) {
    throw invalid(`Invalid margin ${margin}: expected a finite number ≥ 0, in metric units`);
  }
  const metrics: Partial<Record<MetricName, MetricRequirement>> = {};
  const changes: RequirementChange[] = [];
  const skipped: RatchetResult["skipped"] = [];
  for (const metric of ALL_METRICS) {
    const current = requirements.metrics[metric];
    const bound = boundKind(metric);
    const kinds = (["min", "max", "mean"] as const).filter((k) => current?.[k] !== undefined);
    if (kinds.length === 0 && metric === requirements.primary) kinds.push(bound, "mean");
    const next: MetricRequirement = { ...current };
    const measured = baseline.metrics[metric];
    if (kinds.length > 0 && !measured) {
      skipped.push({ metric, reason: `${metric} is undefined in every partition of the baseline` });
    }
    for (const kind of measured ? kinds : []) {
      const lower = LOWER_IS_BETTER.has(metric);
      const value = kind === "mean" ? measured!.mean : lower ? measured!.max : measured!.min;
      const to = _roundLoose(lower ? value + margin : value - margin, lower);
      const from = current?.[kind] ?? null;
      const change: RequirementChange = { metric, kind, from, to };
      if (to !== from && !loosens(change)) {
        next[kind] = to;
        changes.push(change);
      }
    }
    if (Object.keys(next).length) metrics[metric] = next;
  }
  if (changes.length === 0) return { requirements, skipped };
  const entry: HistoryEntry = {
    date: options.date ?? new Date().toISOString(),
    action: "ratchet",
    reason: options.reason ??
      `ratchet to champion v${baseline.version} measured on ${baseline.data.source}, margin ${margin}`,
    ...(options.by ? { by: options.by } : {}),
    changes,
  };
  return {
    requirements: {
      ...requirements,
      metrics,
      baseline,
      history: [...requirements.history, entry],
    },
    entry,
    skipped,
  };
}

// Six significant digits keep files readable; rounding the loose way keeps
// the baseline itself passing.
function _roundLoose(x: number, up: boolean): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const r = Number(x.toPrecision(6));
  if (up ? r >= x : r <= x) return r;
  const step = 10 ** (Math.floor(Math.log10(Math.abs(x))) - 5);
  const r2 = Number((up ? x + step : x - step).toPrecision(6));
  return (up ? r2 >= x : r2 <= x) ? r2 : x;
}
