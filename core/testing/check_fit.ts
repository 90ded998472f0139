/**
 * Contract check for `fit`: it learns (beats a constant), is deterministic
 * when the plugin says so, and its coefficients round-trip through publish,
 * load and compile unchanged.
 *
 * @module
 */
import {
  type ModelShape,
  normalizeParams,
  type Plugin,
  PluginRegistry,
  type Task,
} from "../contract/mod.ts";
import { canonicalJson } from "../json/mod.ts";
import type { Random } from "../random/mod.ts";
import { ModelStore } from "../store/mod.ts";
import { compileModel } from "../model/mod.ts";
import { tableFromColumns } from "../table/mod.ts";
import type { ArtifactBody } from "../artifact/mod.ts";
import type { CheckPluginOptions } from "./check_plugin.ts";

function _trainingSet(task: Task, rng: Random, n: number, p: number) {
  const columns = Array.from(
    { length: p },
    () => Float64Array.from({ length: n }, () => rng.normal()),
  );
  const classes = task === "regression" ? 1 : task === "binary" ? 2 : 3;
  const beta = Array.from({ length: classes }, () => Array.from({ length: p }, () => rng.normal()));
  const target = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const scores = beta.map((b) =>
      b.reduce((s, w, j) => s + w * columns[j]![i]!, 0) + 0.3 * rng.normal()
    );
    target[i] = task === "regression"
      ? 2 * scores[0]! + 1
      : task === "binary"
      ? (scores[0]! > 0 ? 1 : 0)
      : scores.indexOf(Math.max(...scores));
  }
  return { columns, target, classes };
}

/**
 * Fits a synthetic problem of `task` and checks what the module says.
 *
 * @example
 * ```ts
 * import { checkFit } from "./check_fit.ts";
 * import { createRandom } from "../random/mod.ts";
 * import linear from "../../plugins/linear/mod.ts";
 * checkFit(linear, "regression", { examples: [] }, createRandom(1));
 * ```
 */
export function checkFit(
  plugin: Plugin,
  task: Task,
  options: CheckPluginOptions,
  rng: Random,
): void {
  const n = 300, p = 4;
  const { columns, target, classes } = _trainingSet(task, rng, n, p);
  const inputs = Array.from({ length: p }, (_, j) => `x${j}`);
  const shape: ModelShape = { task, inputs, classes };
  const params = normalizeParams(plugin.params ?? {}, options.fitParams ?? {}, plugin.id);
  const coefficients = plugin.fit!({ shape, columns, n, target }, params);
  const text = canonicalJson(coefficients);
  if (plugin.tags.deterministic_fit) {
    const again = canonicalJson(plugin.fit!({ shape, columns, n, target }, params));
    if (again !== text) throw new Error("fit is not deterministic for the same data and params");
  }
  const direct = plugin.compile(plugin.parse(JSON.parse(text), shape), shape).predictBatch(
    columns,
    n,
  );
  _checkLearned(task, direct, target, n, classes);
  const labels = task === "regression"
    ? undefined
    : Array.from({ length: classes }, (_, k) => `c${k}`);
  const body: ArtifactBody = {
    format: "ratchet.model/v1",
    plugin: { id: plugin.id, version: `^${plugin.version}` },
    task,
    features: inputs.map((name) => ({ name, type: "number" as const })),
    target: { name: "y", ...(labels ? { labels } : {}) },
    preprocessing: [],
    coefficients: JSON.parse(text),
    hyperparameters: params,
    provenance: { created: new Date(0).toISOString(), source: "checkPlugin" },
  };
  const root = Deno.makeTempDirSync({ prefix: "ratchet-check-" });
  try {
    const store = new ModelStore(root);
    const { version } = store.publish("roundtrip", body);
    const model = compileModel(store.load("roundtrip", version), new PluginRegistry([plugin]));
    const cols: Record<string, Float64Array> = {};
    inputs.forEach((name, j) => (cols[name] = columns[j]!));
    const loaded = model.predictTable(tableFromColumns(cols, n));
    for (let i = 0; i < direct.length; i++) {
      if (!Object.is(loaded[i], direct[i])) {
        throw new Error(`after publish and load, output ${i} is ${loaded[i]}, was ${direct[i]}`);
      }
    }
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
}

/** A fitted model must beat a constant on its own training data: fit is not a stub. */
function _checkLearned(
  task: Task,
  out: Float64Array,
  target: Float64Array,
  n: number,
  classes: number,
): void {
  if (task === "regression") {
    const mean = target.reduce((s, v) => s + v, 0) / n;
    let sse = 0, sst = 0;
    for (let i = 0; i < n; i++) {
      sse += (target[i]! - out[i]!) ** 2;
      sst += (target[i]! - mean) ** 2;
    }
    if (!(sse < 0.5 * sst)) {
      throw new Error(`fit learned little: residual sum of squares ${sse} vs total ${sst}`);
    }
    return;
  }
  const counts = new Array(classes).fill(0);
  let correct = 0;
  for (let i = 0; i < n; i++) {
    counts[target[i]!]++;
    let best = 0;
    for (let k = 1; k < classes; k++) if (out[k * n + i]! > out[best * n + i]!) best = k;
    if (best === target[i]) correct++;
  }
  const majority = Math.max(...counts);
  if (!(correct > majority + 0.25 * (n - majority))) {
    throw new Error(
      `fit learned little: ${correct}/${n} correct on training data, majority class alone gets ${majority}`,
    );
  }
}
