/**
 * The now-test: a model judged on the newest window of a dataset, as
 * NannyML judges its latest chunk: the requirements on the rows whose
 * outcome is known, drift of every feature and of the predictions against
 * the training window on all rows, and an alarm through the model's
 * channels when it fails (or `resolved` once it passes again).
 *
 * @module
 */
import {
  type AlarmOutcome,
  loadAlarmConfig,
  raiseAlarm,
  type RaiseAlarmOptions,
} from "../alarms/mod.ts";
import { type DatasetDescriptor, loadDataset } from "../data/mod.ts";
import { invalid } from "../errors/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import type { Project } from "../project/mod.ts";
import {
  checkRequirements,
  readRequirements,
  type Requirements,
  requirementsPath,
} from "../requirements/mod.ts";
import type { ModelRef } from "../store/mod.ts";
import { columnDrift } from "./column_drift.ts";
import { measureWindow, predictionNames, type WindowMeasure } from "./measure_window.ts";
import type { NowtestDrift, NowtestRequirements, NowtestResult } from "./nowtest_result.ts";
import { nowtestVerdict } from "./nowtest_verdict.ts";
import { resolveReference } from "./resolve_reference.ts";
import { resolveWindow } from "./resolve_window.ts";
import { parseWindowSpec } from "./window_spec.ts";

/** Options of {@linkcode nowtest}. */
export interface NowtestOptions {
  /** `latest` (default), `<N>p`, `<N>d`, `<N>w` or `<N>m`. */
  window?: string;
  /** The time `<N>d|w|m` windows end at; default: the wall clock. */
  now?: Date;
  /** `FROM..TO` partition labels; default: the model's training window. */
  reference?: string;
  /** A PSI above this fails; default: `drift.max_psi` of the model's alarms.json, else none. */
  maxPsi?: number;
  /** A window with rows but no labelled row fails (reason `no labels`). */
  requireLabels?: boolean;
  /** The label column; default: the model's target name. */
  target?: string;
  /** Raise (or resolve) the alarm; default true. */
  alarm?: boolean;
  /** Passed to `raiseAlarm` (stderr, fetch, …). */
  alarmOptions?: RaiseAlarmOptions;
  /** Rows sampled per window for numeric drift; default 100,000. */
  sampleSize?: number;
  /** Seed of that sample; default 1. */
  seed?: number;
  /** Rows per batch (default 65536). */
  batchRows?: number;
  /** Called after each partition read (window first, then reference). */
  onPartition?: (done: number, total: number, partition: string) => void;
}

/**
 * Now-tests a model version on a dataset and, unless `alarm: false`,
 * raises or resolves its alarm (check `nowtest`, subject the dataset).
 * Bad input (an unknown dataset, a malformed window, a reference outside
 * the dataset) throws a RatchetError before anything is read.
 *
 * @example
 * ```ts ignore
 * const result = await nowtest(project, parseModelRef("rain-tomorrow"), "seattle", { window: "30d" });
 * if (result.verdict.failing) Deno.exit(1);
 * ```
 */
