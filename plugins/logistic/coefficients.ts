/**
 * The `logistic` coefficient block and its validation.
 *
 * @module
 */
import { CoefficientReader, type ModelShape } from "../../core/contract/mod.ts";
import { invalid } from "../../core/errors/mod.ts";

/** How decisions become probabilities, as in scikit-learn's `multi_class`. */
export type LogisticLink = "multinomial" | "ovr";

/** The links, in a stable order. */
export const LOGISTIC_LINKS: readonly LogisticLink[] = ["multinomial", "ovr"];

/**
 * A logistic regression, as scikit-learn's exporter writes LogisticRegression:
 * decision `d_k = Σ_j weights[k][j]·x_j + intercepts[k]`, one row for a
 * binary model (the decision for the second label) and one per class
 * otherwise.
 */
export interface LogisticCoefficients {
  /** `multinomial` (softmax) or `ovr` (one-vs-rest sigmoids, normalised). */
  link: LogisticLink;
  /** One intercept per row. */
  intercepts: number[];
  /** One row per decision, one weight per input. */
  weights: number[][];
}

/**
 * Validates a `logistic` coefficient block against the model's shape and
 * returns a fresh plain copy; every error names the JSON path at fault.
 *
 * @example
 * ```ts
 * import { parseLogistic } from "./coefficients.ts";
 * const shape = { task: "binary", inputs: ["a", "b"], classes: 2 } as const;
 * const c = parseLogistic({ link: "ovr", intercepts: [0.5], weights: [[1, -1]] }, shape);
 * if (c.weights[0]![1] !== -1) throw new Error();
 * let msg = "";
 * try { parseLogistic({ link: "ovr", intercepts: [0.5], weights: [[1]] }, shape); } catch (e) { msg = String(e); }
 * if (!msg.includes("$.coefficients.weights[0]")) throw new Error(msg);
 * ```
 */
export function parseLogistic(coefficients: unknown, shape: ModelShape): LogisticCoefficients {
  if (shape.task === "regression") {
    throw invalid("logistic predicts classes, not a regression target: use the linear plugin");
  }
  const root = new CoefficientReader(coefficients).object(["link", "intercepts", "weights"]);
  const link = root.field("link").string(LOGISTIC_LINKS);
  const rows = shape.task === "binary" ? 1 : shape.classes;
  const p = shape.inputs.length;
  const why = shape.task === "binary"
    ? "a binary model has one row, the decision for the second label"
    : `one row per class (${rows})`;
  const intercepts = root.field("intercepts").numbers(rows, why);
  const weights = root.field("weights").matrix(rows, p, `${rows} row(s) × ${p} inputs; ${why}`);
  return { link, intercepts: Array.from(intercepts), weights: weights.map((r) => Array.from(r)) };
}
