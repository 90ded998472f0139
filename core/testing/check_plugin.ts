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
  validatePlugin,
} from "../contract/mod.ts";
import { createRandom } from "../random/mod.ts";
import { checkPredictions } from "./check_predictions.ts";
import { checkCorruptions, expectRefusal } from "./check_corruptions.ts";
import { checkFit } from "./check_fit.ts";
import { checkJsSource } from "./check_js_source.ts";
import { checkStrictOutputs } from "./check_strict_outputs.ts";

/** Coefficients known to be valid for a shape. */
export interface PluginExample {
  /** Names the example in test step names; default `example <k> (<task>, <n> inputs)`. */
  readonly name?: string;
  /** The model shape the coefficients are for. */
  readonly shape: ModelShape;
  /** A coefficient block as an artifact holds it (plain JSON). */
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
      checkPredictions(
        plugin,
        ex.shape,
        plugin.parse(ex.coefficients, ex.shape),
        rng,
        options.tolerance ?? 0,
      );
    });
    await t.step(`${name}: every corrupted coefficient is refused, naming its path`, () => {
      checkCorruptions(plugin, ex, rng);
    });
    if (plugin.tags.strict_outputs) {
      await t.step(
        `${name}: a NaN, infinite or missing input reaches an output (strict_outputs)`,
        () => checkStrictOutputs(plugin, ex.shape, plugin.parse(ex.coefficients, ex.shape), rng),
      );
    }
    if (plugin.toJS) {
      await t.step(
        `${name}: toJS source is standalone and gives compile's numbers`,
        () => checkJsSource(plugin, ex.shape, plugin.parse(ex.coefficients, ex.shape), rng),
      );
    }
  }
  for (const [k, bad] of (options.bad ?? []).entries()) {
    await t.step(`bad coefficients ${bad.name ?? k + 1} are refused naming ${bad.path}`, () => {
      expectRefusal(() => plugin.parse(bad.coefficients, bad.shape), bad.path);
    });
  }
  if (plugin.fit) {
    for (const task of plugin.tasks) {
      await t.step(
        `fit (${task}): learns, is deterministic, and round-trips through publish and load`,
        () => {
          checkFit(plugin, task, options, rng);
        },
      );
    }
  }
}
