/**
 * The trial's verdict: is the challenger better than the champion on live
 * traffic? The same improvement rule as a challenge (by at least
 * `min_improvement`, with the bootstrap interval on the improving side of
 * zero), plus the requirements on the live partitions.
 *
 * @module
 */
import {
  type ChallengeRegressions,
  challengeVerdict,
  type PrimaryComparison,
} from "../challenge/mod.ts";
import { formatValue, type RequirementsCheck } from "../requirements/mod.ts";
import type { TrialOutcome } from "./trial_result.ts";

/** What the trial's verdict is decided on. */
export interface TrialVerdictInput {
  /** `name@version` of the challenger, for messages. */
  challenger: string;
  /** The primary metric compared on the live rows. */
  primary: PrimaryComparison;
  /** The challenger's requirement checks on the live partitions, and whether it passed them. */
  requirements: { passed: boolean; note?: string; challenger: RequirementsCheck };
  /** Partitions where the challenger is worse beyond the tolerance. */
  regressions: ChallengeRegressions;
}

/** The verdict, in a word and in words. */
export interface TrialVerdict {
  /** Better, worse, or no clear difference, on the primary metric. */
  outcome: TrialOutcome;
  /** Better, and meets every requirement on the live rows. */
  promote: boolean;
  /** The improvement rule, the requirements, the regressed partitions (when any). */
  reasons: string[];
}

/**
 * Judges the live comparison. `worse` means the whole interval lies on the
 * losing side of zero; an interval across zero, or a gain below
 * `min_improvement`, is no clear difference.
 *
 * @example
 * ```ts
 * import { trialVerdict } from "./trial_verdict.ts";
 * const primary = {
 *   metric: "roc_auc" as const, direction: "higher" as const, champion: 0.7, candidate: 0.75, diff: 0.05,
 *   improvement: 0.05, min_improvement: 0.005, ci: [0.02, 0.08] as [number, number], confidence: 0.95,
 *   partitions_better: 6, partitions_worse: 0, partitions_equal: 0, partitions_unpaired: 0,
 *   partition_means: { champion: 0.7, candidate: 0.75 },
 *   sign_test: { n: 6, better: 6, p_value: 0.03125 },
 *   wilcoxon: { n: 6, zeros: 0, r_plus: 21, r_minus: 0, statistic: 0, method: "exact" as const, z: null, p_value: 0.03125 },
 *   bootstrap: { resamples: 1000, undefined_resamples: 0, seed: 1, rows: 400, kept: 400, sampled: false },
 * };
 * const requirements = { passed: true, challenger: { passed: true, checks: [] } };
 * const regressions = { tolerance: 0.07, tolerance_source: "default" as const, partitions: [] };
 * const v = trialVerdict({ challenger: "churn@3", primary, requirements, regressions });
 * if (v.outcome !== "better" || !v.promote) throw new Error(JSON.stringify(v));
 * const w = trialVerdict({ challenger: "churn@3", primary: { ...primary, ci: [-0.08, -0.01] }, requirements, regressions });
 * if (w.outcome !== "worse" || w.promote) throw new Error(JSON.stringify(w));
 * ```
 */
export function trialVerdict(input: TrialVerdictInput): TrialVerdict {
  const p = input.primary;
  const improvement = _improvementRule(input);
  const worse = p.ci !== null && (p.direction === "higher" ? p.ci[1] < 0 : p.ci[0] > 0);
  const outcome: TrialOutcome = improvement.passed
    ? "better"
    : worse
    ? "worse"
    : "no_clear_difference";
  const r = input.requirements;
  const misses = r.challenger.checks.filter((c) => !c.passed).map((c) => c.message);
  const requirements = r.note ??
    (misses.length
      ? `${input.challenger} misses requirements on the live partitions: ${misses.join("; ")}`
      : `${input.challenger} meets every requirement on the live partitions ` +
        `(${r.challenger.checks.length} checks)`);
  const reasons = [improvement.message, requirements];
  const g = input.regressions;
  if (g.partitions.length > 0) {
    reasons.push(
      `${g.partitions.length} partition(s) regressed by more than ${formatValue(g.tolerance)} ` +
        `${p.metric}: ${
          g.partitions.slice(0, 8).map((x) =>
            `${x.partition} (${formatValue(x.champion!)} → ${formatValue(x.candidate!)})`
          ).join(", ")
        }`,
    );
  }
  return { outcome, promote: outcome === "better" && r.passed, reasons };
}

// The challenge's own improvement rule, so that "better" means the same on
// live traffic as in a challenge; the other rules get inputs that hold.
function _improvementRule(input: TrialVerdictInput) {
  const none = { passed: true, checks: [] };
  const side = { backtest: none, nowtest: none, unscored: [] };
  const { rules } = challengeVerdict({
    candidate: input.challenger,
    requirements: { passed: true, champion: side, candidate: side },
    fixtures: {
      passed: true,
      total: 0,
      candidate_passed: 0,
      candidate_failed: 0,
      champion_failed: 0,
      superseded: 0,
      cases: [],
    },
    primary: input.primary,
    regressions: { ...input.regressions, partitions: [] },
  });
  return rules.find((r) => r.rule === "improvement")!;
}
