/**
 * Contract check: every corrupted coefficient is refused by `parse` with a
 * `RatchetError` naming its JSON path, and nothing crashes.
 *
 * @module
 */
import type { ModelShape, Plugin } from "../contract/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import { formatPath } from "../json/mod.ts";
import type { Random } from "../random/mod.ts";
import { checkPredictions } from "./check_predictions.ts";
import type { PluginExample } from "./check_plugin.ts";

/**
 * Asserts that `fn` throws a `RatchetError` whose message names `path`.
 *
 * @example
 * ```ts
 * import { expectRefusal } from "./check_corruptions.ts";
 * import { CoefficientReader } from "../contract/mod.ts";
 * expectRefusal(() => new CoefficientReader({ intercept: "x" }).field("intercept").number(), "$.coefficients.intercept");
 * ```
 */
export function expectRefusal(fn: () => unknown, path: string | undefined): void {
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

/**
 * Corrupts each coefficient leaf (a sample of 300 in large blocks): numbers
 * become strings, NaN, ±Infinity, null or booleans; strings become numbers;
 * objects become strings, lose a key or an array item. Type changes must be
 * refused naming the leaf; removals may be accepted if the result predicts sanely.
 *
 * @example
 * ```ts
 * import { checkCorruptions } from "./check_corruptions.ts";
 * import { createRandom } from "../random/mod.ts";
 * import linear from "../../plugins/linear/mod.ts";
 * const shape = { task: "regression", inputs: ["x"], classes: 1 } as const;
 * checkCorruptions(linear, { shape, coefficients: { intercept: 1, weights: [2] } }, createRandom(1));
 * ```
 */
export function checkCorruptions(plugin: Plugin, ex: PluginExample, rng: Random): void {
  const parse = (c: unknown) => plugin.parse(c, ex.shape);
  for (const whole of [null, [], "x", 1]) expectRefusal(() => parse(whole), "$.coefficients");
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
        expectRefusal(() => parse(set(bad)), where);
      }
    } else if (typeof leaf.value === "string") {
      expectRefusal(() => parse(set(12345)), where);
      expectRefusal(() => parse(set("not-a-valid-value")), where);
    } else if (leaf.value !== null && typeof leaf.value === "object") {
      expectRefusal(() => parse(set("x")), where);
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
  checkPredictions(plugin, shape, parsed, rng, Infinity);
}
