/**
 * The split criterion shared by classification and regression trees: the
 * statistics of a node's samples, and of the left and right children as the
 * split position moves.
 *
 * @module
 */

/**
 * A node's statistics over `samples[start, end)` and of its children
 * `samples[start, pos)` and `samples[pos, end)`, following scikit-learn's
 * `Criterion`: the same sums, in the same order, so every impurity is the
 * same double as scikit-learn's.
 *
 * @example
 * ```ts
 * import { MseCriterion } from "./mse_criterion.ts";
 * const c = new MseCriterion(Float64Array.of(1, 2, 3, 10), null);
 * c.init(Int32Array.of(0, 1, 2, 3), 0, 4, 4);
 * c.update(3);
 * c.childrenImpurity();
 * if (c.impurityRight !== 0 || c.weightedLeft !== 3) throw new Error();
 * ```
 */
export abstract class Criterion {
  /** Sample weights, or `null` when every weight is 1. */
  protected readonly weights: Float64Array | null;
  /** The sample indices; the node is `samples[start, end)`. */
  protected samples: Int32Array = new Int32Array(0);
  protected start = 0;
  protected end = 0;
  /** Left child is `samples[start, pos)`. */
  pos = 0;
  /** Total weight of all training samples. */
  weightedSamples = 0;
  /** Weight of the node's samples. */
  weightedNodeSamples = 0;
  /** Weight of the left child. */
  weightedLeft = 0;
  /** Weight of the right child. */
  weightedRight = 0;
  /** Set by {@linkcode childrenImpurity}. */
  impurityLeft = 0;
  /** Set by {@linkcode childrenImpurity}. */
  impurityRight = 0;

  constructor(weights: Float64Array | null) {
    this.weights = weights;
  }

  /** Starts a node: totals over `samples[start, end)`, children at `pos = start`. */
  init(samples: Int32Array, start: number, end: number, weightedSamples: number): void {
    this.samples = samples;
    this.start = start;
    this.end = end;
    this.weightedSamples = weightedSamples;
    this.weightedNodeSamples = 0;
    this.accumulateTotals();
    this.reset();
  }

  /** Sums the node's statistics and `weightedNodeSamples`. */
  protected abstract accumulateTotals(): void;
  /** Children at `pos = start`. */
  abstract reset(): void;
  /** Moves `pos` to `newPos`, from whichever end is nearer, as scikit-learn does. */
  abstract update(newPos: number): void;
  /** Impurity of the whole node. */
  abstract nodeImpurity(): number;
  /** Sets {@linkcode impurityLeft} and {@linkcode impurityRight}. */
  abstract childrenImpurity(): void;
  /** A quantity ordered like the impurity improvement, cheaper to compute. */
  abstract proxyImprovement(): number;
  /** The node's value: class counts, or `[mean]`. */
  abstract nodeValue(): number[];

  /** Weighted impurity decrease of the current split, as scikit-learn computes it. */
  impurityImprovement(parent: number, left: number, right: number): number {
    const wn = this.weightedNodeSamples;
    return (wn / this.weightedSamples) *
      (parent - (this.weightedRight / wn) * right - (this.weightedLeft / wn) * left);
  }
}
