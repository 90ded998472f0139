/**
 * `ratchet search`: fit candidates over a hyperparameter space on a training
 * window, rank them by the model's primary metric on a validation window,
 * and publish the best as candidate versions. The champion alias is never
 * touched: a candidate must still win a challenge.
 *
 * @module
 */
import { join, relative } from "node:path";
import { invalid } from "../errors/mod.ts";
import type { ArtifactBody } from "../artifact/mod.ts";
import { normalizeParams, type ParamValue } from "../contract/mod.ts";
import type { Project } from "../project/mod.ts";
import type { CandidateParams } from "./candidate_params.ts";
import type { SearchSpace } from "./search_space.ts";
import type { PartitionWindow } from "./parse_window.ts";
import {
  type Leaderboard,
  type LeaderboardEntry,
  type PublishedCandidate,
  rankEntries,
  type SearchStop,
} from "./leaderboard.ts";
import { fitCandidate, type FittedCandidate } from "./fit_candidate.ts";
import { claimSearchFolder, writeLeaderboardFiles } from "./search_folder.ts";
import { prepareSearch } from "./prepare_search.ts";
import { leaderboardHtml } from "./leaderboard_html.ts";
import { searchFailure } from "./search_failure.ts";

/** Grid search over every combination, or `random` distinct seeded draws. */
export type SearchMode = { grid: true } | { random: number };

/** What to search. */
export interface SearchOptions {
  /** The model; its champion gives every candidate its features, target and preprocessing. */
  name: string;
  /** The plugin to fit: it must have `fit` and serve the champion's task. */
  plugin: string;
  /** The dataset under `data/` both windows come from. */
  dataset: string;
  /** The partitions candidates are fitted on (inclusive; an absent end = the dataset's first or last). */
  train: PartitionWindow;
  /** The partitions candidates are ranked on; must not overlap `train` unless `allowOverlap`. */
  validate: PartitionWindow;
  /** Grid or random search. */
  mode: SearchMode;
  /** What to search; default: the plugin's declared `search` ranges. */
  space?: SearchSpace;
  /** Seeds the random draws, and the plugin's `seed` parameter unless the space searches it; default 0. */
  seed?: number;
  /** Wall-clock budget in milliseconds, counted from the call (see `parseBudget`); default none. */
  budgetMs?: number;
  /** How many of the best candidates to publish; default 1. */
  keep?: number;
  /** The label column in the dataset; default: the champion's target name. */
  target?: string;
  /** Accept training and validation windows that share partitions (recorded in the leaderboard). */
  allowOverlap?: boolean;
  /** Called after each candidate: how many finished, how many are planned, and its parameters. */
  onProgress?: (done: number, total: number, label: string) => void;
  /** Stops the search between fits, keeping what finished (e.g. on Ctrl-C). */
  signal?: AbortSignal;
  /** The clock the budget is measured with, in milliseconds; default `Date.now` (tests pass a fake one). */
  now?: () => number;
}

function _label(params: CandidateParams): string {
  return Object.entries(params).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(" ");
}

