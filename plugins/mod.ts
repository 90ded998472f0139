/**
 * The built-in plugins. Third-party plugins are not listed here: they are
 * folders `plugins/<id>/mod.ts` of a project, found at run time.
 *
 * @module
 */
import type { Plugin } from "../core/contract/mod.ts";
import linear from "./linear/mod.ts";
import logistic from "./logistic/mod.ts";
import decisionTree from "./decision_tree/mod.ts";
import randomForest from "./random_forest/mod.ts";
import gradientBoosting from "./gradient_boosting/mod.ts";
import gaussianNb from "./gaussian_nb/mod.ts";

/**
 * Every built-in plugin.
 *
 * @example
 * ```ts
 * import { builtinPlugins } from "./mod.ts";
 * if (!builtinPlugins.some((p) => p.id === "linear")) throw new Error();
 * ```
 */
export const builtinPlugins: readonly Plugin[] = [
  linear,
  logistic,
  decisionTree,
  randomForest,
  gradientBoosting,
  gaussianNb,
] as Plugin[];
