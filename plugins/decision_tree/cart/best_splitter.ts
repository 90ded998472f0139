/**
 * scikit-learn's `BestSplitter`: the best split of a node over a random
 * subset of features.
 *
 * @module
 */
import type { Criterion } from "./criterion.ts";
import { sortSamples } from "./introsort.ts";
import type { SplitterRandom } from "./splitter_random.ts";

/** Values closer than this (in float32) count as equal: scikit-learn's `FEATURE_THRESHOLD`. */
const FEATURE_THRESHOLD = Math.fround(1e-7);

/** The outcome of {@linkcode BestSplitter.split}; `pos === end` means no valid split. */
export interface Split {
  pos: number;
  feature: number;
  threshold: number;
  improvement: number;
  impurityLeft: number;
  impurityRight: number;
  /** Features known constant in the children. */
  constantFeatures: number;
}

/** What bounds the search. */
export interface SplitterOptions {
  /** Features drawn per node (scikit-learn's `max_features_`). */
  readonly maxFeatures: number;
  readonly minSamplesLeaf: number;
  /** Minimum weight of a child. */
  readonly minWeightLeaf: number;
}

/**
 * Finds the best split of `samples[start, end)`, reordering `samples` so the
 * left child comes first. Keeps scikit-learn's state between nodes (the
 * feature permutation, the known-constant features, the random state), as
 * those decide which of two equally good splits is chosen.
 *
 * @example
 * ```ts
 * import { BestSplitter } from "./best_splitter.ts";
 * import { MseCriterion } from "./mse_criterion.ts";
 * import { SplitterRandom } from "./splitter_random.ts";
 * const x = [Float32Array.of(1, 2, 3, 4)], samples = Int32Array.of(0, 1, 2, 3);
 * const crit = new MseCriterion(Float64Array.of(0, 0, 5, 5), null);
 * const s = new BestSplitter(x, samples, crit, new SplitterRandom(1), { maxFeatures: 1, minSamplesLeaf: 1, minWeightLeaf: 0 });
 * crit.init(samples, 0, 4, 4);
 * const split = s.split(0, 4, crit.nodeImpurity(), 0);
 * if (split.pos !== 2 || split.threshold !== 2.5) throw new Error(JSON.stringify(split));
 * ```
 */
export class BestSplitter {
  readonly #x: readonly Float32Array[];
  readonly #samples: Int32Array;
  readonly #criterion: Criterion;
  readonly #random: SplitterRandom;
  readonly #options: SplitterOptions;
  readonly #features: Int32Array;
  readonly #constant: Int32Array;
  readonly #values: Float32Array;
  readonly #best: Split = _emptySplit();

  constructor(
    x: readonly Float32Array[],
    samples: Int32Array,
    criterion: Criterion,
    random: SplitterRandom,
    options: SplitterOptions,
  ) {
    this.#x = x;
    this.#samples = samples;
    this.#criterion = criterion;
    this.#random = random;
    this.#options = options;
    this.#features = Int32Array.from({ length: x.length }, (_, j) => j);
    this.#constant = new Int32Array(x.length);
    this.#values = new Float32Array(samples.length);
  }

  /**
   * The best split of the node the criterion was initialised on. The
   * returned object is reused by the next call.
   */
  split(start: number, end: number, impurity: number, knownConstants: number): Split {
    const features = this.#features,
      samples = this.#samples,
      xf = this.#values,
      crit = this.#criterion;
    const { maxFeatures, minSamplesLeaf, minWeightLeaf } = this.#options;
    const best = this.#best;
    best.pos = end;
    best.feature = 0;
    best.threshold = 0;
    best.improvement = -Infinity;
    best.impurityLeft = best.impurityRight = Infinity;
    let bestProxy = -Infinity;
    let fi = features.length, visited = 0, found = 0, drawn = 0, total = knownConstants;

    // Fisher–Yates draws without replacement; features[0, total) are known constant.
    while (fi > total && (visited < maxFeatures || visited <= found + drawn)) {
      visited++;
      let fj = this.#random.int(drawn, fi - found);
      if (fj < knownConstants) {
        _swap(features, drawn, fj);
        drawn++;
        continue;
      }
      fj += found;
      const feature = features[fj]!;
      const column = this.#x[feature]!;
      for (let p = start; p < end; p++) xf[p] = column[samples[p]!]!;
      sortSamples(xf, samples, start, end - start);
      if (xf[end - 1]! <= Math.fround(xf[start]! + FEATURE_THRESHOLD)) {
        _swap(features, fj, total);
        found++;
        total++;
        continue;
      }
      fi--;
      _swap(features, fi, fj);

      crit.reset();
      let p = start;
      while (p < end) {
        while (p + 1 < end && xf[p + 1]! <= Math.fround(xf[p]! + FEATURE_THRESHOLD)) p++;
        p++;
        if (p >= end) continue;
        if (p - start < minSamplesLeaf || end - p < minSamplesLeaf) continue;
        crit.update(p);
        if (crit.weightedLeft < minWeightLeaf || crit.weightedRight < minWeightLeaf) continue;
        const proxy = crit.proxyImprovement();
        if (proxy > bestProxy) {
          bestProxy = proxy;
          // Sum of halves avoids overflow; a midpoint that rounds up to the
          // upper value would send it left, so the lower value is used instead.
          let threshold = xf[p - 1]! / 2 + xf[p]! / 2;
          if (threshold === xf[p]! || threshold === Infinity || threshold === -Infinity) {
            threshold = xf[p - 1]!;
          }
          best.pos = p;
          best.feature = feature;
          best.threshold = threshold;
        }
      }
    }

    if (best.pos < end) {
      const column = this.#x[best.feature]!;
      let partitionEnd = end;
      for (let p = start; p < partitionEnd;) {
        if (column[samples[p]!]! <= best.threshold) {
          p++;
        } else {
          partitionEnd--;
          _swap(samples, p, partitionEnd);
        }
      }
      crit.reset();
      crit.update(best.pos);
      crit.childrenImpurity();
      best.impurityLeft = crit.impurityLeft;
      best.impurityRight = crit.impurityRight;
      best.improvement = crit.impurityImprovement(impurity, best.impurityLeft, best.impurityRight);
    }

    // Children inherit the known constants in their original order, then the new ones.
    const constant = this.#constant;
    for (let k = 0; k < knownConstants; k++) features[k] = constant[k]!;
    for (let k = knownConstants; k < knownConstants + found; k++) constant[k] = features[k]!;
    best.constantFeatures = total;
    return best;
  }
}

function _emptySplit(): Split {
  return {
    pos: 0,
    feature: 0,
    threshold: 0,
    improvement: -Infinity,
    impurityLeft: Infinity,
    impurityRight: Infinity,
    constantFeatures: 0,
  };
}

function _swap(a: Int32Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
