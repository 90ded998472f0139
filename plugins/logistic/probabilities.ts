/**
 * Turning decisions into class probabilities exactly as scikit-learn 1.2's
 * `LogisticRegression.predict_proba` does, without overflow for any finite
 * decision.
 *
 * @module
 */
import type { LogisticLink } from "./coefficients.ts";

/**
 * Rewrites, in `buf`, the decisions at `base + k·stride` into class
 * probabilities at the same places. Binary models (2 classes) read their one
 * decision from the second slot. The batch path passes `stride = n`, the row
 * path `stride = 1`; both run this same code, so they agree bit for bit.
 */
export type ProbabilityTransform = (buf: Float64Array, base: number, stride: number) => void;

/** Below this largest one-vs-rest decision every sigmoid equals its exp, which may underflow to 0. */
const OVR_UNDERFLOW = -700;

/**
 * The transform for a link and number of classes:
 * - binary, ovr: `p1 = expit(d)`, `[1 − p1, p1]`;
 * - binary, multinomial: `softmax([−d, d])`;
 * - multinomial: `softmax(d)`, shifted by the largest decision;
 * - ovr: `expit(d_k) / Σ expit(d_j)`; when every decision is below −700 the
 *   sigmoids equal `exp(d_k)` to the last bit but may underflow to 0/0, so
 *   the (then identical) softmax is used instead.
 *
 * @example
 * ```ts
 * import { probabilityTransform } from "./probabilities.ts";
 * const buf = new Float64Array([0, 0]); // binary: the decision sits in slot 1
 * probabilityTransform("ovr", 2)(buf, 0, 1);
 * if (buf[0] !== 0.5 || buf[1] !== 0.5) throw new Error(String(buf));
 * const three = new Float64Array([1e6, -1e6, 0]);
 * probabilityTransform("multinomial", 3)(three, 0, 1);
 * if (three[0] !== 1 || three[1] !== 0) throw new Error(String(three));
 * ```
 */
export function probabilityTransform(link: LogisticLink, classes: number): ProbabilityTransform {
  if (classes === 2) return link === "ovr" ? _binaryOvr : _binaryMultinomial;
  return link === "ovr"
    ? (buf, base, stride) => _ovr(buf, base, stride, classes)
    : (buf, base, stride) => _softmax(buf, base, stride, classes);
}

/**
 * The logistic sigmoid `1 / (1 + e^−x)`, in a form that keeps full relative
 * precision for negative `x` and never overflows.
 *
 * @example
 * ```ts
 * import { expit } from "./probabilities.ts";
 * if (expit(0) !== 0.5 || expit(-1000) !== 0 || expit(1000) !== 1) throw new Error();
 * ```
 */
export function expit(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

function _binaryOvr(buf: Float64Array, base: number, stride: number): void {
  const p1 = expit(buf[base + stride]!);
  buf[base] = 1 - p1;
  buf[base + stride] = p1;
}

function _binaryMultinomial(buf: Float64Array, base: number, stride: number): void {
  const d = buf[base + stride]!;
  const top = Math.abs(d); // max(−d, d)
  const e0 = Math.exp(-d - top);
  const e1 = Math.exp(d - top);
  const sum = e0 + e1;
  buf[base] = e0 / sum;
  buf[base + stride] = e1 / sum;
}

function _softmax(buf: Float64Array, base: number, stride: number, classes: number): void {
  let top = -Infinity;
  for (let k = 0; k < classes; k++) top = Math.max(top, buf[base + k * stride]!);
  let sum = 0;
  for (let k = 0; k < classes; k++) {
    const e = Math.exp(buf[base + k * stride]! - top);
    buf[base + k * stride] = e;
    sum += e;
  }
  for (let k = 0; k < classes; k++) buf[base + k * stride] = buf[base + k * stride]! / sum;
}

function _ovr(buf: Float64Array, base: number, stride: number, classes: number): void {
  let top = -Infinity;
  for (let k = 0; k < classes; k++) top = Math.max(top, buf[base + k * stride]!);
  if (top < OVR_UNDERFLOW) return _softmax(buf, base, stride, classes);
  let sum = 0;
  for (let k = 0; k < classes; k++) {
    const e = expit(buf[base + k * stride]!);
    buf[base + k * stride] = e;
    sum += e;
  }
  for (let k = 0; k < classes; k++) buf[base + k * stride] = buf[base + k * stride]! / sum;
}

/**
 * This module's definitions as a plugin's `toJS` embeds them (see
 * `jsPredictor` in core/contract).
 *
 * @example
 * ```ts
 * import { PROBABILITIES_JS } from "./probabilities.ts";
 * import { jsSource } from "../../core/contract/mod.ts";
 * const transform = new Function(`${jsSource(PROBABILITIES_JS)}\nreturn probabilityTransform;`)();
 * const buf = new Float64Array([0, 0]);
 * transform("ovr", 2)(buf, 0, 1);
 * if (buf[1] !== 0.5) throw new Error();
 * ```
 */
export const PROBABILITIES_JS = {
  OVR_UNDERFLOW,
  probabilityTransform,
  expit,
  _binaryOvr,
  _binaryMultinomial,
  _softmax,
  _ovr,
};
