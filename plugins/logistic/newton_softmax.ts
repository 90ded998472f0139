/**
 * Maximum-likelihood softmax (multinomial logistic) regression with an
 * optional L2 penalty, by Newton's method with a backtracking line search.
 * For the small models ratchet serves, the Hessian is cheap, and Newton
 * reaches the optimum to rounding in a handful of iterations, where
 * first-order solvers (scikit-learn's lbfgs) stop near it.
 *
 * @module
 */
import { RatchetError } from "../../core/errors/mod.ts";
import { linearDecision } from "../linear/linear_decision.ts";
import { choleskySolve } from "./cholesky.ts";
import { newtonSystem, type SoftmaxLayout } from "./newton_system.ts";

/** A softmax regression to fit. */
export interface SoftmaxProblem {
  /** One column per input, each at least `n` long. */
  readonly columns: readonly Float64Array[];
  /** Number of rows. */
  readonly n: number;
  /** The class of each row, 0…classes−1. */
  readonly labels: Int32Array;
  /** Number of classes, ≥ 2. */
  readonly classes: number;
  /**
   * true: class 0's decision is fixed at 0 (binary logistic regression when
   * classes = 2). false: every class has its own row, penalised alike, with
   * the unpenalised coordinates made unique by summing to 0 over classes.
   */
  readonly reference: boolean;
  /** Inverse penalty strength: minimises `C·Σ logloss + ½‖W‖²`; `Infinity` = no penalty. */
  readonly C: number;
  /** Learn an unpenalised intercept per row. */
  readonly fitIntercept: boolean;
  /** Newton iterations allowed. */
  readonly maxIter: number;
  /** Converged when the largest Newton step component ≤ tol·max(1, max|θ|). */
  readonly tol: number;
}

/** The fitted rows, one per class (class 0's is zero with `reference`). */
export interface SoftmaxFit {
  readonly weights: Float64Array[];
  readonly intercepts: Float64Array;
  readonly iterations: number;
}

/** Armijo's sufficient-decrease constant. */
const ARMIJO = 1e-4;
/**
 * Below this squared Newton decrement `gᵀH⁻¹g` (twice the predicted decrease
 * of the objective) full steps are taken without a line search: the
 * objective is then locally quadratic, and its decrease may be smaller than
 * the rounding of its value, so comparing values would reject good steps.
 */
const PURE_NEWTON = 1e-6;
/** Halvings of the step before the line search gives up. */
const MAX_HALVINGS = 60;

/**
 * Minimises `Σ_i −log softmax(d_i)[y_i] + ‖W‖²/(2C)` over the weights `W` and
 * intercepts, where `d_ik = W_k·x_i + b_k`. Throws a RatchetError when the
 * optimum does not exist (classes linearly separable without a penalty),
 * the Hessian is singular (collinear or constant inputs without a penalty),
 * or Newton's method has not converged in `maxIter` iterations.
 *
 * @example
 * ```ts
 * import { newtonSoftmax } from "./newton_softmax.ts";
 * // No inputs, 3 of 4 rows in class 1: the intercept is the log odds, log 3.
 * const fit = newtonSoftmax({
 *   columns: [], n: 4, labels: new Int32Array([1, 1, 1, 0]), classes: 2, reference: true,
 *   C: Infinity, fitIntercept: true, maxIter: 50, tol: 1e-10,
 * });
 * if (Math.abs(fit.intercepts[1]! - Math.log(3)) > 1e-14) throw new Error(String(fit.intercepts));
 * ```
 */
