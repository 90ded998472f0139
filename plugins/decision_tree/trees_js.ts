/**
 * Averaged trees as standalone JavaScript.
 *
 * @module
 */
import { type JsDefinitions, mergeJsDefinitions } from "../../core/contract/mod.ts";
import { RATCHET_ERROR_JS } from "../../core/errors/mod.ts";
import { averagePredictor } from "./average_predictor.ts";
import { FLAT_FOREST_JS } from "./flat_forest.ts";
import { treeWidth } from "./tree_coefficients.ts";

/**
 * What {@linkcode averagePredictor}'s source refers to, for the `toJS` of
 * `decision_tree` and `random_forest` (see `jsPredictor` in core/contract).
 *
 * @example
 * ```ts
 * import { TREES_JS } from "./trees_js.ts";
 * import { jsPredictor } from "../../core/contract/mod.ts";
 * const shape = { task: "regression", inputs: ["x"], classes: 1 } as const;
 * const leaf = { left: [-1], right: [-1], feature: [-2], threshold: [-2], value: [[5]] };
 * const source = jsPredictor("averagePredictor([coefficients], shape)", leaf, shape, TREES_JS);
 * if (new Function(`return ${source};`)().predictRow([1])[0] !== 5) throw new Error();
 * ```
 */
export const TREES_JS: JsDefinitions = mergeJsDefinitions(
  { averagePredictor, treeWidth },
  FLAT_FOREST_JS,
  RATCHET_ERROR_JS,
);
