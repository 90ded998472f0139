/**
 * What a challenge found, as `challenge --json` prints it and as the
 * evidence file under `models/<name>/challenges/` keeps it.
 *
 * @module
 */
import type { Task } from "../contract/mod.ts";
import type { BacktestPartition, BacktestResult } from "../backtest/mod.ts";
import type { MetricSummary } from "../evaluate/mod.ts";
import type { FixtureKind, FixtureMode, FixtureResult, Supersession } from "../fixtures/mod.ts";
import type { MetricName } from "../metrics/mod.ts";
import type { NowtestResult } from "../nowtest/mod.ts";
import type { PairedPartition } from "./paired_partitions.ts";
import type { SignTestResult } from "./sign_test.ts";
import type { WilcoxonResult } from "./wilcoxon_test.ts";

/** The `format` tag of challenge evidence. */
export const CHALLENGE_FORMAT = "ratchet.challenge/v1";

/** The four verdict rules, in the order the report lists them. */
export type ChallengeRuleName = "requirements" | "fixtures" | "improvement" | "partitions";

/** One verdict rule, checked. */
export interface ChallengeRule {
  /** Which rule. */
  rule: ChallengeRuleName;
  /** Whether the candidate meets it. */
  passed: boolean;
  /** The rule and the result, in words. */
  message: string;
}

/** The primary metric, compared. */
export interface PrimaryComparison {
  /** The requirements' primary metric. */
  metric: MetricName;
  /** Which way the metric improves. */
  direction: "higher" | "lower";
  /** The champion's value on all rows pooled. */
  champion: number | null;
  /** The candidate's value on the same rows. */
  candidate: number | null;
  /** candidate − champion; null when either is undefined. */
  diff: number | null;
  /** The difference in the improving direction (> 0: the candidate is better). */
  improvement: number | null;
  /** The improvement the requirements ask of a challenger (`min_improvement`, default 0). */
  min_improvement: number;
  /** Paired bootstrap interval of `diff`; null when it could not be computed. */
  ci: [number, number] | null;
  /** The interval's coverage, e.g. 0.95. */
  confidence: number;
  /** Partitions where the candidate is better. */
  partitions_better: number;
  /** Partitions where the candidate is worse. */
  partitions_worse: number;
  /** Partitions where both are equal. */
  partitions_equal: number;
  /** Partitions where either value is undefined (left out of the tests). */
  partitions_unpaired: number;
  /** Mean over partitions of each model, as requirements measure it. */
  partition_means: { champion: number | null; candidate: number | null };
  /** Sign test of better against worse partitions. */
  sign_test: SignTestResult;
  /** Wilcoxon signed-rank test of the per-partition improvements. */
  wilcoxon: WilcoxonResult;
  /** How the interval was computed. */
  bootstrap: {
    /** Resamples drawn. */
    resamples: number;
    /** Resamples where the metric was undefined, left out. */
    undefined_resamples: number;
    /** The seed. */
    seed: number;
    /** Rows scored by both models. */
    rows: number;
    /** Rows each resample draws from: all, or a seeded sample of `max_rows`. */
    kept: number;
    /** True when `kept < rows`. */
    sampled: boolean;
  };
}

/** The requirements, checked on both models. */
export interface ChallengeRequirements {
  /** Whether the candidate meets every requirement (back-test and now-test). */
  passed: boolean;
  /** Why nothing was checked, when the model has no requirements. */
  note?: string;
  /** The champion's checks. */
  champion: ModelRequirements;
  /** The candidate's checks. */
  candidate: ModelRequirements;
}

/** One model's requirement checks. */
export interface ModelRequirements {
  /** On every partition of the back-test. */
  backtest: BacktestResult["requirements"];
  /** On the now-test window; `passed` is null when it had no labelled rows. */
  nowtest: NowtestResult["requirements"];
  /** Partitions the back-test could not score. */
  unscored: string[];
}

/** One fixture, on both models. */
export interface ChallengeFixture {
  /** The case's id. */
  id: string;
  /** Where the case came from. */
  kind: FixtureKind;
  /** Recorded or stated output. */
  mode: FixtureMode;
  /** Why the case is there, when it says. */
  note?: string;
  /** The champion's result. */
  champion: FixtureResult["status"];
  /** The candidate's result. */
  candidate: FixtureResult["status"];
  /** Why the candidate failed it, or why it was skipped. */
  message: string;
  /** For a superseded case: when, why, and whether the candidate would pass it. */
  superseded?: Supersession & { candidate_would_pass: boolean };
}

