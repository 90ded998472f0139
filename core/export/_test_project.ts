/**
 * Test support for exports: a temp project holding the two demo models and
 * a model of every built-in plugin for every task it serves, fitted by the
 * plugin on rows that exercise every preprocessing step, each with
 * fixtures; random rows for any model; and Node to run bundles without Deno.
 *
 * @module
 */
import { join } from "node:path";
import type { ArtifactBody, Feature } from "../artifact/mod.ts";
import type { ParamValue, Plugin, Task } from "../contract/mod.ts";
import { appendFixture, fixturesPath, recordFixture } from "../fixtures/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import { openProject, type Project } from "../project/mod.ts";
import { createRandom } from "../random/mod.ts";
import { fittedArtifact, monthRows } from "../backtest/sql_test_project.ts";
import decisionTree from "../../plugins/decision_tree/mod.ts";
import gaussianNb from "../../plugins/gaussian_nb/mod.ts";
import gradientBoosting from "../../plugins/gradient_boosting/mod.ts";
import linear from "../../plugins/linear/mod.ts";
import logistic from "../../plugins/logistic/mod.ts";
import randomForest from "../../plugins/random_forest/mod.ts";

/** The shipped demo models, copied into every test project. */
export const DEMO_MODELS = ["rain-tomorrow", "temp-tomorrow"];

/** Every built-in plugin for every task it serves (and every link), fitted by the plugin. */
export const FITTED: readonly [string, Plugin, Task, Record<string, ParamValue>][] = [
  ["linear", linear, "regression", {}],
  ["logistic-binary", logistic, "binary", {}],
  ["logistic-binary-ovr", logistic, "binary", { multi_class: "ovr" }],
  ["logistic-multiclass", logistic, "multiclass", {}],
  ["logistic-multiclass-ovr", logistic, "multiclass", { multi_class: "ovr" }],
  ["tree-regression", decisionTree, "regression", { max_depth: 6 }],
  ["tree-binary", decisionTree, "binary", { max_depth: 6 }],
  ["tree-multiclass", decisionTree, "multiclass", { max_depth: 6 }],
  ["forest-regression", randomForest, "regression", { n_estimators: 5, max_depth: 5 }],
  ["forest-binary", randomForest, "binary", { n_estimators: 5, max_depth: 5 }],
  ["forest-multiclass", randomForest, "multiclass", { n_estimators: 5, max_depth: 5 }],
  ["boosting-regression", gradientBoosting, "regression", { n_estimators: 10, max_depth: 3 }],
  ["boosting-binary", gradientBoosting, "binary", { n_estimators: 10, max_depth: 3 }],
  ["boosting-multiclass", gradientBoosting, "multiclass", { n_estimators: 6, max_depth: 3 }],
  ["nb-binary", gaussianNb, "binary", {}],
  ["nb-multiclass", gaussianNb, "multiclass", {}],
];

/** Every model of the test project: the fitted ones, one with gradient boosting's exponential link, and the demos. */
export const ALL_MODELS: readonly string[] = [
  ...FITTED.map(([name]) => name),
  "boosting-exponential",
  ...DEMO_MODELS,
];

/**
 * A temp project with {@linkcode ALL_MODELS}, each with four fixtures:
 * three snapshots of rows and a contract on the first one's prediction.
 */
