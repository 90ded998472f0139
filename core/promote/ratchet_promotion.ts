/**
 * `promote --ratchet`: raise the requirements to the new champion's
 * baseline less a margin, never lower one — the same ratchet as
 * `ratchet requirements ratchet`, measured on the rows the requirements
 * name (their evaluation sample), else on the back-test of the challenge
 * that gave the verdict.
 *
 * @module
 */
import { join } from "node:path";
import type { ChallengeResult } from "../challenge/mod.ts";
import { invalid } from "../errors/mod.ts";
import { evaluateTable, type Evaluation } from "../evaluate/mod.ts";
import type { Project } from "../project/mod.ts";
import {
  baselineShortfalls,
  DEFAULT_MARGIN,
  loadRequirements,
  measureBaseline,
  ratchetRequirements,
  type RatchetResult,
  requirementsPath,
} from "../requirements/mod.ts";
import { readTable } from "../table/mod.ts";

/** What {@linkcode ratchetPromotion} measured and would write. */
export interface PromotionRatchetPlan {
  /** The ratchet's result; `entry` is undefined when nothing moves. */
  result: RatchetResult;
  /** The margin used. */
  margin: number;
  /** What the baseline was measured on. */
  source: string;
  /** Thresholds the new champion still misses after the ratchet (never lowered for it). */
  shortfalls: string[];
  /** The requirements file. */
  path: string;
}

/**
 * Measures `version` and ratchets the requirements to it, without writing
 * them (the caller saves `result.requirements` once the promotion is
 * certain).
 *
 * @example
 * ```ts ignore
 * const plan = await ratchetPromotion(project, "rain-tomorrow", 2, evidence.result, { margin: 0.01, date, reason });
 * if (plan.result.entry) saveRequirements(plan.path, plan.result.requirements);
 * ```
 */
export async function ratchetPromotion(
  project: Project,
  name: string,
  version: number,
  challenge: ChallengeResult | undefined,
  options: { margin?: number; date: string; reason: string; by?: string },
): Promise<PromotionRatchetPlan> {
  const margin = options.margin ?? DEFAULT_MARGIN;
  const model = project.model({ name, ref: version });
  const path = requirementsPath(project.store, name);
  const requirements = loadRequirements(path, { task: model.task });
  let evaluation: Evaluation, source: string, partitionBy: string | undefined;
  const sample = requirements.evaluation;
  if (sample) {
    const table = await readTable(join(project.store.modelDir(name), sample.sample));
    partitionBy = sample.partition_by;
    evaluation = evaluateTable(model, table, {
      ...(sample.target === undefined ? {} : { target: sample.target }),
      ...(partitionBy === undefined ? {} : { partitionBy }),
    });
    source = sample.sample;
  } else if (challenge?.candidate === version) {
    const scored = challenge.backtest.candidate.partitions.filter((p) => p.error === undefined);
    evaluation = {
      overall: { rows: scored.reduce((s, p) => s + p.rows, 0), values: {}, reasons: {} },
      partitions: scored.map((p) => ({
        partition: p.partition,
        rows: p.rows,
        values: p.metrics,
        reasons: p.undefined ?? {},
      })),
    };
    source = `dataset ${challenge.data.dataset} (back-test in ${challenge.evidence})`;
    partitionBy = challenge.data.key;
  } else {
    throw invalid(
      `Cannot ratchet ${name}: its requirements store no evaluation sample and ${name}@${version} ` +
        "has no challenge whose back-test could serve; store a sample with " +
        "`ratchet requirements init NAME --input FILE --sample --force --reason …`, or promote without --ratchet",
    );
  }
  const baseline = measureBaseline(model, evaluation, {
    source,
    measured: options.date,
    ...(partitionBy === undefined ? {} : { partitionBy }),
  });
  const result = ratchetRequirements(requirements, baseline, {
    margin,
    date: options.date,
    reason: options.reason,
    ...(options.by ? { by: options.by } : {}),
  });
  const shortfalls = baselineShortfalls({ ...result.requirements, baseline }).map((s) => s.message);
  return { result, margin, source, shortfalls, path };
}
