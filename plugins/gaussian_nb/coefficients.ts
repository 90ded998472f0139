/**
 * The `gaussian_nb` coefficient block and its validation.
 *
 * @module
 */
import { CoefficientReader, type ModelShape } from "../../core/contract/mod.ts";

/**
 * What scikit-learn's GaussianNB learned, as the exporter writes it: one row
 * per class (in label order) of `theta` (means) and `var` (variances, with
 * the smoothing already added), one column per input.
 */
export interface GaussianNBCoefficients {
  /** Class probabilities before seeing the inputs, ≥ 0, summing to 1. */
  class_prior: number[];
  /** Per class, the mean of each input. */
  theta: number[][];
  /** Per class, the variance of each input, > 0. */
  var: number[][];
}

/** How far the priors may sum from 1 (exporters round them). */
const PRIOR_SUM_TOLERANCE = 1e-6;

/**
 * Validates a `gaussian_nb` coefficient block against the model's shape and
 * returns a fresh plain copy; every error names the JSON path at fault.
 *
 * @example
 * ```ts
 * import { parseCoefficients } from "./coefficients.ts";
 * const shape = { task: "binary", inputs: ["x"], classes: 2 } as const;
 * const c = parseCoefficients({ class_prior: [0.5, 0.5], theta: [[0], [1]], var: [[1], [1]] }, shape);
 * if (c.theta[1]![0] !== 1) throw new Error();
 * let msg = "";
 * try {
 *   parseCoefficients({ class_prior: [0.5, 0.5], theta: [[0], [1]], var: [[1], [0]] }, shape);
 * } catch (e) { msg = String(e); }
 * if (!msg.includes("$.coefficients.var[1][0]")) throw new Error(msg);
 * ```
 */
export function parseCoefficients(
  coefficients: unknown,
  shape: ModelShape,
): GaussianNBCoefficients {
  const root = new CoefficientReader(coefficients);
  if (shape.task === "regression") {
    throw root.fail(
      "gaussian_nb predicts classes (binary or multiclass), not a regression target: choose another plugin",
    );
  }
  const k = shape.classes;
  const p = shape.inputs.length;
  root.object(["class_prior", "theta", "var"]);

  const priorsAt = root.field("class_prior");
  const priors = priorsAt.numbers(k, "one prior per class");
  let sum = 0;
  priors.forEach((prior, c) => {
    if (prior < 0) throw priorsAt.array()[c]!.fail(`a class prior must be ≥ 0, found ${prior}`);
    sum += prior;
  });
  if (!(Math.abs(sum - 1) <= PRIOR_SUM_TOLERANCE)) {
    throw priorsAt.fail(
      `class priors must sum to 1 (within ${PRIOR_SUM_TOLERANCE}), found a sum of ${sum}`,
    );
  }

  const theta = root.field("theta").matrix(k, p, `${k} classes × ${p} inputs`);
  const varAt = root.field("var");
  const variances = varAt.matrix(k, p, `${k} classes × ${p} inputs`);
  variances.forEach((row, c) =>
    row.forEach((v, j) => {
      if (!(v > 0)) {
        throw new CoefficientReader(v, [...varAt.path, c, j]).fail(
          `a variance must be > 0, found ${v}; refit with var_smoothing > 0`,
        );
      }
    })
  );
  return {
    class_prior: Array.from(priors),
    theta: theta.map((row) => Array.from(row)),
    var: variances.map((row) => Array.from(row)),
  };
}
