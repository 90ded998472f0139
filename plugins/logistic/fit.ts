/**
 * Fitting a logistic regression with scikit-learn's objective.
 *
 * @module
 */
import type { Params, ParamSpace, TrainingData } from "../../core/contract/mod.ts";
import { invalid } from "../../core/errors/mod.ts";
import type { LogisticCoefficients, LogisticLink } from "./coefficients.ts";
import { newtonSoftmax, type SoftmaxProblem } from "./newton_softmax.ts";

/** The hyperparameters of `logistic`, named and defaulted as in scikit-learn's LogisticRegression. */
export const LOGISTIC_PARAMS: ParamSpace = {
  C: {
    type: "float",
    default: 1,
    min: 0,
    exclusiveMin: true,
    search: { min: 1e-3, max: 1e3, log: true },
    description: "inverse L2 strength: minimises C·Σ log-loss + ½‖W‖² (larger C = weaker penalty)",
  },
  penalty: {
    type: "choice",
    default: "l2",
    values: ["l2", "none"],
    description: "l2, or none for plain maximum likelihood (C is then ignored)",
  },
  fit_intercept: {
    type: "bool",
    default: true,
    description: "learn an unpenalised intercept per decision",
  },
  multi_class: {
    type: "choice",
    default: "multinomial",
    values: ["multinomial", "ovr"],
    description: "multinomial (one softmax) or ovr (one binary model per class, normalised)",
  },
  max_iter: {
    type: "int",
    default: 100,
    min: 1,
    description: "Newton iterations allowed (10–30 usually suffice)",
  },
  tol: {
    type: "float",
    default: 1e-8,
    min: 0,
    exclusiveMin: true,
    description: "stop when the Newton step is ≤ tol relative to the largest coefficient",
  },
};

/**
 * Learns `{link, intercepts, weights}` minimising scikit-learn's objective
 * `C·Σ_i logloss_i + ½‖W‖²` (intercepts unpenalised), or the log-loss alone
 * with `penalty: "none"`.
 *
 * - multinomial, ≥ 3 classes: one softmax over K rows.
 * - multinomial, binary: scikit-learn fits two rows w₀ = −w₁ and keeps w₁;
 *   the softmax of `[−d, d]` is `expit(2d)`, so this is the binary model
 *   with `2C` whose coefficients are halved.
 * - ovr: one binary model per class (binary: of the second class only).
 *
 * @example
 * ```ts
 * import { fitLogistic } from "./fit.ts";
 * const shape = { task: "binary", inputs: ["x"], classes: 2 } as const;
 * const data = { shape, columns: [new Float64Array([0, 1, 2, 3])], n: 4, target: new Float64Array([0, 1, 0, 1]) };
 * const params = { C: 1, penalty: "l2", fit_intercept: true, multi_class: "ovr", max_iter: 100, tol: 1e-8 };
 * const c = fitLogistic(data, params);
 * if (c.link !== "ovr" || c.weights.length !== 1 || !(c.weights[0]![0]! > 0)) throw new Error(JSON.stringify(c));
 * ```
 */
export function fitLogistic(data: TrainingData, params: Params): LogisticCoefficients {
  const { shape, n } = data;
  if (shape.task === "regression") {
    throw invalid("logistic predicts classes: use the linear plugin for regression");
  }
  const classes = shape.classes;
  const labels = _labels(data.target, n, classes);
  const link = params.multi_class as LogisticLink;
  const base = {
    columns: data.columns,
    n,
    C: params.penalty === "none" ? Infinity : params.C as number,
    fitIntercept: params.fit_intercept as boolean,
    maxIter: params.max_iter as number,
    tol: params.tol as number,
  };
  const binaryOf = (positive: Int32Array, C: number) =>
    newtonSoftmax({ ...base, C, labels: positive, classes: 2, reference: true });
  const rows: { w: Float64Array; b: number }[] = [];
  if (classes === 2) {
    const halved = link === "multinomial";
    const fit = binaryOf(labels, halved ? 2 * base.C : base.C);
    const scale = halved ? 0.5 : 1;
    rows.push({ w: fit.weights[1]!.map((v) => v * scale), b: fit.intercepts[1]! * scale });
  } else if (link === "ovr") {
    for (let k = 0; k < classes; k++) {
      const fit = binaryOf(labels.map((y) => (y === k ? 1 : 0)), base.C);
      rows.push({ w: fit.weights[1]!, b: fit.intercepts[1]! });
    }
  } else {
    const problem: SoftmaxProblem = { ...base, labels, classes, reference: false };
    const fit = newtonSoftmax(problem);
    for (let k = 0; k < classes; k++) rows.push({ w: fit.weights[k]!, b: fit.intercepts[k]! });
  }
  return { link, intercepts: rows.map((r) => r.b), weights: rows.map((r) => Array.from(r.w)) };
}

/** The class indices, checked: integers in range, every class present. */
function _labels(target: Float64Array, n: number, classes: number): Int32Array {
  const labels = new Int32Array(n);
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < n; i++) {
    const y = target[i]!;
    if (!Number.isInteger(y) || y < 0 || y >= classes) {
      throw invalid(
        `Cannot fit logistic: row ${i} has class ${y}, expected an integer in 0…${classes - 1}`,
      );
    }
    labels[i] = y;
    counts[y] = counts[y]! + 1;
  }
  const missing = counts.findIndex((c) => c === 0);
  if (missing >= 0) {
    throw invalid(
      `Cannot fit logistic: class ${missing} has no training rows, so its probability has no finite fit; ` +
        "drop the class from the labels or add rows of it",
    );
  }
  return labels;
}
