/**
 * The challenge: champion and candidate judged on identical data — the
 * back-test over every partition, the now-test window, every fixture —
 * with paired evidence on the primary metric, a verdict by four written
 * rules, and the whole of it recorded as evidence for `promote`.
 *
 * @module
 */
import { type BacktestResult, backtestWithEngine } from "../backtest/mod.ts";
import { type DatasetDescriptor, loadDataset } from "../data/mod.ts";
import { invalid, RatchetError } from "../errors/mod.ts";
import { fixturesPath, readFixtures } from "../fixtures/mod.ts";
import { labelKey } from "../preprocess/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import { nowtest, type NowtestResult } from "../nowtest/mod.ts";
import type { Project } from "../project/mod.ts";
import { defaultPrimary, readRequirements, requirementsPath } from "../requirements/mod.ts";
import { validateModelName } from "../store/mod.ts";
import { recordChallenge } from "./challenge_record.ts";
import {
  CHALLENGE_FORMAT,
  type ChallengeBacktestSide,
  type ChallengeResult,
} from "./challenge_result.ts";
import { challengeVerdict } from "./challenge_verdict.ts";
import { compareFixtures } from "./compare_fixtures.ts";
import { comparePrimary } from "./compare_primary.ts";
import { compareRequirements } from "./compare_requirements.ts";
import { findRegressions } from "./find_regressions.ts";
import { DEFAULT_RESAMPLES, pairedBootstrap } from "./paired_bootstrap.ts";
import { pairPartitions } from "./paired_partitions.ts";
import { collectPairedRows, DEFAULT_MAX_PAIRED_ROWS } from "./paired_rows.ts";

/** What to challenge, and how. */
export interface ChallengeOptions {
  /** The model. */
  name: string;
  /** The candidate version; the champion is the `champion` alias. */
  candidate: number;
  /** The dataset; default: the one the candidate (else the champion) was trained on. */
  dataset?: string;
  /**
   * First partition of the back-test, inclusive (default: the first). Start
   * after both models' training windows to judge them on data neither saw.
   */
  from?: string;
  /** Last partition of the back-test, inclusive (default: the last). */
  to?: string;
  /** Bootstrap seed (default 1): the same seed, the same interval. */
  seed?: number;
  /** Bootstrap resamples (default 1000). */
  resamples?: number;
  /** Interval coverage (default 0.95). */
  confidence?: number;
  /** How far a partition may regress, in metric units; default 10% of the champion's mean. */
  tolerance?: number;
  /** Why partitions that regress beyond the tolerance are acceptable; without it they reject. */
  regressionReason?: string;
  /** The now-test window (default `latest`; see `nowtest --window`). */
  window?: string;
  /** The time `<N>d|w|m` now-test windows end at; default now. */
  now?: Date;
  /** Rows kept for the bootstrap; above it, a seeded sample (default 50,000). */
  maxRows?: number;
  /** Back-test engine (default `auto`). */
  engine?: "js" | "sql" | "auto";
  /** The label column; default the champion's target name. */
  target?: string;
  /** Write the evidence file (default true). */
  record?: boolean;
  /** Called as the work goes: stage, step done, steps in the stage, current item. */
  onProgress?: (stage: string, done: number, total: number, item?: string) => void;
}

/**
 * Challenges the champion of `options.name` with `options.candidate`.
 * Bad input — an unknown model or version, no champion, the champion as
 * its own candidate, models of different tasks or classes, a dataset
 * without the models' columns — throws a RatchetError before anything is
 * recorded.
 *
 * @example
 * ```ts ignore
 * const result = await challenge(project, { name: "rain-tomorrow", candidate: 2, dataset: "seattle", seed: 7 });
 * console.log(result.verdict, result.reasons, result.evidence);
 * ```
 */
