/**
 * The trial: a challenger predicting in shadow beside the champion, judged
 * on the live rows whose outcomes arrived, with the challenge's metrics and
 * evidence.
 *
 * @module
 */
import {
  comparePrimary,
  DEFAULT_RESAMPLES,
  findRegressions,
  pairedBootstrap,
  pairPartitions,
  type PrimaryComparison,
} from "../challenge/mod.ts";
import { type Grain, loadDataset } from "../data/mod.ts";
import { invalid, RatchetError } from "../errors/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import { labelKey } from "../preprocess/mod.ts";
import type { Project } from "../project/mod.ts";
import {
  checkRequirements,
  defaultPrimary,
  formatValue,
  readRequirements,
  requirementsPath,
} from "../requirements/mod.ts";
import { validateModelName } from "../store/mod.ts";
import { type LivePair, openLiveLog } from "./live_log.ts";
import {
  asBacktestPartitions,
  encodeOutcomes,
  type LiveMeasure,
  measureLive,
} from "./measure_live.ts";
import { TRIAL_FORMAT, type TrialPair, type TrialResult } from "./trial_result.ts";
import { trialVerdict } from "./trial_verdict.ts";

/** The grains a trial groups live rows by. */
export const TRIAL_GRAINS: readonly Grain[] = ["day", "week", "month"];

/** What to report on, and how. */
export interface TrialOptions {
  /** The model. */
  name: string;
  /** The prediction log; default `live-<name>`. */
  dataset?: string;
  /** First dataset partition (day) read, inclusive. */
  from?: string;
  /** Last dataset partition read, inclusive. */
  to?: string;
  /** How rows are grouped for the per-partition evidence; default the dataset's grain. */
  grain?: Grain;
  /** Bootstrap seed (default 1). */
  seed?: number;
  /** Bootstrap resamples (default 1000). */
  resamples?: number;
  /** Interval coverage (default 0.95). */
  confidence?: number;
}

/**
 * Reports on the shadow trial of `options.name`: the rows of the log that
 * carry both a shadow prediction and an outcome, grouped by the champion
 * and challenger versions logged; every pair is listed, the most recent is
 * compared with the challenge's evidence (per-partition differences of the
 * primary metric, sign and Wilcoxon tests, a paired bootstrap interval on
 * the pooled rows) and the requirements are checked on the challenger's
 * live partitions. Nothing is written.
 *
 * @example
 * ```ts ignore
 * const trial = await trialReport(project, { name: "rain-tomorrow", grain: "week" });
 * console.log(trial.summary, trial.outcome, trial.primary.ci);
 * ```
 */
export async function trialReport(project: Project, options: TrialOptions): Promise<TrialResult> {
  const settings = _settings(options);
  const { name } = options;
  const store = project.store;
  const latest = store.resolve(name, "latest"); // an unknown model fails here, naming the models
  const current = project.model({ name, ref: store.aliases(name).champion ?? latest });
  const datasetName = options.dataset ?? `live-${name}`;
  const dataset = _loadLog(project.root, datasetName, name);
  const target = current.artifact.target.name;
  const grain = options.grain ?? dataset.grain;
  const log = await openLiveLog(project.root, dataset, {
    target,
    grain,
    from: options.from,
    to: options.to,
  });
  const c = log.counts;
  if (c.compared === 0) {
    throw new RatchetError(
      "not_found",
      `No rows of ${datasetName} have both a shadow prediction and an outcome ` +
        `(${c.logged} logged, ${c.with_shadow} with a shadow prediction, ${c.with_outcome} with an outcome). ` +
        (c.with_shadow === 0
          ? `Set a challenger (\`ratchet models alias ${name}@VERSION challenger\`) and run ` +
            "`ratchet serve --shadow`"
          : `Post outcomes to POST /v1/models/${name}/outcomes under the ids the service returned`) +
        ", then report again",
    );
  }
  const requirements = readRequirements(requirementsPath(store, name), { task: current.task });
  const measured = [];
  for (const pair of log.pairs) {
    const champion = project.model({ name, ref: pair.champion });
    const challenger = project.model({ name, ref: pair.challenger });
    _checkComparable(champion, challenger);
    const outputs = champion.task === "regression"
      ? ["prediction"]
      : champion.labels.map((l) => `p_${l}`);
    const rows = await log.rows(pair, outputs);
    const y = encodeOutcomes(champion.task, champion.labels, rows.target, datasetName);
    measured.push({
      pair,
      champion,
      challenger,
      sides: [
        measureLive(champion, y, rows.partition, rows.champion),
        measureLive(challenger, y, rows.partition, rows.challenger),
      ] as const,
    });
  }
  const main = measured.at(-1)!;
  const [champ, chall] = main.sides;
  const metric = requirements?.primary ?? defaultPrimary(main.champion.task);
  const paired = pairPartitions(
    asBacktestPartitions(champ.partitions),
    asBacktestPartitions(chall.partitions),
    metric,
  );
  const rows = {
    rows: champ.pooled.rows,
    kept: champ.pooled.rows,
    sampled: false,
    partitionRows: champ.partitions.map((p) => ({ partition: p.partition, rows: p.rows })),
    champion: champ.paired,
    candidate: chall.paired,
    pooled: { champion: champ.pooled, candidate: chall.pooled },
  };
  // One seed, two streams, as in a challenge: the resamples draw from `seed + 1`.
  const interval = pairedBootstrap(rows, metric, main.champion, main.challenger, {
    resamples: settings.resamples,
    seed: settings.seed + 1,
    confidence: settings.confidence,
  });
  const primary = comparePrimary(
    metric,
    requirements?.metrics[metric]?.min_improvement ?? 0,
    paired,
    rows,
    interval,
  );
  primary.bootstrap.seed = settings.seed;
  const regressions = findRegressions(paired, primary.partition_means.champion);
  const check = (m: LiveMeasure) =>
    requirements
      ? checkRequirements(requirements, m.partitions, main.champion.task)
      : { passed: true, checks: [] };
  const checked = {
    passed: requirements ? check(chall).passed : true,
    ...(requirements ? {} : {
      note: `${name} has no requirements, so none was checked (write them with ` +
        "`ratchet requirements init`)",
    }),
    champion: check(champ),
    challenger: check(chall),
  };
  const label = `${name}@${main.pair.challenger}`;
  const verdict = trialVerdict({ challenger: label, primary, requirements: checked, regressions });
  if (primary.partitions_unpaired > 0) {
    verdict.reasons.push(
      `${primary.partitions_unpaired} of ${paired.partitions.length} ${grain}s have no ${metric} ` +
        "for both (too few rows, or one class only), so they count in no test: a coarser " +
        "--grain (week, month) groups more rows per partition",
    );
  }
  return {
    format: TRIAL_FORMAT,
    model: name,
    task: main.champion.task,
    champion: main.pair.champion,
    challenger: main.pair.challenger,
    outcome: verdict.outcome,
    promote: verdict.promote,
    summary: _summary(label, main.pair, verdict.outcome, primary, grain),
    reasons: verdict.reasons,
    primary,
    partitions: paired.partitions,
    regressions,
    metrics: {
      champion: { pooled: champ.pooled, partitions: champ.partitions },
      challenger: { pooled: chall.pooled, partitions: chall.partitions },
    },
    requirements: checked,
    pairs: measured.map((m): TrialPair => ({
      ...m.pair,
      primary: {
        champion: m.sides[0].pooled.values[metric] ?? null,
        challenger: m.sides[1].pooled.values[metric] ?? null,
      },
    })),
    data: {
      dataset: datasetName,
      target,
      grain,
      window: {
        from: champ.partitions[0]?.partition ?? null,
        to: champ.partitions.at(-1)?.partition ?? null,
      },
      logged: c.logged,
      with_outcome: c.with_outcome,
      with_shadow: c.with_shadow,
      compared: c.compared,
    },
    options: {
      seed: settings.seed,
      resamples: settings.resamples,
      confidence: settings.confidence,
      ...(options.from ? { from: options.from } : {}),
      ...(options.to ? { to: options.to } : {}),
    },
    created: new Date().toISOString(),
  };
}