export async function nowtest(
  project: Project,
  ref: ModelRef,
  datasetName: string,
  options: NowtestOptions = {},
): Promise<NowtestResult> {
  const spec = parseWindowSpec(options.window ?? "latest");
  if (options.maxPsi !== undefined && !(options.maxPsi > 0 && Number.isFinite(options.maxPsi))) {
    throw invalid(`Invalid --max-psi ${options.maxPsi}: expected a number above 0, e.g. 0.25`);
  }
  const model = project.model(ref);
  const name = model.artifact.name!, modelDir = project.store.modelDir(name);
  const dataset = loadDataset(project.root, datasetName);
  const required = readRequirements(requirementsPath(project.store, name), { task: model.task });
  const maxPsi = options.maxPsi ?? loadAlarmConfig(modelDir).drift?.max_psi ?? null;
  const now = options.now ?? new Date();
  const refDataset = _referenceDataset(project.root, dataset, model, options.reference);
  const reference = resolveReference(
    refDataset,
    options.reference,
    model.artifact.provenance.window,
  );
  const window = resolveWindow(dataset, spec, now);
  const target = options.target ?? model.artifact.target.name;
  const total = window.partitions.length + reference.partitions.length;
  let done = 0;
  const measure = {
    ...(options.sampleSize ? { sampleSize: options.sampleSize } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.batchRows ? { batchRows: options.batchRows } : {}),
    onPartition: (label: string) => options.onPartition?.(++done, total, label),
  };
  const current = await measureWindow(project.root, model, dataset, window.partitions, {
    ...measure,
    target,
    ...(window.range ? { range: window.range } : {}),
  });
  const notes: string[] = [];
  let drift: NowtestDrift | null = null;
  let referenceRows = reference.partitions.reduce((s, p) => s + p.rows, 0);
  if (current.rows > 0) {
    const base = await measureWindow(
      project.root,
      model,
      refDataset,
      reference.partitions,
      measure,
    );
    referenceRows = base.rows;
    drift = _drift(model, base, current, maxPsi);
    const shared = refDataset === dataset
      ? window.partitions.filter((p) => reference.partitions.includes(p))
      : [];
    if (shared.length > 0) {
      notes.push(
        `the window overlaps the reference (${shared.length} partition(s)), which understates drift`,
      );
    }
  }
  if (current.rows > current.labelled) {
    notes.push(
      `${current.rows - current.labelled} of ${current.rows} rows have no ${target} yet: ` +
        `left out of the metrics, counted for drift`,
    );
  }
  const requirements = _requirements(name, required, model, current);
  const result: NowtestResult = {
    model: name,
    version: model.artifact.version!,
    task: model.task,
    dataset: dataset.name,
    target,
    now: now.toISOString(),
    window: {
      kind: window.kind,
      text: window.text,
      from: window.from,
      to: window.to,
      partitions: window.partitions.map((p) => p.label),
      rows: current.rows,
      labelled: current.labelled,
    },
    reference: {
      from: reference.from,
      to: reference.to,
      source: reference.source,
      rows: referenceRows,
      dataset: refDataset.name,
    },
    metrics: current.metrics,
    requirements,
    drift,
    notes,
    verdict: { failing: false, reason: null, reasons: [], summary: "" },
    alarm: null,
  };
  result.verdict = nowtestVerdict(result, { requireLabels: options.requireLabels ?? false });
  if (options.alarm !== false) result.alarm = await _raise(modelDir, result, options);
  return result;
}

function _drift(
  model: CompiledModel,
  reference: WindowMeasure,
  current: WindowMeasure,
  maxPsi: number | null,
): NowtestDrift {
  const entries = columnDrift(reference.profile, current.profile);
  const features = model.preprocessor.features.map((f) => f.name);
  const names = [...features, ...predictionNames(model)];
  const exceeded = maxPsi === null ? [] : names
    .map((n, c) => ({ n, psi: entries[c]!.psi }))
    .filter((e) => e.psi !== null && e.psi > maxPsi)
    .sort((a, b) => b.psi! - a.psi!)
    .map((e) => e.n);
  return {
    max_psi: maxPsi,
    exceeded,
    predictions: Object.fromEntries(
      names.slice(features.length).map((n, k) => [
        n,
        entries[features.length + k]!,
      ]),
    ),
    features: Object.fromEntries(features.map((n, c) => [n, entries[c]!])),
  };
}

function _requirements(
  name: string,
  requirements: Requirements | undefined,
  model: CompiledModel,
  current: WindowMeasure,
): NowtestRequirements {
  if (!requirements) {
    return {
      passed: true,
      checks: [],
      note: `${name} has no requirements; write them with \`ratchet requirements init\``,
    };
  }
  if (!current.metrics) {
    return {
      passed: null,
      checks: [],
      note: current.rows === 0
        ? "not checked: the window has no rows"
        : "not checked: no row of the window has a label yet",
    };
  }
  // The window is one partition; "all" makes the messages say "measured".
  return checkRequirements(requirements, [{ partition: "all", ...current.metrics }], model.task);
}

async function _raise(
  modelDir: string,
  result: NowtestResult,
  options: NowtestOptions,
): Promise<AlarmOutcome> {
  const { alarm: _, ...details } = result;
  return await raiseAlarm(modelDir, {
    model: result.model,
    version: result.version,
    check: "nowtest",
    subject: result.dataset,
    failing: result.verdict.failing,
    reason: result.verdict.reason ?? "passed",
    summary: result.verdict.summary,
    details,
  }, options.alarmOptions);
}

/**
 * Where drift is measured against: the now-tested dataset, unless no
 * `--reference` is given and the model was trained on another dataset that
 * still holds its training window — a log of live traffic (`live-<model>`)
 * is then compared with what the model learned from.
 */
function _referenceDataset(
  root: string,
  dataset: DatasetDescriptor,
  model: CompiledModel,
  option: string | undefined,
): DatasetDescriptor {
  const trainedOn = model.artifact.provenance.dataset;
  if (option !== undefined || !model.artifact.provenance.window) return dataset;
  if (typeof trainedOn !== "string" || trainedOn === dataset.name) return dataset;
  try {
    return loadDataset(root, trainedOn);
  } catch {
    return dataset; // gone: resolveReference then explains what to pass
  }
}
