/**
 * What a trial found, as `trial report --json` prints it: the challenger's
 * shadow predictions on live traffic judged against the champion's, with
 * the challenge's evidence.
 *
 * @module
 */
import type { Task } from "../contract/mod.ts";
import type { ChallengeRegressions, PairedPartition, PrimaryComparison } from "../challenge/mod.ts";
import type { Grain } from "../data/mod.ts";
import type { PartitionMetrics } from "../evaluate/mod.ts";
import type { MetricsReport } from "../metrics/mod.ts";
import type { RequirementsCheck } from "../requirements/mod.ts";

/** The `format` tag of a trial report. */
export const TRIAL_FORMAT = "ratchet.trial/v1";

/** What the live rows say of the challenger. */
export type TrialOutcome = "better" | "worse" | "no_clear_difference";

/** One champion/challenger pair found in the log. */
export interface TrialPair {
  /** The version that answered (`model_version`). */
  champion: number;
  /** The version that predicted in shadow (`shadow_version`). */
  challenger: number;
  /** Rows of the pair with an outcome, in the chosen partitions. */
  rows: number;
  /** The first such row's request time (ISO 8601, UTC). */
  first: string;
  /** The last such row's request time. */
  last: string;
  /** The primary metric of each on the pair's rows pooled; null where undefined. */
  primary: { champion: number | null; challenger: number | null };
}

/** One side's metrics on the live rows. */
export interface TrialSide {
  /** Every metric on the rows pooled. */
  pooled: MetricsReport;
  /** Every metric per partition, in order. */
  partitions: PartitionMetrics[];
}

/** A whole trial report. */
export interface TrialResult {
  /** Always {@linkcode TRIAL_FORMAT}. */
  format: typeof TRIAL_FORMAT;
  /** Model name. */
  model: string;
  /** What both versions predict. */
  task: Task;
  /** The champion of the main comparison: the most recent pair logged. */
  champion: number;
  /** The challenger of the main comparison. */
  challenger: number;
  /** `better` only when the improvement rule of a challenge holds on the live rows. */
  outcome: TrialOutcome;
  /** True when the challenger is better and meets every requirement on the live rows. */
  promote: boolean;
  /** One sentence: the outcome on live traffic. */
  summary: string;
  /** Why, in words: the improvement rule, the requirements, the regressed partitions. */
  reasons: string[];
  /** The primary metric compared, with its evidence (as a challenge gives it). */
  primary: PrimaryComparison;
  /** The primary metric per partition. */
  partitions: PairedPartition[];
  /** Partitions where the challenger is worse than the tolerance (10% of the champion's mean). */
  regressions: ChallengeRegressions;
  /** Every metric of both, pooled and per partition. */
  metrics: { champion: TrialSide; challenger: TrialSide };
  /** The requirements checked on each side's live partitions. */
  requirements: {
    /** Whether the challenger meets them (true, with a note, when there are none). */
    passed: boolean;
    /** Why nothing was checked, when the model has no requirements. */
    note?: string;
    /** The champion's checks, for comparison. */
    champion: RequirementsCheck;
    /** The challenger's checks. */
    challenger: RequirementsCheck;
  };
  /** Every pair found, oldest first; the last one is the main comparison. */
  pairs: TrialPair[];
  /** The live data read. */
  data: {
    /** Dataset name. */
    dataset: string;
    /** The label column (the model's target name). */
    target: string;
    /** How rows were grouped into partitions. */
    grain: Grain;
    /** First and last partition compared. */
    window: { from: string | null; to: string | null };
    /** Rows logged in the chosen dataset partitions. */
    logged: number;
    /** Of those, rows with an outcome. */
    with_outcome: number;
    /** Of those, rows with a shadow prediction. */
    with_shadow: number;
    /** Rows with both: compared, over every pair. */
    compared: number;
  };
  /** The settings, so that the report can be repeated. */
  options: {
    /** Bootstrap seed. */
    seed: number;
    /** Bootstrap resamples. */
    resamples: number;
    /** Interval coverage. */
    confidence: number;
    /** First dataset partition read, when given. */
    from?: string;
    /** Last dataset partition read, when given. */
    to?: string;
  };
  /** When the report was made (ISO 8601). */
  created: string;
}