function _yield(): Promise<void> {
  // A macrotask, so that signal handlers and progress output run between synchronous fits.
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Runs a search and returns its leaderboard, also written as
 * `models/<name>/searches/<id>/leaderboard.json` and `.html`.
 *
 * The budget is checked before each fit; a fit cannot be interrupted (plugins
 * fit synchronously), so a candidate that finishes after the budget ran out
 * is discarded: every kept candidate finished within the budget. Candidates
 * whose fit or evaluation fails are listed with their error. Throws a
 * `RatchetError` on bad input, and when no candidate finished.
 *
 * @example
 * ```ts ignore
 * import { openProject } from "../project/mod.ts";
 * const board = await searchCandidates(await openProject("."), {
 *   name: "rain-tomorrow", plugin: "logistic", dataset: "seattle",
 *   train: { from: "2012-01", to: "2013-12" }, validate: { from: "2014-01", to: "2014-12" },
 *   mode: { grid: true }, space: { C: { min: 0.01, max: 10, log: true } }, keep: 2,
 * });
 * console.log(board.published.map((p) => p.version));
 * ```
 */
export async function searchCandidates(
  project: Project,
  options: SearchOptions,
): Promise<Leaderboard> {
  const now = options.now ?? Date.now;
  const start = now();
  const startedAt = new Date();
  const prepared = await prepareSearch(project, options);
  const { plugin, planned, context, header } = prepared;
  const { metric, lower_is_better: lowerIsBetter, keep, budget_ms: budgetMs } = header;
  const deadline = budgetMs === null ? undefined : start + budgetMs;
  const folder = claimSearchFolder(project.store, options.name, startedAt);

  const entries: LeaderboardEntry[] = [];
  let best: { entry: LeaderboardEntry; body: ArtifactBody }[] = [];
  let stopped: SearchStop = "complete";
  let discardedMs: number | undefined;
  for (let index = 0; index < planned.length; index++) {
    if (options.signal?.aborted) {
      stopped = "aborted";
      break;
    }
    if (deadline !== undefined && now() >= deadline) {
      stopped = "budget";
      break;
    }
    const began = now();
    const searched = planned[index]!;
    let params: Record<string, ParamValue> = { ...prepared.fixed, ...searched };
    let fitted: FittedCandidate | undefined;
    let error = "";
    try {
      params = { ...normalizeParams(plugin.params!, params, plugin.id) };
      fitted = fitCandidate(context, params);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const score = fitted ? fitted.report.values[metric] ?? null : null;
    if (fitted && score === null) {
      // The data's fault, not the candidate's: every candidate would fail the same way.
      const { from, to } = header.validate;
      Deno.removeSync(folder.dir, { recursive: true });
      throw invalid(
        `${metric} is undefined on the validation window ${from}..${to} (${
          fitted.report.reasons[metric] ?? "no value"
        }); choose a --validate window where it is defined, e.g. a longer one`,
      );
    }
    const entry: LeaderboardEntry = fitted
      ? { index, rank: null, params, score, metrics: fitted.report.values, fit_ms: 0 }
      : { index, rank: null, params, score: null, metrics: {}, fit_ms: 0, error };
    const ended = now();
    entry.fit_ms = Math.max(0, Math.round(ended - began));
    if (deadline !== undefined && ended > deadline) {
      discardedMs = entry.fit_ms;
      stopped = "budget";
      break;
    }
    entries.push(entry);
    if (fitted) {
      // Only the best `keep` artifacts stay in memory: a forest's coefficients are large.
      best.push({ entry, body: fitted.body });
      best = rankEntries(best.map((b) => b.entry), lowerIsBetter).slice(0, keep)
        .map((e) => best.find((b) => b.entry.index === e.index)!);
    }
    options.onProgress?.(entries.length, planned.length, _label(searched));
    await _yield();
  }

  const ranked = rankEntries(entries, lowerIsBetter);
  const published: PublishedCandidate[] = best.map(({ entry, body }, k) => {
    const search = {
      id: folder.id,
      rank: k + 1,
      seed: header.seed,
      champion: header.champion.version,
      params: planned[entry.index]!,
      validation: {
        dataset: header.dataset,
        window: { from: header.validate.from, to: header.validate.to },
        rows: header.validate.rows,
        metric,
        score: entry.score,
      },
    };
    const result = project.store.publish(options.name, {
      ...body,
      provenance: { ...body.provenance, search },
    });
    ranked.find((e) => e.index === entry.index)!.version = result.version;
    return { version: result.version, rank: k + 1, score: entry.score!, sha256: result.sha256 };
  });
  const board: Leaderboard = {
    ...header,
    id: folder.id,
    started: startedAt.toISOString(),
    finished: new Date().toISOString(),
    stopped,
    planned: planned.length,
    candidates: ranked,
    published,
    files: {
      json: relative(project.root, join(folder.dir, "leaderboard.json")),
      html: relative(project.root, join(folder.dir, "leaderboard.html")),
    },
    notes: [
      ...prepared.notes,
      ..._notes(entries, planned.length, stopped, discardedMs),
      ...(published.length > 0 && published.length < keep
        ? [`Only ${published.length} candidate(s) succeeded, fewer than the ${keep} to keep.`]
        : []),
    ],
  };
  writeLeaderboardFiles(folder.dir, board, await leaderboardHtml(board));
  if (published.length === 0) throw searchFailure(board, discardedMs);
  return board;
}

function _notes(
  entries: readonly LeaderboardEntry[],
  planned: number,
  stopped: SearchStop,
  discardedMs: number | undefined,
): string[] {
  const notes: string[] = [];
  if (stopped !== "complete") {
    notes.push(
      `${stopped === "budget" ? "The budget ran out" : "The search was interrupted"} after ` +
        `${entries.length} of ${planned} candidates; the rest were not tried.`,
    );
  }
  if (discardedMs !== undefined) {
    notes.push(
      `One more candidate finished after the budget (its fit took ${discardedMs} ms) and was discarded.`,
    );
  }
  const failed = entries.filter((e) => e.error !== undefined).length;
  if (failed > 0) notes.push(`${failed} candidate(s) failed; their errors are listed.`);
  return notes;
}