function _settings(o: TrialOptions) {
  validateModelName(o.name);
  const seed = o.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw invalid(`Invalid --seed ${seed}: expected a whole number`);
  if (o.grain !== undefined && !TRIAL_GRAINS.includes(o.grain)) {
    throw invalid(`Invalid --grain ${o.grain}: expected one of ${TRIAL_GRAINS.join(", ")}`);
  }
  return {
    seed,
    resamples: o.resamples ?? DEFAULT_RESAMPLES,
    confidence: o.confidence ?? 0.95,
  };
}

function _loadLog(root: string, dataset: string, name: string) {
  try {
    return loadDataset(root, dataset);
  } catch (e) {
    if (!(e instanceof RatchetError) || e.kind !== "not_found") throw e;
    throw new RatchetError(
      "not_found",
      `${e.message}. A trial reads the prediction log of live traffic: set a challenger ` +
        `(\`ratchet models alias ${name}@VERSION challenger\`), run \`ratchet serve --shadow\`, ` +
        `and post outcomes to POST /v1/models/${name}/outcomes`,
      { cause: e },
    );
  }
}

function _checkComparable(a: CompiledModel, b: CompiledModel): void {
  const classes = (m: CompiledModel) => m.labels.map(labelKey).join("\u0000");
  if (a.task !== b.task || classes(a) !== classes(b) || a.positive !== b.positive) {
    throw invalid(
      `Cannot compare ${b.label} with ${a.label}: the log pairs them, but they predict ` +
        `different tasks or classes (${b.task} [${b.labels.join(", ")}] vs ${a.task} [${
          a.labels.join(", ")
        }])`,
    );
  }
}

function _summary(
  label: string,
  pair: LivePair,
  outcome: TrialResult["outcome"],
  p: PrimaryComparison,
  grain: Grain,
): string {
  const words = outcome === "better"
    ? "better"
    : outcome === "worse"
    ? "worse"
    : "not clearly different";
  const f = (x: number | null) => (x === null ? "undefined" : formatValue(x));
  const signed = (x: number) => (x > 0 ? "+" : "") + formatValue(x);
  const ci = p.ci
    ? `, ${Math.round(p.confidence * 100)}% interval [${signed(p.ci[0])}, ${signed(p.ci[1])}]`
    : "";
  const pv = (x: number) => (x < 1e-4 ? x.toExponential(1) : formatValue(x));
  const n = p.partitions_better + p.partitions_worse + p.partitions_equal + p.partitions_unpaired;
  return `${label} in shadow of v${pair.champion}, on ${pair.rows.toLocaleString("en-US")} live ` +
    `rows with outcomes (${n} ${grain}${n === 1 ? "" : "s"}): the challenger is ${words} on ` +
    `live traffic. ${p.metric} ${f(p.champion)} → ${f(p.candidate)}` +
    (p.diff === null ? "" : ` (${signed(p.diff)}${ci})`) +
    `, min_improvement ${p.min_improvement}; better in ${p.partitions_better} ${grain}s, worse in ` +
    `${p.partitions_worse}, equal in ${p.partitions_equal} (sign test p = ${
      pv(p.sign_test.p_value)
    }, Wilcoxon p = ${pv(p.wilcoxon.p_value)}).`;
}
