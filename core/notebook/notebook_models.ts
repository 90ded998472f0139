/**
 * `models` in a notebook: load a model version by reference, predict rows,
 * and score tables so that each scored row can become a fixture.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import type { Label } from "../artifact/mod.ts";
import type { Task } from "../contract/mod.ts";
import { type CompiledModel, type Prediction, predictionOf } from "../model/mod.ts";
import type { Project } from "../project/mod.ts";
import { parseModelRef } from "../store/mod.ts";
import { tableFromRows } from "../table/mod.ts";
import { loadDataset } from "../data/mod.ts";
import type { InputValue } from "./cell_output.ts";
import { cellValue, markScored } from "./table_data.ts";

/** Where scored rows came from: filled into each row's provenance. */
export interface ScoreOptions {
  /** The dataset the rows were read from; its time column becomes the row key by default. */
  dataset?: string;
  /** The column holding each row's key (default: the dataset's time column). */
  key?: string;
  /** The column holding each row's partition (default: the dataset's partition key, if a column). */
  partition?: string;
}

/** A model version loaded in a notebook. */
export interface NotebookModel {
  /** `name@version`. */
  label: string;
  /** The model's name. */
  name: string;
  /** Its version. */
  version: number;
  /** What it predicts. */
  task: Task;
  /** Its input features, in order. */
  features: string[];
  /** Class labels in output order (empty for regression). */
  labels: readonly Label[];
  /** The compiled model, for everything else. */
  compiled: CompiledModel;
  /** Predicts one row (an object of feature values) or an array of rows. */
  predict(row: Record<string, unknown>): Prediction;
  /** Predicts each row of an array. */
  predict(rows: readonly Record<string, unknown>[]): Prediction[];
  /**
   * The rows with `prediction` added (and `p_<label>` per class), each
   * marked as scored by this model, so a table of them offers "add to
   * fixtures" row by row (filtering or sorting the array keeps that).
   */
  score(
    rows: readonly Record<string, unknown>[],
    options?: ScoreOptions,
  ): Record<string, unknown>[];
}

/** What `models` is in a cell. */
export interface NotebookModels {
  /** Every model with its versions and aliases. */
  list(): { name: string; versions: number[]; aliases: Record<string, number> }[];
  /** Loads a model: `name`, `name@3`, `name@champion`… (the champion when no version is given). */
  load(ref: string): NotebookModel;
}

/**
 * `models` over a project; each version is compiled once.
 *
 * @example
 * ```ts ignore
 * const rain = notebookModels(project).load("rain-tomorrow");
 * rain.predict({ season: "winter", precipitation: 3, ... }).probabilities?.yes;
 * ```
 */
export function notebookModels(project: Project): NotebookModels {
  const cache = new Map<string, NotebookModel>();
  return {
    list: () =>
      project.store.names().map((name) => ({
        name,
        versions: project.store.versions(name),
        aliases: project.store.aliases(name) as Record<string, number>,
      })),
    load(ref: string) {
      if (typeof ref !== "string") {
        throw invalid("models.load(ref): ref is a string like rain-tomorrow@2");
      }
      const parsed = parseModelRef(ref);
      const version = project.store.resolve(parsed.name, parsed.ref);
      const key = `${parsed.name}@${version}`;
      let m = cache.get(key);
      if (!m) {
        m = _wrap(
          project,
          project.model({ name: parsed.name, ref: version }),
          parsed.name,
          version,
        );
        cache.set(key, m);
      }
      return m;
    },
  };
}

function _wrap(
  project: Project,
  compiled: CompiledModel,
  name: string,
  version: number,
): NotebookModel {
  const features = compiled.artifact.features.map((f) => f.name);
  const predictRows = (rows: readonly Record<string, unknown>[]): Prediction[] => {
    const out = compiled.predictTable(tableFromRows(rows));
    return rows.map((_, i) => predictionOf(compiled, out, rows.length, i));
  };
  function predict(row: Record<string, unknown>): Prediction;
  function predict(rows: readonly Record<string, unknown>[]): Prediction[];
  function predict(
    x: Record<string, unknown> | readonly Record<string, unknown>[],
  ): Prediction | Prediction[] {
    return Array.isArray(x) ? predictRows(x) : predictRows([x as Record<string, unknown>])[0]!;
  }
  const label = `${name}@${version}`;
  return {
    label,
    name,
    version,
    task: compiled.task,
    features,
    labels: compiled.labels,
    compiled,
    predict,
    score(rows, options = {}) {
      const d = options.dataset === undefined
        ? undefined
        : loadDataset(project.root, options.dataset);
      const keyColumn = options.key ?? d?.time;
      const partitionColumn = options.partition ?? d?.key;
      return predictRows(rows).map((p, i) => {
        const row = rows[i]!;
        const scored: Record<string, unknown> = { ...row, prediction: p.prediction };
        for (const [l, v] of Object.entries(p.probabilities ?? {})) scored[`p_${l}`] = v;
        const input: Record<string, InputValue> = {};
        for (const f of features) if (f in row) input[f] = cellValue(row[f]);
        const provenance: Record<string, string> = {};
        if (options.dataset !== undefined) provenance.dataset = options.dataset;
        const part = partitionColumn === undefined ? undefined : row[partitionColumn];
        if (part !== undefined && part !== null) provenance.partition = String(cellValue(part));
        const key = keyColumn === undefined ? undefined : row[keyColumn];
        if (key !== undefined && key !== null) provenance.row_key = String(cellValue(key));
        markScored(scored, { model: label, name, version, features, input, provenance });
        return scored;
      });
    },
  };
}
