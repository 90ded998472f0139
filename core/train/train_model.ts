/**
 * `ratchet train`: learn a model from a labelled table with a plugin's `fit`
 * and return the artifact body to publish.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { invalid } from "../errors/mod.ts";
import { ARTIFACT_FORMAT, type ArtifactBody, type Feature, type Step } from "../artifact/mod.ts";
import { type ModelShape, normalizeParams, type ParamValue, type Plugin } from "../contract/mod.ts";
import { compilePreprocessing, MISSING, readFeature } from "../preprocess/mod.ts";
import { encodeTarget } from "../model/mod.ts";
import type { Table } from "../table/mod.ts";
import { inferFeatures, inferTarget } from "./infer_schema.ts";

/** What to train. */
export interface TrainOptions {
  /** The algorithm to fit; it must have `fit` and `params`. */
  readonly plugin: Plugin;
  /** The labelled training rows. */
  readonly table: Table;
  /** The column to predict. */
  readonly target: string;
  /** Feature columns; default every column but the target and `exclude`. */
  readonly features?: readonly string[];
  /** Columns left out of the default features (ignored when `features` is given). */
  readonly exclude?: readonly string[];
  /** Hyperparameters by name; the plugin's defaults fill the rest. */
  readonly params?: Readonly<Record<string, ParamValue>>;
  /** Force regression or classification when a numeric target is ambiguous. */
  readonly task?: "regression" | "classification";
  /** The positive label of a binary target (default: the second sorted label). */
  readonly positive?: string;
  /** What the one-hot encoders do with categories unseen in training. */
  readonly unknownCategories?: "error" | "ignore";
  /** Where the data came from, for provenance. */
  readonly dataset?: string;
  /** The partitions of the dataset trained on, for provenance (now-tests measure drift against it). */
  readonly window?: { from: string; to: string };
  /** One line describing the model, stored as the artifact's `description`. */
  readonly description?: string;
}

/**
 * Fits a model and returns its unpublished artifact body.
 *
 * @example
 * ```ts
 * import { trainModel } from "./train_model.ts";
 * import { readCsv } from "../table/mod.ts";
 * import linear from "../../plugins/linear/mod.ts";
 * const body = trainModel({ plugin: linear, table: readCsv("size,price\n1,3\n2,5\n3,7\n"), target: "price" });
 * const { intercept, weights } = body.coefficients as { intercept: number; weights: number[] };
 * if (Math.abs(intercept - 1) > 1e-9 || Math.abs(weights[0]! - 2) > 1e-9) throw new Error();
 * ```
 */
export function trainModel(options: TrainOptions): ArtifactBody {
  const { plugin, table, target } = options;
  if (!plugin.fit || !plugin.params) {
    throw invalid(
      `Plugin ${plugin.id} cannot be trained by ratchet (it has no fit); import a model trained elsewhere`,
    );
  }
  if (table.n === 0) throw invalid("The training input has no rows");
  const exclude = new Set([target, ...(options.exclude ?? [])]);
  const names = options.features
    ? [...options.features]
    : table.names.filter((c) => !exclude.has(c));
  if (names.length === 0) {
    throw invalid("No feature columns: give --features or leave more columns in the input");
  }
  if (names.includes(target)) {
    throw invalid(`The target ${JSON.stringify(target)} cannot also be a feature`);
  }
  const params = normalizeParams(plugin.params, options.params ?? {}, plugin.id);
  const features = inferFeatures(table, names);
  const inferred = inferTarget(table, target, plugin.tasks, options.task);
  const preprocessing = _fitPreprocessing(
    table,
    features,
    options.unknownCategories ?? "error",
    plugin.tags.handles_missing,
  );
  const pre = compilePreprocessing({ features, preprocessing }, {
    model: "the training data",
    handlesMissing: plugin.tags.handles_missing,
  });
  const columns = pre.encode(table);
  const y = encodeTarget(table, target, inferred.task, inferred.labels);
  const shape: ModelShape = {
    task: inferred.task,
    inputs: pre.inputs,
    classes: inferred.task === "regression" ? 1 : inferred.labels.length,
  };
  const coefficients = plugin.fit({ shape, columns, n: table.n, target: y }, params);
  let positive = undefined;
  if (options.positive !== undefined) {
    if (inferred.task !== "binary") {
      throw invalid("--positive applies to binary classification only");
    }
    positive = inferred.labels.find((l) => String(l) === options.positive);
    if (positive === undefined) {
      throw invalid(
        `--positive ${options.positive} is not a class of ${target}; classes: ${
          inferred.labels.join(", ")
        }`,
      );
    }
  }
  return {
    format: ARTIFACT_FORMAT,
    ...(options.description ? { description: options.description } : {}),
    plugin: { id: plugin.id, version: `^${plugin.version}` },
    task: inferred.task,
    features,
    target: {
      name: target,
      ...(inferred.task === "regression" ? {} : { labels: [...inferred.labels] }),
      ...(positive !== undefined ? { positive } : {}),
    },
    preprocessing,
    inputs: [...pre.inputs],
    coefficients,
    hyperparameters: { ...params },
    provenance: {
      created: new Date().toISOString(),
      source: `ratchet train (plugin ${plugin.id} ${plugin.version})`,
      ...(options.dataset ? { dataset: options.dataset } : {}),
      ...(options.window ? { window: options.window } : {}),
      rows: table.n,
      data_sha256: _tableHash(table, [...names, target]),
    },
  };
}

/** Mean imputation for numbers and most-frequent for categories, only where values are missing; one-hot for categories. */
function _fitPreprocessing(
  table: Table,
  features: readonly Feature[],
  unknown: "error" | "ignore",
  handlesMissing: boolean,
): Step[] {
  const steps: Step[] = [];
  const numCols: string[] = [], numFill: number[] = [];
  const catCols: string[] = [], catFill: (string | number | boolean)[] = [];
  for (const f of features) {
    const col = readFeature(table, f, "the training data");
    if (col.kind === "number") {
      let sum = 0, count = 0;
      for (const v of col.values) if (v === v) (sum += v, count++);
      if (count < col.values.length && !handlesMissing) {
        if (count === 0) {
          throw invalid(`Feature ${JSON.stringify(f.name)} has no values; drop it with --exclude`);
        }
        numCols.push(f.name);
        numFill.push(sum / count);
      }
    } else {
      const counts = new Array<number>(col.levels.length).fill(0);
      let missing = false;
      for (const c of col.codes) c === MISSING ? (missing = true) : counts[c]!++;
      if (missing) {
        catCols.push(f.name);
        catFill.push(col.levels[counts.indexOf(Math.max(...counts))]!);
      }
    }
  }
  if (numCols.length) {
    steps.push({ type: "impute", columns: numCols, strategy: "mean", fill: numFill });
  }
  if (catCols.length) {
    steps.push({ type: "impute", columns: catCols, strategy: "most_frequent", fill: catFill });
  }
  const cats = features.filter((f) => f.type === "category").map((f) => f.name);
  if (cats.length) steps.push({ type: "one_hot", columns: cats, handle_unknown: unknown });
  return steps;
}

function _tableHash(table: Table, names: readonly string[]): string {
  const h = createHash("sha256");
  for (const name of names) {
    const col = table.column(name)!;
    h.update(name + "\0");
    for (let i = 0; i < table.n; i++) h.update(String(col[i]) + "\0");
  }
  return h.digest("hex");
}
