/**
 * The `gradient_boosting` coefficient block.
 *
 * @module
 */
import { CoefficientReader, type ModelShape } from "../../core/contract/mod.ts";
import { readTree, type TreeCoefficients } from "../decision_tree/mod.ts";

/** How raw scores become outputs. */
export type BoostingLink = "identity" | "logistic" | "exponential" | "softmax";

/**
 * Boosted regression trees, as scikit-learn 1.2's GradientBoosting*:
 * `raw_k = init_k`, then for each stage in order `raw_k += learning_rate ×
 * stages[s][k](x)`; outputs are `link(raw)`.
 */
export interface GradientBoostingCoefficients {
  /** Identity for regression, logistic or exponential for binary, softmax for multiclass. */
  readonly link: BoostingLink;
  /** One raw score per tree of a stage. */
  readonly init: number[];
  /** Shrinks every tree's contribution; greater than 0. */
  readonly learning_rate: number;
  /** Each stage holds `init.length` regression trees. */
  readonly stages: TreeCoefficients[][];
}

const _LINKS: Record<ModelShape["task"], readonly BoostingLink[]> = {
  regression: ["identity"],
  binary: ["logistic", "exponential"],
  multiclass: ["softmax"],
};

/**
 * Reads and checks a boosting block: a link fitting the task, one raw
 * score and one tree per stage for regression and binary models, one per
 * class for multiclass; every tree a regression `decision_tree` block.
 * Errors name the JSON path.
 *
 * @example
 * ```ts
 * import { readBoosting } from "./boosting_coefficients.ts";
 * const shape = { task: "binary", inputs: ["x"], classes: 2 } as const;
 * const leaf = { left: [-1], right: [-1], feature: [-2], threshold: [-2], value: [[0.5]] };
 * readBoosting({ link: "logistic", init: [0], learning_rate: 0.1, stages: [[leaf]] }, shape);
 * let msg = "";
 * try { readBoosting({ link: "softmax", init: [0], learning_rate: 0.1, stages: [[leaf]] }, shape); } catch (e) { msg = String(e); }
 * if (!msg.includes("$.coefficients.link")) throw new Error(msg);
 * ```
 */
export function readBoosting(
  coefficients: unknown,
  shape: ModelShape,
): GradientBoostingCoefficients {
  const c = new CoefficientReader(coefficients).object(["link", "init", "learning_rate", "stages"]);
  const link = c.field("link").string(_LINKS[shape.task]);
  const m = shape.task === "multiclass" ? shape.classes : 1;
  const why = m === 1
    ? "one raw score for a regression or binary model"
    : "one raw score per class";
  const init = Array.from(c.field("init").numbers(m, why));
  const rate = c.field("learning_rate");
  const learningRate = rate.number();
  if (!(learningRate > 0)) throw rate.fail(`the learning rate must be > 0, found ${learningRate}`);
  const stages = c.field("stages").array().map((stage) =>
    stage.array(m, m === 1 ? "one tree per stage" : "one tree per class in each stage").map((
      tree,
    ) => readTree(tree, shape, 1, false))
  );
  return { link, init, learning_rate: learningRate, stages };
}
