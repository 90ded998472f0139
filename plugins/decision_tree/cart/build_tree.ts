/**
 * scikit-learn's depth-first tree builder (`DepthFirstTreeBuilder` with
 * `BestSplitter`), producing a `decision_tree` coefficient block.
 *
 * @module
 */
import type { TreeCoefficients } from "../tree_coefficients.ts";
import { BestSplitter } from "./best_splitter.ts";
import { ClassificationCriterion } from "./classification_criterion.ts";
import type { Criterion } from "./criterion.ts";
import { FriedmanMseCriterion, MseCriterion } from "./mse_criterion.ts";
import { SplitterRandom } from "./splitter_random.ts";

/** Impurities at or below this are pure: the double machine epsilon, as scikit-learn. */
const EPSILON = 2.220446049250313e-16;

/** How to grow a tree; every field is resolved (no defaults, no fractions of features). */
export interface TreeBuildOptions {
  /** `gini` and `entropy` need `classes ≥ 2`; `squared_error` and `friedman_mse` are regression. */
  readonly criterion: "gini" | "entropy" | "squared_error" | "friedman_mse";
  /** Number of classes; ignored for regression. */
  readonly classes: number;
  /** Deepest level a node may be split at; `Infinity` for no limit. */
  readonly maxDepth: number;
  /** Fewest samples a node needs to be split (a count, not a fraction). */
  readonly minSamplesSplit: number;
  /** Fewest samples each side of a split must keep. */
  readonly minSamplesLeaf: number;
  /** Minimum weight of a leaf (an absolute weight, not a fraction). */
  readonly minWeightLeaf: number;
  /** Least weighted impurity decrease a split must bring (`min_impurity_decrease`). */
  readonly minImpurityDecrease: number;
  /** Features drawn per node, 1…number of inputs. */
  readonly maxFeatures: number;
  /** The splitter's random state (scikit-learn's per-tree `rand_r_state`, below `RAND_R_MAX`). */
  readonly seed: number;
}

interface _Pending {
  start: number;
  end: number;
  depth: number;
  parent: number;
  isLeft: boolean;
  impurity: number;
  constantFeatures: number;
}

/**
 * Grows a tree on `x` (float32 columns, as scikit-learn casts its input)
 * and `target` (class index or value), with optional sample weights
 * (samples of weight 0 are left out, as scikit-learn does). Nodes are
 * numbered in scikit-learn's order; classifier values are class
 * probabilities.
 *
 * @example
 * ```ts
 * import { buildTree } from "./build_tree.ts";
 * const x = [Float32Array.of(1, 2, 3, 4)];
 * const tree = buildTree(x, Float64Array.of(0, 0, 1, 1), {
 *   criterion: "gini", classes: 2, maxDepth: Infinity, minSamplesSplit: 2, minSamplesLeaf: 1,
 *   minWeightLeaf: 0, minImpurityDecrease: 0, maxFeatures: 1, seed: 1,
 * });
 * if (tree.threshold[0] !== 2.5 || tree.value[tree.right[0]!]![1] !== 1) throw new Error();
 * ```
 */
export function buildTree(
  x: readonly Float32Array[],
  target: Float64Array,
  options: TreeBuildOptions,
  weights: Float64Array | null = null,
): TreeCoefficients {
  const n = target.length;
  let kept = 0, weightedSamples = 0;
  const samples = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (weights === null || weights[i] !== 0) samples[kept++] = i;
    weightedSamples += weights === null ? 1 : weights[i]!;
  }
  const rows = samples.subarray(0, kept);
  const criterion = _criterion(options, target, weights);
  const classifier = criterion instanceof ClassificationCriterion;
  const splitter = new BestSplitter(x, rows, criterion, new SplitterRandom(options.seed), options);
  const minSamplesSplit = Math.max(options.minSamplesSplit, 2 * options.minSamplesLeaf);

  const tree = {
    left: [] as number[],
    right: [] as number[],
    feature: [] as number[],
    threshold: [] as number[],
    value: [] as number[][],
  };
  const stack: _Pending[] = [{
    start: 0,
    end: kept,
    depth: 0,
    parent: -1,
    isLeft: false,
    impurity: Infinity,
    constantFeatures: 0,
  }];
  let first = true;
  while (stack.length > 0) {
    const node = stack.pop()!;
    const { start, end, depth } = node;
    criterion.init(rows, start, end, weightedSamples);
    const count = end - start;
    let isLeaf = depth >= options.maxDepth || count < minSamplesSplit ||
      count < 2 * options.minSamplesLeaf ||
      criterion.weightedNodeSamples < 2 * options.minWeightLeaf;
    let impurity = node.impurity;
    if (first) {
      impurity = criterion.nodeImpurity();
      first = false;
    }
    isLeaf ||= impurity <= EPSILON;
    const split = isLeaf ? undefined : splitter.split(start, end, impurity, node.constantFeatures);
    if (split) {
      isLeaf = split.pos >= end || split.improvement + EPSILON < options.minImpurityDecrease;
    }

    const id = tree.left.length;
    if (node.parent >= 0) (node.isLeft ? tree.left : tree.right)[node.parent] = id;
    tree.left.push(-1);
    tree.right.push(-1);
    tree.feature.push(isLeaf ? -1 : split!.feature);
    tree.threshold.push(isLeaf ? -2 : split!.threshold);
    tree.value.push(classifier ? _probabilities(criterion.nodeValue()) : criterion.nodeValue());
    if (!isLeaf) {
      const s = split!;
      const next = { depth: depth + 1, parent: id, constantFeatures: s.constantFeatures };
      stack.push({ ...next, start: s.pos, end, isLeft: false, impurity: s.impurityRight });
      stack.push({ ...next, start, end: s.pos, isLeft: true, impurity: s.impurityLeft });
    }
  }
  return tree;
}

function _criterion(
  options: TreeBuildOptions,
  target: Float64Array,
  weights: Float64Array | null,
): Criterion {
  switch (options.criterion) {
    case "gini":
    case "entropy":
      return new ClassificationCriterion(
        Int32Array.from(target),
        options.classes,
        options.criterion,
        weights,
      );
    case "friedman_mse":
      return new FriedmanMseCriterion(target, weights);
    case "squared_error":
      return new MseCriterion(target, weights);
  }
}

/** Class counts as the probabilities scikit-learn's `predict_proba` gives for the node. */
function _probabilities(counts: number[]): number[] {
  let total = 0;
  for (const c of counts) total += c;
  return counts.map((c) => (total === 0 ? c : c / total));
}
