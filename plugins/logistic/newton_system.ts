/**
 * The gradient and Hessian of the penalised softmax log-loss: the linear
 * system one Newton step solves.
 *
 * @module
 */

/**
 * How a softmax model's parameters θ are laid out: `free` rows (classes
 * `first…classes−1`), each of `q` coordinates, the `p` input weights then
 * the intercept when there is one; θ[f·q + j].
 */
export interface SoftmaxLayout {
  readonly n: number;
  readonly classes: number;
  /** 1 when class 0 is the reference (its decision fixed at 0), else 0. */
  readonly first: number;
  readonly free: number;
  readonly p: number;
  readonly q: number;
  /** 1/C, or 0 without penalty; applies to the p weights of each row, never the intercept. */
  readonly penalty: number;
  /** Coordinates whose common shift over all rows leaves the objective unchanged. */
  readonly gauge: readonly number[];
}

/**
 * Builds the gradient and the Hessian (`dim × dim`, row-major, dim = free·q)
 * at θ, given the class probabilities at θ (class-major, `probs[k·n + i]`)
 * and the design columns (the inputs, then a column of ones for the
 * intercept). For each gauge coordinate `μ·11ᵀ` is added over the rows: the
 * gradient is orthogonal to those directions, so the Newton step is
 * unchanged, but the system becomes positive definite and its solution sums
 * to 0 over the rows.
 *
 * @example
 * ```ts
 * import { newtonSystem } from "./newton_system.ts";
 * // Binary, intercept only, two rows of classes 0 and 1, both at p = 0.5:
 * // gradient Σ(p − y) = 0, Hessian Σ p(1 − p) = 0.5.
 * const layout = { n: 2, classes: 2, first: 1, free: 1, p: 0, q: 1, penalty: 0, gauge: [] };
 * const probs = new Float64Array([0.5, 0.5, 0.5, 0.5]);
 * const { gradient, hessian } = newtonSystem(layout, [new Float64Array([1, 1])], new Int32Array([0, 1]), probs, new Float64Array(1));
 * if (gradient[0] !== 0 || hessian[0] !== 0.5) throw new Error();
 * ```
 */
export function newtonSystem(
  layout: SoftmaxLayout,
  design: readonly Float64Array[],
  labels: Int32Array,
  probs: Float64Array,
  theta: Float64Array,
): { gradient: Float64Array; hessian: Float64Array } {
  const { n, first, free, p, q, penalty } = layout;
  const dim = free * q;
  const gradient = new Float64Array(dim);
  const hessian = new Float64Array(dim * dim);
  const v = new Float64Array(n);
  const scaled = new Float64Array(n);
  for (let f = 0; f < free; f++) {
    const k = first + f;
    for (let i = 0; i < n; i++) v[i] = probs[k * n + i]! - (labels[i] === k ? 1 : 0);
    for (let j = 0; j < q; j++) {
      gradient[f * q + j] = _dot(v, design[j]!, n) + (j < p ? penalty * theta[f * q + j]! : 0);
    }
    for (let g = f; g < free; g++) {
      const l = first + g;
      for (let i = 0; i < n; i++) {
        v[i] = probs[k * n + i]! * ((k === l ? 1 : 0) - probs[l * n + i]!);
      }
      _addBlock(hessian, dim, design, v, scaled, n, f * q, g * q);
    }
    for (let j = 0; j < p; j++) _add(hessian, (f * q + j) * (dim + 1), penalty);
  }
  _pinGauge(hessian, layout);
  return { gradient, hessian };
}

function _dot(a: Float64Array, b: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

function _add(a: Float64Array, at: number, x: number): void {
  a[at] = a[at]! + x;
}

/** Writes `Σ_i v_i x_ia x_ib` at rows `r0 + a`, columns `c0 + b`, and at the symmetric places. */
function _addBlock(
  hessian: Float64Array,
  dim: number,
  design: readonly Float64Array[],
  v: Float64Array,
  scaled: Float64Array,
  n: number,
  r0: number,
  c0: number,
): void {
  const q = design.length;
  for (let a = 0; a < q; a++) {
    const xa = design[a]!;
    for (let i = 0; i < n; i++) scaled[i] = v[i]! * xa[i]!;
    for (let b = a; b < q; b++) {
      const h = _dot(scaled, design[b]!, n);
      hessian[(r0 + a) * dim + c0 + b] = h;
      hessian[(c0 + b) * dim + r0 + a] = h;
      hessian[(r0 + b) * dim + c0 + a] = h;
      hessian[(c0 + a) * dim + r0 + b] = h;
    }
  }
}

/** Adds `μ·11ᵀ` over the rows for each gauge coordinate, μ the mean of its diagonal entries. */
function _pinGauge(hessian: Float64Array, layout: SoftmaxLayout): void {
  const { free, q } = layout;
  const dim = free * q;
  for (const j of layout.gauge) {
    let mu = 0;
    for (let f = 0; f < free; f++) mu += hessian[(f * q + j) * (dim + 1)]!;
    mu = mu > 0 ? mu / free : 1;
    for (let f = 0; f < free; f++) {
      for (let g = 0; g < free; g++) _add(hessian, (f * q + j) * dim + g * q + j, mu);
    }
  }
}