export async function challenge(
  project: Project,
  options: ChallengeOptions,
): Promise<ChallengeResult> {
  const settings = _settings(options);
  const { name } = options;
  const store = project.store;
  const championVersion = _championOf(project, name);
  const candidateVersion = store.resolve(name, options.candidate);
  if (candidateVersion === championVersion) {
    throw invalid(
      `${name}@${candidateVersion} is the champion: challenge it with another version ` +
        `(versions: ${store.versions(name).join(", ")})`,
    );
  }
  const champion = project.model({ name, ref: championVersion });
  const candidate = project.model({ name, ref: candidateVersion });
  _checkComparable(champion, candidate);
  const datasetName = options.dataset ?? candidate.artifact.provenance.dataset ??
    champion.artifact.provenance.dataset;
  if (datasetName === undefined) {
    throw invalid(
      `Give --dataset: neither ${name}@${candidateVersion} nor the champion records one`,
    );
  }
  const dataset = loadDataset(project.root, datasetName);
  const target = options.target ?? champion.artifact.target.name;
  const requirements = readRequirements(requirementsPath(store, name), { task: champion.task });
  const metric = requirements?.primary ?? defaultPrimary(champion.task);
  const progress = options.onProgress;
  const backtests: BacktestResult[] = [];
  for (const [who, model] of [["champion", champion], ["candidate", candidate]] as const) {
    backtests.push(
      await backtestWithEngine(project, { name, ref: model.artifact.version! }, datasetName, {
        engine: options.engine ?? "auto",
        target,
        // A challenge compares metrics: no worst rows or residuals to collect.
        diagnostics: false,
        ...(options.from ? { from: options.from } : {}),
        ...(options.to ? { to: options.to } : {}),
        onPartition: (done, total, label) => progress?.(`${who} back-test`, done, total, label),
      }),
    );
  }
  const [championBt, candidateBt] = backtests as [BacktestResult, BacktestResult];
  const reference = _reference(dataset, champion, candidate);
  const nowtests: NowtestResult[] = [];
  for (const model of [champion, candidate]) {
    progress?.("now-test", nowtests.length, 2, model.label);
    nowtests.push(
      await nowtest(project, { name, ref: model.artifact.version! }, datasetName, {
        window: settings.window,
        reference,
        target,
        alarm: false,
        ...(options.now ? { now: options.now } : {}),
      }),
    );
  }
  const [championNt, candidateNt] = nowtests as [NowtestResult, NowtestResult];
  const fixtures = compareFixtures(
    champion,
    candidate,
    readFixtures(fixturesPath(store, name)),
  );
  const paired = pairPartitions(championBt.partitions, candidateBt.partitions, metric);
  const scored = new Set(
    paired.partitions.filter((_, k) =>
      championBt.partitions[k]!.error === undefined &&
      candidateBt.partitions[k]!.error === undefined
    ).map((p) => p.partition),
  );
  const rows = await collectPairedRows(
    project.root,
    dataset,
    dataset.partitions.filter((p) => scored.has(p.label)),
    champion,
    candidate,
    {
      target,
      maxRows: settings.maxRows,
      seed: settings.seed,
      onPartition: (done, total, label) => progress?.("paired rows", done, total, label),
    },
  );
  _checkSameRows(rows.partitionRows, championBt);
  progress?.("bootstrap", 0, 1);
  // One seed, two streams: the row sample draws from `seed`, the resamples from `seed + 1`.
  const interval = pairedBootstrap(rows, metric, champion, candidate, {
    resamples: settings.resamples,
    seed: settings.seed + 1,
    confidence: settings.confidence,
  });
  const minImprovement = requirements?.metrics[metric]?.min_improvement ?? 0;
  const primary = comparePrimary(metric, minImprovement, paired, rows, interval);
  primary.bootstrap.seed = settings.seed;
  const regressions = findRegressions(paired, primary.partition_means.champion, {
    ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
    ...(options.regressionReason !== undefined ? { reason: options.regressionReason } : {}),
  });
  const checked = compareRequirements(name, requirements !== undefined, backtests, nowtests);
  const verdict = challengeVerdict({
    candidate: candidate.label,
    requirements: checked,
    fixtures,
    primary,
    regressions,
  });
  const result: ChallengeResult = {
    format: CHALLENGE_FORMAT,
    model: name,
    task: champion.task,
    champion: championVersion,
    candidate: candidateVersion,
    verdict: verdict.verdict,
    reasons: verdict.reasons,
    primary,
    requirements: checked,
    fixtures,
    rules: verdict.rules,
    partitions: paired.partitions,
    regressions,
    nowtest: {
      window: candidateNt.window,
      champion: { metrics: championNt.metrics, verdict: championNt.verdict },
      candidate: { metrics: candidateNt.metrics, verdict: candidateNt.verdict },
    },
    backtest: { champion: _side(championBt), candidate: _side(candidateBt) },
    models: { champion: _model(champion), candidate: _model(candidate) },
    data: {
      dataset: datasetName,
      key: dataset.key,
      target,
      window: championBt.window,
      partitions: championBt.partitions.length,
      rows: rows.rows,
    },
    options: {
      seed: settings.seed,
      resamples: settings.resamples,
      confidence: settings.confidence,
      max_rows: settings.maxRows,
      window: settings.window,
    },
    created: new Date().toISOString(),
  };
  if (options.record !== false) recordChallenge(store, result);
  return result;
}

