/**
 * A model ready to predict: artifact checked end to end (features,
 * preprocessing, target, the plugin's coefficients) and compiled once.
 *
 * @module
 */
import { invalid, RatchetError } from "../errors/mod.ts";
import type { ArtifactBody, Label } from "../artifact/mod.ts";
import type { ModelShape, Plugin, PluginRegistry, Predictor, Task } from "../contract/mod.ts";
import { compilePreprocessing, labelKey, type Preprocessor } from "../preprocess/mod.ts";
import type { Table } from "../table/mod.ts";

/** A compiled model. */
export interface CompiledModel {
  /** `name@version`, or `model` for an unpublished artifact. */
  readonly label: string;
  /** The artifact it was compiled from; name, version and hash only once published. */
  readonly artifact: ArtifactBody & {
    readonly name?: string;
    readonly version?: number;
    readonly sha256?: string;
  };
  /** The plugin that predicts, as the registry resolved `artifact.plugin`. */
  readonly plugin: Plugin;
  /** What the model predicts. */
  readonly task: Task;
  /** The plugin's view of the model. */
  readonly shape: ModelShape;
  /** Class labels in output order; empty for regression. */
  readonly labels: readonly Label[];
  /** Index of the positive label (binary), else -1. */
  readonly positive: number;
  /** Values per row: 1, or one probability per class. */
  readonly width: number;
  /** Turns input rows into the plugin's numeric columns. */
  readonly preprocessor: Preprocessor;
  /** The plugin's compiled model, fed by `preprocessor`. */
  readonly predictor: Predictor;
  /**
   * Predicts every row of a table: `width * n` values, output-major. A
   * non-finite output is an error, never passed on.
   */
  predictTable(table: Table): Float64Array;
}

/**
 * The target's class labels and positive label, checked against the task.
 *
 * @example
 * ```ts
 * import { targetClasses } from "./compile_model.ts";
 * const t = targetClasses("binary", { name: "y", labels: ["no", "yes"] });
 * if (t.positive !== 1) throw new Error();
 * ```
 */
export function targetClasses(
  task: Task,
  target: ArtifactBody["target"],
): { labels: readonly Label[]; positive: number } {
  const labels = target.labels ?? [];
  if (task === "regression") {
    if (labels.length > 0) {
      throw invalid(
        "Invalid model artifact: $.target.labels: a regression model has no class labels",
      );
    }
    if (target.positive !== undefined) {
      throw invalid(
        "Invalid model artifact: $.target.positive: a regression model has no positive label",
      );
    }
    return { labels, positive: -1 };
  }
  const want = task === "binary" ? "exactly 2" : "3 or more";
  if (task === "binary" ? labels.length !== 2 : labels.length < 3) {
    throw invalid(
      `Invalid model artifact: $.target.labels: a ${task} model needs ${want} class labels, found ${labels.length}`,
    );
  }
  if (new Set(labels.map(labelKey)).size !== labels.length) {
    throw invalid("Invalid model artifact: $.target.labels: a label appears twice");
  }
  if (task !== "binary") {
    if (target.positive !== undefined) {
      throw invalid(
        "Invalid model artifact: $.target.positive: only binary models have a positive label",
      );
    }
    return { labels, positive: -1 };
  }
  if (target.positive === undefined) return { labels, positive: 1 };
  const positive = labels.findIndex((l) => labelKey(l) === labelKey(target.positive!));
  if (positive < 0) {
    throw invalid(
      `Invalid model artifact: $.target.positive: ${
        JSON.stringify(target.positive)
      } is not one of the labels`,
    );
  }
  return { labels, positive };
}

/**
 * Checks and compiles an artifact (published or not) with the plugin the
 * registry holds for it.
 *
 * @example
 * ```ts
 * import { compileModel } from "./compile_model.ts";
 * import { PluginRegistry } from "../contract/mod.ts";
 * import { tableFromRows } from "../table/mod.ts";
 * import linear from "../../plugins/linear/mod.ts";
 * const model = compileModel({
 *   format: "ratchet.model/v1",
 *   plugin: { id: "linear", version: "^1.0.0" },
 *   task: "regression",
 *   features: [{ name: "x", type: "number" }],
 *   target: { name: "y" },
 *   preprocessing: [],
 *   coefficients: { intercept: 1, weights: [2] },
 *   hyperparameters: {},
 *   provenance: { created: "2026-01-01T00:00:00Z", source: "hand-written" },
 * }, new PluginRegistry([linear]));
 * if (model.predictTable(tableFromRows([{ x: 3 }]))[0] !== 7) throw new Error();
 * ```
 */
export function compileModel(
  artifact: CompiledModel["artifact"],
  registry: PluginRegistry,
): CompiledModel {
  const label = artifact.name === undefined
    ? "model"
    : artifact.version === undefined
    ? artifact.name
    : `${artifact.name}@${artifact.version}`;
  const plugin = registry.get(artifact.plugin.id, artifact.plugin.version, label);
  const task = artifact.task;
  if (!plugin.tasks.includes(task)) {
    throw invalid(
      `Invalid model artifact ${label}: plugin ${plugin.id} does not serve ${task} (it serves ${
        plugin.tasks.join(", ")
      })`,
    );
  }
  const { labels, positive } = targetClasses(task, artifact.target);
  const preprocessor = compilePreprocessing(artifact, {
    model: label,
    handlesMissing: plugin.tags.handles_missing,
  });
  const shape: ModelShape = {
    task,
    inputs: preprocessor.inputs,
    classes: task === "regression" ? 1 : labels.length,
  };
  const predictor = plugin.compile(plugin.parse(artifact.coefficients, shape), shape);
  const width = predictor.width;
  if (width !== (task === "regression" ? 1 : labels.length)) {
    throw new RatchetError(
      "internal",
      `Plugin ${plugin.id} compiled ${label} with ${width} outputs, expected ${shape.classes}`,
    );
  }
  return {
    label,
    artifact,
    plugin,
    task,
    shape,
    labels,
    positive,
    width,
    preprocessor,
    predictor,
    predictTable(table: Table): Float64Array {
      const columns = preprocessor.encode(table);
      const out = predictor.predictBatch(columns, table.n);
      for (let i = 0; i < width * table.n; i++) {
        const v = out[i]!;
        if (v - v !== 0) {
          throw new RatchetError(
            "internal",
            `${label} produced a non-finite value (${v}) for ${
              table.rowLabel(i % table.n)
            }; the model is unusable on this input`,
          );
        }
      }
      return out;
    },
  };
}
