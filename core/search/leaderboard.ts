/**
 * The leaderboard of a search: every candidate tried, ranked by the model's
 * primary metric on the validation window, and the versions published.
 * Written as `models/<name>/searches/<id>/leaderboard.json`.
 *
 * @module
 */
import type { ParamValue, Task } from "../contract/mod.ts";
import type { MetricName } from "../metrics/mod.ts";
import type { SearchSpace } from "./search_space.ts";

/** The `format` tag of leaderboard files. */
export const LEADERBOARD_FORMAT = "ratchet.leaderboard/v1";

/** A window of partitions as the search read it. */
export interface ReadWindow {
  /** First partition read. */
  from: string;
  /** Last partition read. */
  to: string;
  /** Rows read. */
  rows: number;
}

/** One candidate tried. */
export interface LeaderboardEntry {
  /** Its position in the search order, from 0 (grid order, or order of the random draws). */
  index: number;
  /** 1 for the best; `null` when its fit or evaluation failed. */
  rank: number | null;
  /** Every hyperparameter it was fitted with (searched ones and defaults). */
  params: Record<string, ParamValue>;
  /** The primary metric on the validation window; `null` when it failed. */
  score: number | null;
  /** Every metric of the task on the validation window (empty when it failed). */
  metrics: Record<string, number | null>;
  /** Milliseconds its fit and evaluation took (informational: not deterministic). */
  fit_ms: number;
  /** The version it was published as, when it was among the best `keep`. */
  version?: number;
  /** Why it failed, when it did. */
  error?: string;
}

/** A candidate published as a new version. */
export interface PublishedCandidate {
  /** Its version number. */
  version: number;
  /** Its rank in the leaderboard, from 1. */
  rank: number;
  /** Its primary metric on the validation window. */
  score: number;
  /** Its artifact's SHA-256. */
  sha256: string;
}

/** Why the search ended. */
export type SearchStop = "complete" | "budget" | "aborted";

/** A whole search, as written to `leaderboard.json`. */
export interface Leaderboard {
  /** Always {@linkcode LEADERBOARD_FORMAT}. */
  format: typeof LEADERBOARD_FORMAT;
  /** The search id, also its folder name under `models/<name>/searches/`. */
  id: string;
  /** The model searched for. */
  model: string;
  /** The champion whose features, target and preprocessing every candidate copies, and its score on the validation window. */
  champion: {
    /** Its version. */
    version: number;
    /** Its primary metric on the validation window, `null` when it could not be scored. */
    score: number | null;
    /** Why it has no score, when it has none. */
    reason?: string;
  };
  /** The plugin fitted. */
  plugin: { id: string; version: string };
  /** What the model predicts. */
  task: Task;
  /** The dataset read. */
  dataset: string;
  /** The label column. */
  target: string;
  /** The partitions fitted on. */
  train: ReadWindow;
  /** The partitions scored on. */
  validate: ReadWindow;
  /** Whether the windows share partitions (only with `allowOverlap`). */
  overlap: boolean;
  /** The primary metric candidates are ranked by. */
  metric: MetricName;
  /** Whether a smaller value of `metric` is better. */
  lower_is_better: boolean;
  /** Grid or random search. */
  mode: "grid" | "random";
  /** The seed of random draws and of the plugin's own `seed` parameter. */
  seed: number;
  /** The space searched, as checked against the plugin. */
  space: SearchSpace;
  /** The wall-clock budget in milliseconds, or `null` for none. */
  budget_ms: number | null;
  /** How many of the best candidates were to be published. */
  keep: number;
  /** When the search started (ISO 8601). */
  started: string;
  /** When it ended (ISO 8601). */
  finished: string;
  /** Why it ended. */
  stopped: SearchStop;
  /** How many candidates the search planned. */
  planned: number;
  /** The candidates that finished within the budget: ranked first (best first), then failed ones. */
  candidates: LeaderboardEntry[];
  /** The versions published, best first. */
  published: PublishedCandidate[];
  /** The leaderboard's files, relative to the project folder. */
  files: { json: string; html: string };
  /** Notes for the reader: candidates discarded, skipped or failed. */
  notes: string[];
}

/**
 * Orders entries best first: by score in the metric's direction, ties by
 * search order (the earlier candidate wins), failed entries last; sets
 * `rank`.
 *
 * @example
 * ```ts
 * import { rankEntries } from "./leaderboard.ts";
 * const e = (index: number, score: number | null) => ({ index, rank: null, params: {}, score, metrics: {}, fit_ms: 0 });
 * const ranked = rankEntries([e(0, 2), e(1, null), e(2, 1), e(3, 1)], true);
 * if (ranked.map((x) => `${x.index}:${x.rank}`).join() !== "2:1,3:2,0:3,1:null") throw new Error();
 * ```
 */
export function rankEntries(
  entries: readonly LeaderboardEntry[],
  lowerIsBetter: boolean,
): LeaderboardEntry[] {
  const sign = lowerIsBetter ? 1 : -1;
  const sorted = [...entries].sort((a, b) => {
    if (a.score === null || b.score === null) {
      return a.score === b.score ? a.index - b.index : a.score === null ? 1 : -1;
    }
    return sign * (a.score - b.score) || a.index - b.index;
  });
  return sorted.map((e, k) => ({ ...e, rank: e.score === null ? null : k + 1 }));
}