/** The fixtures, checked on both models. */
export interface ChallengeFixtures {
  /** Whether the candidate passes every case that is not superseded. */
  passed: boolean;
  /** Cases in the file. */
  total: number;
  /** Cases the candidate passes. */
  candidate_passed: number;
  /** Cases the candidate fails. */
  candidate_failed: number;
  /** Cases the champion fails (for comparison). */
  champion_failed: number;
  /** Superseded cases, not checked. */
  superseded: number;
  /** Every case. */
  cases: ChallengeFixture[];
}

/** Partitions where the candidate is worse than the tolerance allows. */
export interface ChallengeRegressions {
  /** The tolerance, in metric units. */
  tolerance: number;
  /** `option` when given, else `default` (a share of the champion's mean). */
  tolerance_source: "option" | "default";
  /** The partitions, worst first. */
  partitions: PairedPartition[];
  /** Why they are accepted, when the challenge was told. */
  reason?: string;
}

/** One model's side of the now-test. */
export interface ChallengeNowtestSide {
  /** Metrics of the window's labelled rows. */
  metrics: NowtestResult["metrics"];
  /** The verdict the now-test gives this model (drift included). */
  verdict: NowtestResult["verdict"];
}

/** One model's back-test, as kept in the evidence. */
export interface ChallengeBacktestSide {
  /** Every partition's metrics. */
  partitions: BacktestPartition[];
  /** Each metric over the partitions. */
  summary: Record<string, MetricSummary | null>;
  /** How predictions were computed. */
  engine: "js" | "sql";
  /** Whether every partition was scored and every requirement met. */
  passed: boolean;
}

/** A model version as the challenge saw it. */
export interface ChallengeModel {
  /** Version number. */
  version: number;
  /** The artifact's SHA-256. */
  sha256: string;
  /** Plugin id. */
  plugin: string;
}

/** A whole challenge. */
export interface ChallengeResult {
  /** Always {@linkcode CHALLENGE_FORMAT}. */
  format: typeof CHALLENGE_FORMAT;
  /** Model name. */
  model: string;
  /** What both models predict. */
  task: Task;
  /** The champion's version. */
  champion: number;
  /** The candidate's version. */
  candidate: number;
  /** `promote` when every rule holds, else `reject`. */
  verdict: "promote" | "reject";
  /** Why, in words: the failed rules (reject) or every rule (promote), then what was accepted. */
  reasons: string[];
  /** The primary metric, compared. */
  primary: PrimaryComparison;
  /** The requirements, checked. */
  requirements: ChallengeRequirements;
  /** The fixtures, checked. */
  fixtures: ChallengeFixtures;
  /** Every rule, in order. */
  rules: ChallengeRule[];
  /** The primary metric per partition. */
  partitions: PairedPartition[];
  /** Partitions regressed beyond the tolerance. */
  regressions: ChallengeRegressions;
  /** The now-test window, on both models. */
  nowtest: {
    /** The window. */
    window: NowtestResult["window"];
    /** The champion. */
    champion: ChallengeNowtestSide;
    /** The candidate. */
    candidate: ChallengeNowtestSide;
  };
  /** Both back-tests. */
  backtest: { champion: ChallengeBacktestSide; candidate: ChallengeBacktestSide };
  /** What the models were. */
  models: { champion: ChallengeModel; candidate: ChallengeModel };
  /** The data both were judged on. */
  data: {
    /** Dataset name. */
    dataset: string;
    /** The column that names its partitions, e.g. `month`. */
    key: string;
    /** The label column. */
    target: string;
    /** First and last partition. */
    window: { from: string | null; to: string | null };
    /** Partitions back-tested. */
    partitions: number;
    /** Rows scored by both. */
    rows: number;
  };
  /** The settings, so that the challenge can be repeated. */
  options: {
    /** Bootstrap seed. */
    seed: number;
    /** Bootstrap resamples. */
    resamples: number;
    /** Interval coverage. */
    confidence: number;
    /** Rows kept for the bootstrap at most. */
    max_rows: number;
    /** The now-test window (`latest`, `3p`, …). */
    window: string;
  };
  /** When the challenge ran (ISO 8601). */
  created: string;
  /** The evidence file, relative to the project folder; absent when not recorded. */
  evidence?: string;
}