export function newtonSoftmax(problem: SoftmaxProblem): SoftmaxFit {
  const { n, labels, classes, reference, C, fitIntercept, maxIter, tol } = problem;
  const columns = problem.columns.map((c) => c.subarray(0, n));
  const p = columns.length;
  const q = p + (fitIntercept ? 1 : 0);
  // The design seen by the gradient and Hessian: the inputs, then a column of ones.
  const design = fitIntercept ? [...columns, new Float64Array(n).fill(1)] : columns;
  const first = reference ? 1 : 0;
  const free = classes - first;
  const dim = free * q;
  const penalty = C === Infinity ? 0 : 1 / C;
  // Without a reference class, shifting a coordinate equally in every row changes nothing;
  // for each unpenalised coordinate that freedom must be pinned down.
  const gauge = reference
    ? []
    : Array.from({ length: q }, (_, j) => j).filter((j) => j === p || penalty === 0);
  const layout: SoftmaxLayout = { n, classes, first, free, p, q, penalty, gauge };
  const decisions = new Float64Array(classes * n);
  const probs = new Float64Array(classes * n);

  /** The objective at θ; leaves θ's decisions and probabilities in place. */
  const objective = (theta: Float64Array): number => {
    for (let f = 0; f < free; f++) {
      const w = theta.subarray(f * q, f * q + p);
      linearDecision(
        columns,
        0,
        n,
        w,
        fitIntercept ? theta[f * q + p]! : 0,
        decisions,
        (first + f) * n,
      );
    }
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let top = -Infinity;
      for (let k = 0; k < classes; k++) top = Math.max(top, decisions[k * n + i]!);
      let sum = 0;
      for (let k = 0; k < classes; k++) {
        const e = Math.exp(decisions[k * n + i]! - top);
        probs[k * n + i] = e;
        sum += e;
      }
      for (let k = 0; k < classes; k++) probs[k * n + i] = probs[k * n + i]! / sum;
      loss += top + Math.log(sum) - decisions[labels[i]! * n + i]!;
    }
    let norm2 = 0;
    for (let f = 0; f < free; f++) for (let j = 0; j < p; j++) norm2 += theta[f * q + j]! ** 2;
    return loss + 0.5 * penalty * norm2;
  };

  let theta = new Float64Array(dim);
  let value = objective(theta);
  for (let iteration = 1; iteration <= maxIter; iteration++) {
    if (penalty === 0 && _separated(decisions, labels, classes, n)) throw _separatedError();
    const { gradient, hessian } = newtonSystem(layout, design, labels, probs, theta);
    const step = gradient.map((g) => -g);
    if (!choleskySolve(hessian, dim, step)) throw _singularError(penalty);
    let stepMax = 0, size = 1;
    for (let d = 0; d < dim; d++) {
      stepMax = Math.max(stepMax, Math.abs(step[d]!));
      size = Math.max(size, Math.abs(theta[d]!));
    }
    let slope = 0;
    for (let d = 0; d < dim; d++) slope += gradient[d]! * step[d]!;
    if (stepMax <= tol * size || -slope <= PURE_NEWTON) {
      for (let d = 0; d < dim; d++) theta[d] = theta[d]! + step[d]!;
      _centre(theta, q, free, gauge);
      // Newton converges quadratically: this last full step lands within rounding of the optimum.
      if (stepMax <= tol * size) {
        return _result(theta, classes, first, p, q, fitIntercept, iteration);
      }
      value = objective(theta);
      continue;
    }
    let accepted = false;
    for (let t = 1, h = 0; h < MAX_HALVINGS && !accepted; h++, t /= 2) {
      const target = value + ARMIJO * t * slope;
      if (!(target < value)) break; // the required decrease is below the rounding of the objective
      const trial = theta.map((v, d) => v + t * step[d]!);
      _centre(trial, q, free, gauge);
      const trialValue = objective(trial);
      if (trialValue <= target) {
        theta = trial;
        value = trialValue;
        accepted = true;
      }
    }
    if (!accepted) {
      throw new RatchetError(
        "invalid",
        `logistic fit stalled after ${iteration} Newton iterations: no step decreases the objective ` +
          "(Newton decrement " + (-slope).toExponential(2) +
          "); scale the inputs to similar ranges or use penalty l2",
      );
    }
  }
  throw new RatchetError(
    "invalid",
    `logistic fit did not converge in ${maxIter} Newton iterations (tol ${tol}): raise max_iter or tol` +
      (penalty === 0
        ? ", or use penalty l2: without a penalty, nearly separable classes have no finite solution"
        : ", or scale the inputs to similar ranges"),
  );
}

/** Makes each gauge coordinate sum to 0 over classes, removing drift from rounding. */
function _centre(theta: Float64Array, q: number, free: number, gauge: readonly number[]): void {
  for (const j of gauge) {
    let mean = 0;
    for (let f = 0; f < free; f++) mean += theta[f * q + j]!;
    mean /= free;
    for (let f = 0; f < free; f++) theta[f * q + j] = theta[f * q + j]! - mean;
  }
}

/** Whether every row's own class has a strictly larger decision than every other class. */
function _separated(
  decisions: Float64Array,
  labels: Int32Array,
  classes: number,
  n: number,
): boolean {
  for (let i = 0; i < n; i++) {
    const own = decisions[labels[i]! * n + i]!;
    for (let k = 0; k < classes; k++) {
      if (k !== labels[i] && !(decisions[k * n + i]! < own)) return false;
    }
  }
  return true;
}

function _separatedError(): RatchetError {
  return new RatchetError(
    "invalid",
    "Cannot fit logistic with penalty none: the classes are perfectly separated by a linear boundary, so " +
      "the likelihood has no maximum (the weights would grow without bound). Use penalty l2 and tune C",
  );
}

function _singularError(penalty: number): RatchetError {
  return new RatchetError(
    "invalid",
    penalty === 0
      ? "Cannot fit logistic with penalty none: the problem is degenerate (collinear or constant inputs, " +
        "or classes separated along some input). Remove redundant inputs or use penalty l2"
      : "Cannot fit logistic: the Hessian is not positive definite; scale the inputs or lower C",
  );
}

function _result(
  theta: Float64Array,
  classes: number,
  first: number,
  p: number,
  q: number,
  fitIntercept: boolean,
  iterations: number,
): SoftmaxFit {
  const weights = Array.from({ length: classes }, () => new Float64Array(p));
  const intercepts = new Float64Array(classes);
  for (let k = first; k < classes; k++) {
    const f = k - first;
    weights[k]!.set(theta.subarray(f * q, f * q + p));
    if (fitIntercept) intercepts[k] = theta[f * q + p]!;
  }
  return { weights, intercepts, iterations };
}