export async function withExportProject(fn: (project: Project) => Promise<void>): Promise<void> {
  const root = Deno.makeTempDirSync({ prefix: "ratchet-export-" });
  try {
    const repo = new URL("../../models/", import.meta.url);
    for (const name of DEMO_MODELS) _copyDir(new URL(`${name}/`, repo), join(root, "models", name));
    const project = await openProject(root);
    for (const [name, plugin, task, params] of FITTED) {
      project.store.publish(name, fittedArtifact(plugin, task, params));
    }
    const binary = fittedArtifact(gradientBoosting, "binary", { n_estimators: 10, max_depth: 3 });
    const coefficients = { ...(binary.coefficients as object), link: "exponential" };
    project.store.publish("boosting-exponential", { ...binary, coefficients });
    for (const [name] of [...FITTED, ["boosting-exponential"]]) {
      const model = project.model({ name: name!, ref: undefined });
      const rows = monthRows("2025-01", 3, name!.length);
      rows.forEach((row, k) => {
        const { fixture } = recordFixture(model, row, {
          ...(k === 0 ? { expect: _prediction(model, row), tolerance: 1e-6 } : {}),
          provenance: { by: "export tests" },
        });
        appendFixture(fixturesPath(project.store, name!), fixture);
      });
    }
    await fn(project);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
}

function _prediction(model: CompiledModel, row: Record<string, unknown>) {
  return recordFixture(model, row, { provenance: { by: "x" } }).fixture.expect.prediction!;
}

/**
 * `n` random rows of a model's features: numbers mostly moderate, some 0,
 * some large (none with `moderate`); booleans; category levels, some given as text where the level
 * is a number; a feature the model imputes is null now and then.
 */
export function randomRows(
  model: CompiledModel,
  n: number,
  seed: number,
  options: { moderate?: boolean } = {},
): Record<string, unknown>[] {
  const random = createRandom(seed);
  const imputed = new Set(
    (model.artifact.preprocessing ?? []).flatMap((s) => (s.type === "impute" ? s.columns : [])),
  );
  const value = (f: Feature): unknown => {
    if (imputed.has(f.name) && random.next() < 0.1) return null;
    if (f.type === "boolean") return random.next() < 0.5;
    if (f.type === "category") {
      const level = f.levels![random.int(f.levels!.length)]!;
      return typeof level === "number" && random.next() < 0.3 ? String(level) : level;
    }
    const r = random.next();
    if (options.moderate) return random.normal() * 10;
    return r < 0.05 ? 0 : r < 0.1 ? (random.next() - 0.5) * 2e4 : random.normal() * 10;
  };
  return Array.from(
    { length: n },
    () => Object.fromEntries(model.preprocessor.features.map((f) => [f.name, value(f)])),
  );
}

/**
 * The artifact with every category's number levels turned into text (the
 * same model for rows that give them as text): what PostgreSQL's query reads.
 */
export function textLevels(body: ArtifactBody): ArtifactBody {
  const text = (l: unknown) => (typeof l === "number" ? String(l) : l);
  return {
    ...body,
    features: body.features.map((f) => (f.levels ? { ...f, levels: f.levels.map(text) } : f)),
    preprocessing: (body.preprocessing ?? []).map((s) =>
      s.type === "one_hot" && s.drop ? { ...s, drop: s.drop.map(text) } : s
    ) as ArtifactBody["preprocessing"],
  } as ArtifactBody;
}

/** What a run printed. */
export interface ScriptRun {
  /** Exit code. */
  readonly code: number;
  /** Standard output. */
  readonly stdout: string;
  /** Standard error. */
  readonly stderr: string;
}

/** Runs `node <args>` (Node alone, no Deno involved) in `cwd`. */
export function runNode(args: string[], cwd: string): Promise<ScriptRun> {
  return _run("node", args, cwd);
}

/** Runs `deno <args>` in `cwd`. */
export function runDeno(args: string[], cwd: string): Promise<ScriptRun> {
  return _run(Deno.execPath(), args, cwd);
}

async function _run(command: string, args: string[], cwd: string): Promise<ScriptRun> {
  const { code, stdout, stderr } = await new Deno.Command(command, {
    args,
    cwd,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code, stdout: text(stdout), stderr: text(stderr) };
}

/**
 * A script (Node or Deno) that imports the predictor.js named by its first
 * argument and, for the JSON file named by its second, `{rows, refused}`,
 * predicts every row with `predict` (an error becomes `{error, kind,
 * status, name}`) and all of `rows` with `predictBatch`; prints
 * `{label, answers: {one, columns}}` as JSON.
 */
export const NODE_PREDICT = `
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const { predict, predictBatch, model } = await import(pathToFileURL(process.argv[2]).href);
const { rows, refused } = JSON.parse(readFileSync(process.argv[3], "utf8"));
const one = [...rows, ...refused].map((row) => {
  try {
    return predict(row);
  } catch (e) {
    return { error: e.message, kind: e.kind, status: e.status, name: e.name };
  }
});
const names = model.features.map((f) => f.name);
const out = predictBatch(Object.fromEntries(names.map((n) => [n, rows.map((r) => r[n])])));
const columns = { prediction: Array.from(out.prediction) };
if (out.probabilities) {
  columns.probabilities = Object.fromEntries(
    Object.entries(out.probabilities).map(([k, v]) => [k, Array.from(v)]),
  );
}
console.log(JSON.stringify({ label: model.label, answers: { one, columns } }));
`;

function _copyDir(from: URL, to: string): void {
  Deno.mkdirSync(to, { recursive: true });
  for (const e of Deno.readDirSync(from)) {
    if (e.isDirectory) _copyDir(new URL(`${e.name}/`, from), join(to, e.name));
    else Deno.copyFileSync(new URL(e.name, from), join(to, e.name));
  }
}
