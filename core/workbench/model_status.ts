/**
 * What the model page shows beside versions: the champion's requirement
 * checks on its evaluation sample, its fixture results (the same code as
 * `ratchet requirements check` and `ratchet fixtures check`), and the rows of
 * the sample it gets most wrong (the back-test's diagnostics).
 *
 * @module
 */
import type { Project } from "../project/mod.ts";
import { checkFixtures, type FixtureResult, fixturesPath, readFixtures } from "../fixtures/mod.ts";
import {
  checkRequirements,
  evaluationInput,
  readRequirements,
  type Requirements,
  type RequirementsCheck,
  requirementsPath,
} from "../requirements/mod.ts";
import { evaluateTable, type PartitionMetrics } from "../evaluate/mod.ts";
import { readTable } from "../table/mod.ts";
import { encodeTarget } from "../model/mod.ts";
import { DiagnosticsCollector, type WorstRow } from "../backtest/mod.ts";

/** The status of one model version. */
export interface ModelStatus {
  /** The version checked. */
  version: number;
  /** The requirements file, if the model has one. */
  requirements?: Requirements;
  /** Requirement checks on the evaluation sample, when there are requirements and a sample. */
  checks?: RequirementsCheck;
  /** Why the requirements could not be checked, if they could not. */
  checkError?: string;
  /** One result per fixture. */
  fixtures: FixtureResult[];
  /** The metrics per partition of the evaluation sample. */
  partitions?: PartitionMetrics[];
  /** The evaluation sample's worst-predicted rows, worst first: candidate outliers. */
  worst?: WorstRow[];
  /** The evaluation sample's file, relative to the model's folder. */
  sample?: string;
}

/**
 * Checks a model version's requirements and fixtures.
 *
 * @example
 * ```ts ignore
 * const status = await modelStatus(project, "rain-tomorrow", 1);
 * ```
 */
export async function modelStatus(
  project: Project,
  name: string,
  version: number,
): Promise<ModelStatus> {
  const store = project.store;
  const model = project.model({ name, ref: version });
  const fixtures = checkFixtures(model, readFixtures(fixturesPath(store, name)));
  const requirements = readRequirements(requirementsPath(store, name), { task: model.task });
  if (!requirements) return { version, fixtures };
  try {
    const input = evaluationInput(store.modelDir(name), requirements);
    const table = await readTable(input.path);
    const evaluation = evaluateTable(model, table, {
      ...(input.target ? { target: input.target } : {}),
      ...(input.partitionBy ? { partitionBy: input.partitionBy } : {}),
    });
    const sample = requirements.evaluation?.sample;
    const key = _key(table.names);
    const worst = new DiagnosticsCollector(model, {
      worstCount: 10,
      ...(key ? { keyColumn: key } : {}),
    });
    const target = encodeTarget(
      table,
      input.target ?? model.artifact.target.name,
      model.task,
      model.labels,
    );
    worst.add(sample ?? "sample", table, target, model.predictTable(table));
    return {
      version,
      requirements,
      fixtures,
      checks: checkRequirements(requirements, evaluation.partitions, model.task),
      partitions: evaluation.partitions,
      worst: worst.finish().worst,
      ...(sample ? { sample } : {}),
    };
  } catch (e) {
    return {
      version,
      requirements,
      fixtures,
      checkError: e instanceof Error ? e.message : String(e),
    };
  }
}

/** The column that names a row of a sample: an id, a date or a time. */
function _key(names: readonly string[]): string | undefined {
  return ["id", "key", "date", "time", "timestamp"].find((k) => names.includes(k));
}