function _settings(o: ChallengeOptions) {
  validateModelName(o.name);
  const seed = o.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw invalid(`Invalid --seed ${seed}: expected a whole number`);
  if (o.tolerance !== undefined && !(o.tolerance >= 0 && Number.isFinite(o.tolerance))) {
    throw invalid(`Invalid --tolerance ${o.tolerance}: expected a number ≥ 0, in metric units`);
  }
  if (o.regressionReason !== undefined && o.regressionReason.trim() === "") {
    throw invalid("--regression-reason must say why the regressed partitions are acceptable");
  }
  const maxRows = o.maxRows ?? DEFAULT_MAX_PAIRED_ROWS;
  if (!Number.isInteger(maxRows) || maxRows < 100) {
    throw invalid(`Invalid --max-rows ${maxRows}: expected a whole number ≥ 100`);
  }
  return {
    seed,
    resamples: o.resamples ?? DEFAULT_RESAMPLES,
    confidence: o.confidence ?? 0.95,
    maxRows,
    window: o.window ?? "latest",
  };
}

function _championOf(project: Project, name: string): number {
  project.store.resolve(name, "latest"); // an unknown model fails here, naming the models there are
  const champion = project.store.aliases(name).champion;
  if (champion === undefined) {
    throw new RatchetError(
      "not_found",
      `${name} has no champion to challenge: make a version champion first, with ` +
        `\`ratchet promote ${name}@VERSION --force --reason "first champion"\``,
    );
  }
  return project.store.resolve(name, champion);
}

function _checkComparable(a: CompiledModel, b: CompiledModel): void {
  const classes = (m: CompiledModel) => m.labels.map(labelKey).join("\u0000");
  if (a.task !== b.task || classes(a) !== classes(b)) {
    throw invalid(
      `Cannot compare ${b.label} with the champion ${a.label}: ${b.label} is a ${b.task} model of ` +
        `classes [${b.labels.join(", ")}], the champion a ${a.task} model of [${
          a.labels.join(", ")
        }]`,
    );
  }
  if (a.positive !== b.positive) {
    throw invalid(
      `Cannot compare ${b.label} with ${a.label}: their positive classes differ ` +
        `(${String(b.labels[b.positive])} vs ${String(a.labels[a.positive])})`,
    );
  }
}

// One reference for both models' drift, so their now-tests read the same rows.
function _reference(d: DatasetDescriptor, ...models: CompiledModel[]): string {
  const first = d.partitions[0]!.label, last = d.partitions.at(-1)!.label;
  for (const m of models) {
    const w = m.artifact.provenance.window;
    if (w && w.from >= first && w.to <= last && w.from <= w.to) return `${w.from}..${w.to}`;
  }
  return `${first}..${last}`;
}

function _checkSameRows(rows: { partition: string; rows: number }[], bt: BacktestResult): void {
  for (const r of rows) {
    const p = bt.partitions.find((x) => x.partition === r.partition);
    if (p?.rows !== r.rows) {
      throw new RatchetError(
        "conflict",
        `Partition ${r.partition} of ${bt.dataset} held ${p?.rows} rows in the back-test and ${r.rows} ` +
          "when the predictions were paired: was the dataset changed meanwhile? Challenge again",
      );
    }
  }
}

function _side(bt: BacktestResult): ChallengeBacktestSide {
  return { partitions: bt.partitions, summary: bt.summary, engine: bt.engine, passed: bt.passed };
}

function _model(m: CompiledModel) {
  return { version: m.artifact.version!, sha256: m.artifact.sha256!, plugin: m.plugin.id };
}
