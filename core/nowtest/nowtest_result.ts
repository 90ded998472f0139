/**
 * What a now-test found, as `nowtest --json` prints it and alarms carry it
 * (`details`).
 *
 * @module
 */
import type { AlarmOutcome } from "../alarms/mod.ts";
import type { Task } from "../contract/mod.ts";
import type { MetricsReport } from "../metrics/mod.ts";
import type { RequirementCheck } from "../requirements/mod.ts";
import type { DriftEntry } from "./column_drift.ts";
import type { ResolvedReference } from "./resolve_reference.ts";
import type { ResolvedWindow } from "./resolve_window.ts";

/** Why a now-test fails. */
export type NowtestReason = "no data" | "no labels" | "requirements" | "drift";

/** The window judged. */
export interface NowtestWindow {
  /** `latest`, `partitions`, `days`, `weeks` or `months`. */
  kind: ResolvedWindow["kind"];
  /** The `--window` text, e.g. `7d`. */
  text: string;
  /** First partition (partition windows) or start time, inclusive (time windows). */
  from: string | null;
  /** Last partition (partition windows) or end time, exclusive (time windows). */
  to: string | null;
  /** The partitions read. */
  partitions: string[];
  /** Rows in the window. */
  rows: number;
  /** Rows with a label; the others count for drift only. */
  labelled: number;
}

/** The drift of the window against the reference. */
export interface NowtestDrift {
  /** The PSI above which drift fails the now-test; null: drift is reported only. */
  max_psi: number | null;
  /** Predictions and features whose PSI is above `max_psi`, worst first. */
  exceeded: string[];
  /** Per prediction: `prediction` (regression) or `p_<label>` (classifiers). */
  predictions: Record<string, DriftEntry>;
  /** Per feature of the model, in artifact order. */
  features: Record<string, DriftEntry>;
}

/** The requirements checked on the window's labelled rows, as one partition. */
export interface NowtestRequirements {
  /** Whether every check passed; null when they could not be checked (no labelled rows). */
  passed: boolean | null;
  /** One check per threshold. */
  checks: RequirementCheck[];
  /** Why nothing was checked, when so. */
  note?: string;
}

/** The decision, as the alarm gets it. */
export interface NowtestVerdict {
  /** Whether the now-test failed. */
  failing: boolean;
  /** The first reason, or null when passing. */
  reason: NowtestReason | null;
  /** Every reason, in the order: no data, no labels, requirements, drift. */
  reasons: NowtestReason[];
  /** One line for people. */
  summary: string;
}

/** A whole now-test. */
export interface NowtestResult {
  /** Model name. */
  model: string;
  /** Model version. */
  version: number;
  /** What the model predicts. */
  task: Task;
  /** Dataset name. */
  dataset: string;
  /** The label column. */
  target: string;
  /** The time windows are measured back from (ISO 8601). */
  now: string;
  /** The window judged. */
  window: NowtestWindow;
  /** The window drift is measured against. */
  reference: Pick<ResolvedReference, "from" | "to" | "source"> & {
    rows: number;
    /**
     * The dataset the reference was read from: the now-tested one, or (for
     * a log of live traffic) the one the model was trained on.
     */
    dataset: string;
  };
  /** Metrics of the labelled rows; null when there are none. */
  metrics: MetricsReport | null;
  /** Requirement checks on the window. */
  requirements: NowtestRequirements;
  /** Drift of features and predictions; null when the window is empty. */
  drift: NowtestDrift | null;
  /** Things worth knowing that are not failures (unlabelled rows, overlap with the reference, …). */
  notes: string[];
  /** Pass or fail, and why. */
  verdict: NowtestVerdict;
  /** What the alarm did; null with `--no-alarm`. */
  alarm: AlarmOutcome | null;
}
