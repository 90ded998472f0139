/**
 * The verdict: promote only when every rule holds, and say why in words
 * either way.
 *
 * @module
 */
import { formatValue } from "../requirements/mod.ts";
import type {
  ChallengeFixtures,
  ChallengeRegressions,
  ChallengeRequirements,
  ChallengeRule,
  PrimaryComparison,
} from "./challenge_result.ts";
import { DEFAULT_TOLERANCE_SHARE } from "./find_regressions.ts";

/** What the verdict is decided on. */
export interface VerdictInput {
  /** `name@version` of the candidate, for messages. */
  candidate: string;
  /** The requirements, checked. */
  requirements: ChallengeRequirements;
  /** The fixtures, checked. */
  fixtures: ChallengeFixtures;
  /** The primary metric, compared. */
  primary: PrimaryComparison;
  /** Partitions regressed beyond the tolerance. */
  regressions: ChallengeRegressions;
}

/** The verdict, its rules and its reasons. */
export interface ChallengeVerdict {
  /** `promote` when every rule holds. */
  verdict: "promote" | "reject";
  /** The failed rules' messages (reject) or every rule's (promote). */
  reasons: string[];
  /** Every rule, in order: requirements, fixtures, improvement, partitions. */
  rules: ChallengeRule[];
}

/**
 * Applies the four rules: the candidate meets every requirement (on every
 * back-test partition and on the now-test window); passes every fixture
 * that is not superseded; beats the champion on the primary metric by at
 * least `min_improvement`, with the bootstrap interval on the improving
 * side of zero; and regresses no partition beyond the tolerance unless a
 * reason was given.
 *
 * @example
 * ```ts
 * import { challengeVerdict } from "./challenge_verdict.ts";
 * const none = { passed: true, checks: [] };
 * const side = { backtest: none, nowtest: none, unscored: [] };
 * const v = challengeVerdict({
 *   candidate: "churn@4",
 *   requirements: { passed: true, champion: side, candidate: side },
 *   fixtures: { passed: true, total: 0, candidate_passed: 0, candidate_failed: 0, champion_failed: 0, superseded: 0, cases: [] },
 *   primary: {
 *     metric: "roc_auc", direction: "higher", champion: 0.7, candidate: 0.71, diff: 0.01, improvement: 0.01,
 *     min_improvement: 0.005, ci: [-0.002, 0.021], confidence: 0.95, partitions_better: 8, partitions_worse: 4,
 *     partitions_equal: 0, partitions_unpaired: 0, partition_means: { champion: 0.7, candidate: 0.71 },
 *     sign_test: { n: 12, better: 8, p_value: 0.39 },
 *     wilcoxon: { n: 12, zeros: 0, r_plus: 50, r_minus: 28, statistic: 28, method: "exact", z: null, p_value: 0.42 },
 *     bootstrap: { resamples: 1000, undefined_resamples: 0, seed: 1, rows: 900, kept: 900, sampled: false },
 *   },
 *   regressions: { tolerance: 0.07, tolerance_source: "default", partitions: [] },
 * });
 * if (v.verdict !== "reject" || !v.reasons[0]!.includes("includes 0")) throw new Error(JSON.stringify(v));
 * ```
 */
export function challengeVerdict(input: VerdictInput): ChallengeVerdict {
  const rules = [
    _requirementsRule(input),
    _fixturesRule(input),
    _improvementRule(input),
    _partitionsRule(input),
  ];
  const passed = rules.every((r) => r.passed);
  return {
    verdict: passed ? "promote" : "reject",
    reasons: (passed ? rules : rules.filter((r) => !r.passed)).map((r) => r.message),
    rules,
  };
}

function _requirementsRule({ candidate, requirements }: VerdictInput): ChallengeRule {
  const rule = "requirements" as const;
  const c = requirements.candidate;
  const misses = [
    ...c.unscored.map((p) => `partition ${p} could not be scored`),
    ...c.backtest.checks.filter((k) => !k.passed).map((k) => `${k.message} (back-test)`),
    ...c.nowtest.checks.filter((k) => !k.passed).map((k) => `${k.message} (now-test)`),
  ];
  if (misses.length > 0) {
    return {
      rule,
      passed: false,
      message: `${candidate} misses requirements: ${misses.join("; ")}`,
    };
  }
  if (requirements.note) return { rule, passed: true, message: requirements.note };
  const n = c.backtest.checks.length + c.nowtest.checks.length;
  const unchecked = c.nowtest.passed === null ? `; now-test: ${c.nowtest.note}` : "";
  return {
    rule,
    passed: true,
    message:
      `${candidate} meets every requirement (${n} checks on the back-test and the now-test window${unchecked})`,
  };
}

