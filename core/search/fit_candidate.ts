/**
 * One candidate of a search: fitted on the training window with the
 * champion's features, target and preprocessing, checked end to end as an
 * artifact, and scored on the validation window.
 *
 * @module
 */
import { type Artifact, ARTIFACT_FORMAT, type ArtifactBody } from "../artifact/mod.ts";
import type { ModelShape, Params, Plugin, PluginRegistry } from "../contract/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import { accumulatorFor } from "../evaluate/mod.ts";
import { compileModel } from "../model/mod.ts";
import type { MetricsReport } from "../metrics/mod.ts";

/** The encoded rows a candidate is fitted or scored on. */
export interface EncodedRows {
  /** One column per plugin input, after the champion's preprocessing. */
  columns: readonly Float64Array[];
  /** Number of rows. */
  n: number;
  /** The target: a value, or a class index. */
  target: Float64Array;
}

/** What every candidate of a search shares. */
export interface CandidateContext {
  /** The plugin fitted. */
  plugin: Plugin;
  /** The registry that compiles the candidate, as it will be loaded later. */
  registry: PluginRegistry;
  /** The champion the features, target and preprocessing come from. */
  champion: Artifact;
  /** The plugin's view of the model. */
  shape: ModelShape;
  /** The training rows. */
  train: EncodedRows;
  /** The validation rows. */
  validate: EncodedRows;
  /** Provenance every candidate gets (created, dataset, window, rows, search…). */
  provenance: ArtifactBody["provenance"];
}

/** A fitted, scored candidate. */
export interface FittedCandidate {
  /** Its artifact, ready to publish. */
  body: ArtifactBody;
  /** Every metric on the validation window. */
  report: MetricsReport;
}

/**
 * Fits and scores one candidate. Throws when the fit, the artifact check or
 * a prediction fails; the search records that against the candidate.
 *
 * @example
 * ```ts ignore
 * const { body, report } = fitCandidate(context, normalizeParams(plugin.params!, { C: 0.1 }, plugin.id));
 * ```
 */
export function fitCandidate(context: CandidateContext, params: Params): FittedCandidate {
  const { plugin, champion, shape, train, validate } = context;
  const coefficients = plugin.fit!({
    shape,
    columns: train.columns,
    n: train.n,
    target: train.target,
  }, params);
  const body: ArtifactBody = {
    format: ARTIFACT_FORMAT,
    ...(champion.description !== undefined ? { description: champion.description } : {}),
    plugin: { id: plugin.id, version: `^${plugin.version}` },
    task: champion.task,
    features: champion.features,
    target: champion.target,
    preprocessing: champion.preprocessing,
    inputs: [...shape.inputs],
    coefficients,
    hyperparameters: { ...params },
    provenance: context.provenance,
  };
  // Compiling checks the fitted block the way loading the published version will.
  const model = compileModel(body, context.registry);
  const out = model.predictor.predictBatch(validate.columns, validate.n);
  for (let i = 0; i < model.width * validate.n; i++) {
    const v = out[i]!;
    if (v - v !== 0) {
      throw new RatchetError(
        "internal",
        `it predicted a non-finite value (${v}) for validation row ${(i % validate.n) + 1}`,
      );
    }
  }
  const accumulator = accumulatorFor(model);
  accumulator.add(validate.target, out, validate.n);
  return { body, report: accumulator.finish() };
}
