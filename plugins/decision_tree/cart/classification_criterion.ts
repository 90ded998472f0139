/**
 * Gini and entropy (log loss) criteria over class counts.
 *
 * @module
 */
import { Criterion } from "./criterion.ts";

const LN2 = Math.log(2);

/**
 * Weighted class counts of a node and its children; the impurity is Gini or
 * entropy in bits, as scikit-learn's `Gini` and `Entropy`.
 *
 * @example
 * ```ts
 * import { ClassificationCriterion } from "./classification_criterion.ts";
 * const c = new ClassificationCriterion(Int32Array.of(0, 0, 1, 1), 2, "gini", null);
 * c.init(Int32Array.of(0, 1, 2, 3), 0, 4, 4);
 * if (c.nodeImpurity() !== 0.5) throw new Error();
 * c.update(2);
 * c.childrenImpurity();
 * if (c.impurityLeft !== 0 || c.impurityRight !== 0) throw new Error();
 * ```
 */
export class ClassificationCriterion extends Criterion {
  readonly #labels: Int32Array;
  readonly #classes: number;
  readonly #entropy: boolean;
  readonly #total: Float64Array;
  readonly #left: Float64Array;
  readonly #right: Float64Array;

  constructor(
    labels: Int32Array,
    classes: number,
    kind: "gini" | "entropy",
    weights: Float64Array | null,
  ) {
    super(weights);
    this.#labels = labels;
    this.#classes = classes;
    this.#entropy = kind === "entropy";
    this.#total = new Float64Array(classes);
    this.#left = new Float64Array(classes);
    this.#right = new Float64Array(classes);
  }

  protected accumulateTotals(): void {
    const total = this.#total,
      labels = this.#labels,
      samples = this.samples,
      weights = this.weights;
    total.fill(0);
    let wn = 0;
    for (let p = this.start; p < this.end; p++) {
      const i = samples[p]!;
      const w = weights === null ? 1 : weights[i]!;
      total[labels[i]!]! += w;
      wn += w;
    }
    this.weightedNodeSamples = wn;
  }

  reset(): void {
    this.pos = this.start;
    this.#left.fill(0);
    this.#right.set(this.#total);
    this.weightedLeft = 0;
    this.weightedRight = this.weightedNodeSamples;
  }

  update(newPos: number): void {
    const left = this.#left, labels = this.#labels, samples = this.samples, weights = this.weights;
    const end = this.end;
    let wl = this.weightedLeft;
    if (newPos - this.pos <= end - newPos) {
      for (let p = this.pos; p < newPos; p++) {
        const i = samples[p]!;
        const w = weights === null ? 1 : weights[i]!;
        left[labels[i]!]! += w;
        wl += w;
      }
    } else {
      // Reverse reset: all samples on the left, then remove those past newPos.
      left.set(this.#total);
      wl = this.weightedNodeSamples;
      for (let p = end - 1; p >= newPos; p--) {
        const i = samples[p]!;
        const w = weights === null ? 1 : weights[i]!;
        left[labels[i]!]! -= w;
        wl -= w;
      }
    }
    this.weightedLeft = wl;
    this.weightedRight = this.weightedNodeSamples - wl;
    for (let c = 0; c < this.#classes; c++) this.#right[c] = this.#total[c]! - left[c]!;
    this.pos = newPos;
  }

  nodeImpurity(): number {
    return this.#impurity(this.#total, this.weightedNodeSamples);
  }

  childrenImpurity(): void {
    this.impurityLeft = this.#impurity(this.#left, this.weightedLeft);
    this.impurityRight = this.#impurity(this.#right, this.weightedRight);
  }

  proxyImprovement(): number {
    this.childrenImpurity();
    return -this.weightedRight * this.impurityRight - this.weightedLeft * this.impurityLeft;
  }

  nodeValue(): number[] {
    return Array.from(this.#total);
  }

  #impurity(counts: Float64Array, weight: number): number {
    if (this.#entropy) {
      let entropy = 0;
      for (let c = 0; c < this.#classes; c++) {
        let share = counts[c]!;
        if (share > 0) {
          share /= weight;
          entropy -= share * (Math.log(share) / LN2);
        }
      }
      return entropy;
    }
    let sq = 0;
    for (let c = 0; c < this.#classes; c++) sq += counts[c]! * counts[c]!;
    return 1 - sq / (weight * weight);
  }
}