function _fixturesRule({ candidate, fixtures }: VerdictInput): ChallengeRule {
  const rule = "fixtures" as const;
  const retired = fixtures.cases.filter((c) => c.superseded);
  const skipped = retired.length
    ? `; ${retired.length} superseded, not checked: ${
      retired.map((c) => `${c.id} (${c.superseded!.reason})`).join(", ")
    }`
    : "";
  const active = fixtures.total - fixtures.superseded;
  if (fixtures.passed) {
    const what = active === 0 ? "has no active fixture to pass" : `passes all ${active} fixtures`;
    return { rule, passed: true, message: `${candidate} ${what}${skipped}` };
  }
  const failed = fixtures.cases.filter((c) => c.candidate === "failed");
  return {
    rule,
    passed: false,
    message:
      `${candidate} fails ${failed.length} of ${active} fixtures: ${
        failed.map((c) => `${c.id} (${c.message})`).join("; ")
      }. A case that no longer holds can be retired, with a reason: ` +
      "`ratchet fixtures supersede NAME ID --reason …`" + skipped,
  };
}

function _improvementRule({ primary: p }: VerdictInput): ChallengeRule {
  const rule = "improvement" as const;
  const f = (x: number) => formatValue(x);
  const signed = (x: number) => (x > 0 ? "+" : "") + f(x);
  if (p.champion === null || p.candidate === null || p.improvement === null) {
    return {
      rule,
      passed: false,
      message: `${p.metric} is undefined on the pooled rows for ${
        p.champion === null ? "the champion" : "the candidate"
      }, so no improvement can be shown`,
    };
  }
  const head =
    `${p.metric} ${f(p.champion)} → ${f(p.candidate)} on ${p.bootstrap.rows} pooled rows ` +
    `(${p.direction} is better): improvement ${
      signed(p.improvement)
    }, min_improvement ${p.min_improvement}`;
  const pct = `${Math.round(p.confidence * 100)}% interval`;
  if (p.ci === null) {
    return {
      rule,
      passed: false,
      message:
        `${head}; no ${pct}: ${p.metric} was undefined in ${p.bootstrap.undefined_resamples} of ` +
        `${p.bootstrap.resamples} resamples`,
    };
  }
  const ci = `[${signed(p.ci[0])}, ${signed(p.ci[1])}]`;
  // The interval is of candidate − champion; lower-is-better metrics improve below zero.
  const excludesZero = p.direction === "higher" ? p.ci[0] > 0 : p.ci[1] < 0;
  const enough = p.improvement >= p.min_improvement;
  const side = p.direction === "higher" ? "above" : "below";
  const other = p.direction === "higher" ? "below" : "above";
  const worse = p.direction === "higher" ? p.ci[1] < 0 : p.ci[0] > 0;
  const problems = [
    !enough && `the improvement is less than min_improvement ${p.min_improvement}`,
    !excludesZero &&
    (worse
      ? `the ${pct} of the difference ${ci} lies ${other} 0: the candidate is worse`
      : `the ${pct} of the difference ${ci} includes 0, so the gain may be luck`),
  ].filter(Boolean);
  if (problems.length === 0) {
    return { rule, passed: true, message: `${head}; ${pct} of the difference ${ci}, ${side} 0` };
  }
  return { rule, passed: false, message: `${head}; ${problems.join("; ")}` };
}

function _partitionsRule({ primary, regressions: r }: VerdictInput): ChallengeRule {
  const rule = "partitions" as const;
  const tol = `${formatValue(r.tolerance)} ${primary.metric}` +
    (r.tolerance_source === "default"
      ? ` (${DEFAULT_TOLERANCE_SHARE * 100}% of the champion's mean)`
      : "");
  if (r.partitions.length === 0) {
    return { rule, passed: true, message: `no partition regressed by more than ${tol}` };
  }
  const shown = r.partitions.slice(0, 8).map((p) =>
    `${p.partition} (${formatValue(p.champion!)} → ${formatValue(p.candidate!)})`
  );
  if (r.partitions.length > 8) shown.push(`${r.partitions.length - 8} more`);
  const list = `${r.partitions.length} partition(s) regressed by more than ${tol}: ${
    shown.join(", ")
  }`;
  if (r.reason !== undefined) {
    return { rule, passed: true, message: `${list}; accepted: ${r.reason}` };
  }
  return {
    rule,
    passed: false,
    message: `${list}. If that is intended, challenge again with --regression-reason "…" ` +
      "(recorded in the evidence), or a larger --tolerance",
  };
}
