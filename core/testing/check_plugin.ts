/**
 * The contract test kit, in the spirit of scikit-learn's `check_estimator`:
 * every plugin's own test calls {@linkcode checkPlugin}, and a third-party
 * plugin proves conformance the same way.
 *
 * @module
 */
import {
  type ModelShape,
  normalizeParams,
  type ParamValue,
  type Plugin,
  PluginRegistry,
  type Task,
  validatePlugin,
} from "../contract/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import { canonicalJson, formatPath } from "../json/mod.ts";
import { createRandom, type Random } from "../random/mod.ts";
import { ModelStore } from "../store/mod.ts";
import { compileModel } from "../model/mod.ts";
import { tableFromColumns } from "../table/mod.ts";
import type { ArtifactBody } from "../artifact/mod.ts";

/** Coefficients known to be valid for a shape. */
export interface PluginExample {
  readonly name?: string;
  readonly shape: ModelShape;
  readonly coefficients: unknown;
}

/** Coefficients that `parse` must refuse with a message naming `path`. */
export interface BadCoefficients extends PluginExample {
  /** The JSON path the error must name, e.g. `$.coefficients.weights`. */
  readonly path: string;
}

/** What to check. */
export interface CheckPluginOptions {
  /** Valid coefficient blocks, ideally one per task and one with many inputs. */
  readonly examples: readonly PluginExample[];
  /** Invalid blocks and the path their error must name. */
  readonly bad?: readonly BadCoefficients[];
  /** Largest allowed |batch − row| difference; default 0 (identical). */
  readonly tolerance?: number;
  /** Params for the fit checks (e.g. fewer trees to keep tests fast). */
  readonly fitParams?: Readonly<Record<string, ParamValue>>;
  /** Seed for the random rows and data. */
  readonly seed?: number;
}

/**
 * Runs the contract checks as steps of a `Deno.test`.
 *
 * @example
 * ```ts ignore
 * Deno.test("linear: predictor contract", (t) =>
 *   checkPlugin(t, linear, { examples: [{ shape, coefficients: { intercept: 1, weights: [2] } }] }));
 * ```
 */
export async function checkPlugin(
  t: Deno.TestContext,
  plugin: Plugin,
  options: CheckPluginOptions,
): Promise<void> {
  const rng = createRandom(options.seed ?? 20261127);
  await t.step("declaration is valid", () => {
    validatePlugin(plugin, plugin.id);
    if (plugin.params) normalizeParams(plugin.params, {}, plugin.id);
    if (options.examples.length === 0) {
      throw new Error("checkPlugin needs at least one valid example");
    }
  });
  for (const [k, ex] of options.examples.entries()) {
    const name = ex.name ?? `example ${k + 1} (${ex.shape.task}, ${ex.shape.inputs.length} inputs)`;
    await t.step(`${name}: batch and row paths agree, outputs are finite and well-formed`, () => {
      _checkPredictions(
        plugin,
        ex.shape,
        plugin.parse(ex.coefficients, ex.shape),
        rng,
        options.tolerance ?? 0,
      );
    });
    await t.step(`${name}: every corrupted coefficient is refused, naming its path`, () => {
      _checkCorruptions(plugin, ex, rng);
    });
  }
  for (const [k, bad] of (options.bad ?? []).entries()) {
    await t.step(`bad coefficients ${bad.name ?? k + 1} are refused naming ${bad.path}`, () => {
      _expectRefusal(() => plugin.parse(bad.coefficients, bad.shape), bad.path);
    });
  }
  if (plugin.fit) {
    for (const task of plugin.tasks) {
      await t.step(
        `fit (${task}): learns, is deterministic, and round-trips through publish and load`,
        () => {
          _checkFit(plugin, task, options, rng);
        },
      );
    }
  }
}

function _randomColumns(rng: Random, p: number, n: number): Float64Array[] {
  const cols = Array.from({ length: p }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const r = rng.next();
      // Mostly moderate values, some zeros and some large magnitudes, to probe numerics.
      cols[j]![i] = r < 0.05 ? 0 : r < 0.1 ? (rng.next() - 0.5) * 2e4 : rng.normal() * 3;
    }
  }
  return cols;
}

