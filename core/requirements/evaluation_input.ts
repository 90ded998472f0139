/**
 * Which rows `check` and `ratchet` measure on: the file given, or the
 * evaluation sample stored beside requirements.json.
 *
 * @module
 */
import { basename, join } from "node:path";
import { invalid } from "../errors/mod.ts";
import type { Requirements } from "./requirements.ts";

/** Where to measure, and how. */
export interface EvaluationInput {
  /** The file to read (or `-` for stdin). */
  path: string;
  /** How the baseline records it: the sample's file name, or the input as given. */
  source: string;
  /** The label column, when not the model's target name. */
  target?: string;
  /** The partition column, if any. */
  partitionBy?: string;
}

/** Options of {@linkcode evaluationInput}: what the user gave. */
export interface EvaluationInputOptions {
  /** A labelled file; without it, the evaluation sample. */
  input?: string;
  /** The label column. */
  target?: string;
  /** The partition column. */
  partitionBy?: string;
}

/**
 * Resolves the rows to measure on. An explicit input is taken as given
 * (with only the options given); the evaluation sample comes with the
 * target and partition column recorded for it, which options override.
 *
 * @example
 * ```ts
 * import { evaluationInput } from "./evaluation_input.ts";
 * const input = evaluationInput("/p/models/churn", {
 *   format: "ratchet.requirements/v1", primary: "roc_auc", metrics: {}, history: [],
 *   evaluation: { sample: "evaluation.csv", partition_by: "month" },
 * });
 * if (input.path !== "/p/models/churn/evaluation.csv" || input.partitionBy !== "month") throw new Error();
 * ```
 */
export function evaluationInput(
  modelDir: string,
  requirements: Requirements | undefined,
  options: EvaluationInputOptions = {},
): EvaluationInput {
  const given = {
    ...(options.target === undefined ? {} : { target: options.target }),
    ...(options.partitionBy === undefined ? {} : { partitionBy: options.partitionBy }),
  };
  if (options.input !== undefined) return { path: options.input, source: options.input, ...given };
  const sample = requirements?.evaluation;
  if (!sample) {
    throw invalid(
      `Give --input FILE: the requirements of ${
        basename(modelDir)
      } store no evaluation sample (\`ratchet requirements init NAME --input FILE --sample\` stores one)`,
    );
  }
  return {
    path: join(modelDir, sample.sample),
    source: sample.sample,
    ...(sample.target === undefined ? {} : { target: sample.target }),
    ...(sample.partition_by === undefined ? {} : { partitionBy: sample.partition_by }),
    ...given,
  };
}
