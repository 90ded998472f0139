/**
 * What the model page shows beside versions: the champion's requirement
 * checks on its evaluation sample and its fixture results, computed with the
 * same code as `ratchet requirements check` and `ratchet fixtures check`.
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
import { evaluateTable } from "../evaluate/mod.ts";
import { readTable } from "../table/mod.ts";

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
    const evaluation = evaluateTable(model, await readTable(input.path), {
      ...(input.target ? { target: input.target } : {}),
      ...(input.partitionBy ? { partitionBy: input.partitionBy } : {}),
    });
    return {
      version,
      requirements,
      fixtures,
      checks: checkRequirements(requirements, evaluation.partitions, model.task),
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