function _checkPredictions(
  plugin: Plugin,
  shape: ModelShape,
  coefficients: unknown,
  rng: Random,
  tol: number,
): void {
  const predictor = plugin.compile(coefficients, shape);
  const width = shape.task === "regression" ? 1 : shape.classes;
  if (predictor.width !== width) throw new Error(`width is ${predictor.width}, expected ${width}`);
  const n = 257;
  const p = shape.inputs.length;
  const cols = _randomColumns(rng, p, n);
  const copies = cols.map((c) => c.slice());
  const out = predictor.predictBatch(cols, n);
  if (out.length < width * n) {
    throw new Error(`predictBatch returned ${out.length} values, expected ${width * n}`);
  }
  cols.forEach((c, j) => {
    for (let i = 0; i < n; i++) {
      if (!Object.is(c[i], copies[j]![i])) throw new Error("predictBatch modified its input");
    }
  });
  const reused = new Float64Array(width * n + 7).fill(123);
  predictor.predictBatch(cols, n, reused);
  const row = new Float64Array(p);
  const rowOut = new Float64Array(width);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) row[j] = cols[j]![i]!;
    const single = predictor.predictRow(row, rowOut);
    const fresh = predictor.predictRow(Array.from(row));
    let sum = 0;
    for (let k = 0; k < width; k++) {
      const b = out[k * n + i]!;
      if (!Number.isFinite(b)) throw new Error(`row ${i}: output ${k} is ${b}, not finite`);
      if (!Object.is(reused[k * n + i], b)) {
        throw new Error(`row ${i}: batch with a given out buffer differs`);
      }
      for (const s of [single[k]!, fresh[k]!]) {
        if (!(Math.abs(s - b) <= tol) && !Object.is(s, b)) {
          throw new Error(
            `row ${i}, output ${k}: predictRow gave ${s}, predictBatch ${b} (tolerance ${tol})`,
          );
        }
      }
      if (width > 1) {
        if (b < 0 || b > 1) throw new Error(`row ${i}: probability ${k} is ${b}, outside [0, 1]`);
        sum += b;
      }
    }
    if (width > 1 && Math.abs(sum - 1) > 1e-9) {
      throw new Error(`row ${i}: probabilities sum to ${sum}, not 1`);
    }
  }
  const empty = predictor.predictBatch(shape.inputs.map(() => new Float64Array(0)), 0);
  if (!(empty instanceof Float64Array)) {
    throw new Error("predictBatch on 0 rows must return a Float64Array");
  }
}

function _expectRefusal(fn: () => unknown, path: string | undefined): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof RatchetError)) throw new Error(`refused with ${e}, expected a RatchetError`);
    if (path !== undefined && !e.message.includes(path)) {
      throw new Error(`the error does not name ${path}: ${e.message}`);
    }
    return;
  }
  throw new Error(`accepted, but must be refused${path ? ` naming ${path}` : ""}`);
}

type _Leaf = { path: (string | number)[]; value: unknown };

function _leaves(v: unknown, path: (string | number)[], out: _Leaf[]): void {
  out.push({ path, value: v });
  if (Array.isArray(v)) v.forEach((x, i) => _leaves(x, [...path, i], out));
  else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) _leaves(x, [...path, k], out);
  }
}

function _replaced(
  root: unknown,
  path: (string | number)[],
  fn: (parent: Record<string | number, unknown>, key: string | number) => void,
): unknown {
  const copy = structuredClone(root);
  if (path.length === 0) throw new Error("cannot replace the root");
  let parent = copy as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
  fn(parent, path.at(-1)!);
  return copy;
}

function _checkCorruptions(plugin: Plugin, ex: PluginExample, rng: Random): void {
  const parse = (c: unknown) => plugin.parse(c, ex.shape);
  for (const whole of [null, [], "x", 1]) _expectRefusal(() => parse(whole), "$.coefficients");
  const all: _Leaf[] = [];
  _leaves(ex.coefficients, ["coefficients"], all);
  const leaves = all.slice(1);
  // Large blocks (forests) are sampled, deterministically.
  const sample = leaves.length <= 300
    ? leaves
    : Array.from({ length: 300 }, () => leaves[rng.int(leaves.length)]!);
  const rel = (p: (string | number)[]) => p.slice(1);
  for (const leaf of sample) {
    const where = formatPath(leaf.path);
    const set = (value: unknown) =>
      _replaced(ex.coefficients, rel(leaf.path), (o, k) => (o[k] = value));
    if (typeof leaf.value === "number") {
      for (const bad of ["x", NaN, Infinity, -Infinity, null, true]) {
        _expectRefusal(() => parse(set(bad)), where);
      }
    } else if (typeof leaf.value === "string") {
      _expectRefusal(() => parse(set(12345)), where);
      _expectRefusal(() => parse(set("not-a-valid-value")), where);
    } else if (leaf.value !== null && typeof leaf.value === "object") {
      _expectRefusal(() => parse(set("x")), where);
      // Removing a key or shortening an array may be valid (an optional key, a
      // smaller forest); if accepted, the result must still predict sanely.
      const shrunk = Array.isArray(leaf.value)
        ? set(leaf.value.slice(0, -1))
        : Object.keys(leaf.value).length > 0
        ? _replaced(ex.coefficients, rel(leaf.path), (o, k) => {
          const obj = o[k] as Record<string, unknown>;
          delete obj[Object.keys(obj)[0]!];
        })
        : undefined;
      if (shrunk !== undefined) _acceptOrRefuse(plugin, ex.shape, shrunk, rng);
    }
  }
}

function _acceptOrRefuse(
  plugin: Plugin,
  shape: ModelShape,
  coefficients: unknown,
  rng: Random,
): void {
  let parsed: unknown;
  try {
    parsed = plugin.parse(coefficients, shape);
  } catch (e) {
    if (e instanceof RatchetError) return;
    throw new Error(`parse crashed with ${e} instead of refusing with a RatchetError`);
  }
  _checkPredictions(plugin, shape, parsed, rng, Infinity);
}

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

function _checkFit(plugin: Plugin, task: Task, options: CheckPluginOptions, rng: Random): void {
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
