/**
 * The squared-error criterion of regression trees.
 *
 * @module
 */
import { Criterion } from "./criterion.ts";

/**
 * Weighted sums of y and y² of a node and its children; the impurity is
 * the variance, as scikit-learn's `MSE`.
 *
 * @example
 * ```ts
 * import { MseCriterion } from "./mse_criterion.ts";
 * const c = new MseCriterion(Float64Array.of(1, 3), null);
 * c.init(Int32Array.of(0, 1), 0, 2, 2);
 * if (c.nodeImpurity() !== 1 || c.nodeValue()[0] !== 2) throw new Error();
 * ```
 */
export class MseCriterion extends Criterion {
  readonly #y: Float64Array;
  #sumTotal = 0;
  #sqSumTotal = 0;
  /** Weighted sum of y over the left child. */
  protected sumLeft = 0;
  /** Weighted sum of y over the right child. */
  protected sumRight = 0;

  constructor(y: Float64Array, weights: Float64Array | null) {
    super(weights);
    this.#y = y;
  }

  protected accumulateTotals(): void {
    const y = this.#y, samples = this.samples, weights = this.weights;
    let sum = 0, sq = 0, wn = 0;
    for (let p = this.start; p < this.end; p++) {
      const i = samples[p]!;
      const w = weights === null ? 1 : weights[i]!;
      const yi = y[i]!;
      const wy = w * yi;
      sum += wy;
      sq += wy * yi;
      wn += w;
    }
    this.#sumTotal = sum;
    this.#sqSumTotal = sq;
    this.weightedNodeSamples = wn;
  }

  reset(): void {
    this.pos = this.start;
    this.sumLeft = 0;
    this.sumRight = this.#sumTotal;
    this.weightedLeft = 0;
    this.weightedRight = this.weightedNodeSamples;
  }

  update(newPos: number): void {
    const y = this.#y, samples = this.samples, weights = this.weights;
    const end = this.end;
    let sl = this.sumLeft, wl = this.weightedLeft;
    if (newPos - this.pos <= end - newPos) {
      for (let p = this.pos; p < newPos; p++) {
        const i = samples[p]!;
        const w = weights === null ? 1 : weights[i]!;
        sl += w * y[i]!;
        wl += w;
      }
    } else {
      // Reverse reset: all samples on the left, then remove those past newPos.
      sl = this.#sumTotal;
      wl = this.weightedNodeSamples;
      for (let p = end - 1; p >= newPos; p--) {
        const i = samples[p]!;
        const w = weights === null ? 1 : weights[i]!;
        sl -= w * y[i]!;
        wl -= w;
      }
    }
    this.sumLeft = sl;
    this.weightedLeft = wl;
    this.weightedRight = this.weightedNodeSamples - wl;
    this.sumRight = this.#sumTotal - sl;
    this.pos = newPos;
  }

  nodeImpurity(): number {
    const mean = this.#sumTotal / this.weightedNodeSamples;
    return this.#sqSumTotal / this.weightedNodeSamples - mean * mean;
  }

  childrenImpurity(): void {
    const y = this.#y, samples = this.samples, weights = this.weights;
    let sqLeft = 0;
    for (let p = this.start; p < this.pos; p++) {
      const i = samples[p]!;
      const w = weights === null ? 1 : weights[i]!;
      const yi = y[i]!;
      sqLeft += w * yi * yi;
    }
    const wl = this.weightedLeft, wr = this.weightedRight;
    const meanLeft = this.sumLeft / wl, meanRight = this.sumRight / wr;
    this.impurityLeft = sqLeft / wl - meanLeft * meanLeft;
    this.impurityRight = (this.#sqSumTotal - sqLeft) / wr - meanRight * meanRight;
  }

  proxyImprovement(): number {
    return (this.sumLeft * this.sumLeft) / this.weightedLeft +
      (this.sumRight * this.sumRight) / this.weightedRight;
  }

  nodeValue(): number[] {
    return [this.#sumTotal / this.weightedNodeSamples];
  }
}

/**
 * scikit-learn's `FriedmanMSE`: squared error, with splits ranked by
 * Friedman's improvement `wL·wR·(meanL − meanR)² / (wL + wR)`, the default
 * of gradient boosting.
 *
 * @example
 * ```ts
 * import { FriedmanMseCriterion } from "./mse_criterion.ts";
 * const c = new FriedmanMseCriterion(Float64Array.of(0, 0, 4, 4), null);
 * c.init(Int32Array.of(0, 1, 2, 3), 0, 4, 4);
 * c.update(2);
 * // diff = wR·sumL − wL·sumR = 2·0 − 2·8 = −16; 256 / (2·2·4) = 16
 * if (c.impurityImprovement(0, 0, 0) !== 16) throw new Error();
 * ```
 */
export class FriedmanMseCriterion extends MseCriterion {
  override proxyImprovement(): number {
    const diff = this.weightedRight * this.sumLeft - this.weightedLeft * this.sumRight;
    return (diff * diff) / (this.weightedLeft * this.weightedRight);
  }

  override impurityImprovement(_parent: number, _left: number, _right: number): number {
    const diff = this.weightedRight * this.sumLeft - this.weightedLeft * this.sumRight;
    return (diff * diff) / (this.weightedLeft * this.weightedRight * this.weightedNodeSamples);
  }
}
