/**
 * The `decision_tree` coefficient block and its validation. Random forests
 * and gradient boosting hold blocks of the same form.
 *
 * @module
 */
import { CoefficientReader, type ModelShape } from "../../core/contract/mod.ts";

/**
 * One tree as parallel arrays, node 0 the root. A leaf has `left = right =
 * -1` (its feature and threshold are ignored; scikit-learn writes -2); an
 * internal node sends a row left when `Math.fround(x[feature]) <= threshold`.
 * `value[node]` holds class probabilities for classifiers, `[value]` for
 * regression.
 */
export interface TreeCoefficients {
  /** Per node, the index of its left child, or -1 for a leaf. */
  readonly left: number[];
  /** Per node, the index of its right child, or -1 for a leaf. */
  readonly right: number[];
  /** Per node, the input index it tests. */
  readonly feature: number[];
  /** Per node, the split value: rows at or below it go left. */
  readonly threshold: number[];
  /** Per node, its class probabilities or `[value]`. */
  readonly value: number[][];
}

/**
 * The values per node of a tree for a model shape: class probabilities for
 * classifiers, one value for regression.
 *
 * @example
 * ```ts
 * import { treeWidth } from "./tree_coefficients.ts";
 * if (treeWidth({ task: "multiclass", inputs: [], classes: 3 }) !== 3) throw new Error();
 * ```
 */
export function treeWidth(shape: ModelShape): number {
  return shape.task === "regression" ? 1 : shape.classes;
}

/** Sum of probabilities may differ from 1 by rounding in the exporter, not more. */
const PROBABILITY_SUM_TOLERANCE = 1e-9;

/**
 * Reads and checks one tree: equal array lengths, children in range forming
 * a tree (every node reached exactly once from the root: no cycle, no shared
 * or orphan node), feature indices below the number of inputs, `width`
 * values per node, and (when `probabilities`) values in [0, 1] summing to 1.
 * Errors name the JSON path. Returns plain arrays.
 *
 * @example
 * ```ts
 * import { CoefficientReader } from "../../core/contract/mod.ts";
 * import { readTree } from "./tree_coefficients.ts";
 * const shape = { task: "regression", inputs: ["x"], classes: 1 } as const;
 * const stump = { left: [1, -1, -1], right: [2, -1, -1], feature: [0, -2, -2], threshold: [0.5, -2, -2], value: [[1], [0], [2]] };
 * readTree(new CoefficientReader(stump), shape, 1, false);
 * let msg = "";
 * try { readTree(new CoefficientReader({ ...stump, right: [0, -1, -1] }), shape, 1, false); } catch (e) { msg = String(e); }
 * if (!msg.includes("$.coefficients.right[0]")) throw new Error(msg);
 * ```
 */
export function readTree(
  c: CoefficientReader,
  shape: ModelShape,
  width: number,
  probabilities: boolean,
): TreeCoefficients {
  c.object(["left", "right", "feature", "threshold", "value"]);
  const leftReader = c.field("left");
  const m = Array.isArray(leftReader.value) ? leftReader.value.length : 0;
  if (m === 0 && Array.isArray(leftReader.value)) {
    throw leftReader.fail("a tree needs at least its root node");
  }
  const why = "one per node, as many as left has";
  const left = leftReader.ints(undefined, -1, m - 1);
  const right = c.field("right").ints(m, -1, m - 1, why);
  const p = shape.inputs.length;
  const feature = c.field("feature").ints(m, -2, p - 1, why);
  const threshold = c.field("threshold").numbers(m, why);
  const valueReader = c.field("value");
  const value = valueReader.matrix(
    m,
    width,
    width === 1 ? "one value per node" : `${width} class probabilities per node`,
  );

  const seen = new Uint8Array(m);
  seen[0] = 1;
  const stack = [0];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const l = left[node]!, r = right[node]!;
    if ((l === -1) !== (r === -1)) {
      throw _at(c, "left", node).fail(
        `node ${node} has one child (left ${l}, right ${r}); a node has two children, or none for a leaf (left = right = -1)`,
      );
    }
    if (l === -1) continue;
    if (feature[node]! < 0) {
      throw _at(c, "feature", node).fail(
        `internal node ${node} needs a feature index in [0, ${p - 1}], found ${feature[node]}`,
      );
    }
    for (const [side, child] of [["left", l], ["right", r]] as const) {
      if (seen[child]) {
        throw _at(c, side, node).fail(
          `node ${child} is reached twice (a cycle or a shared child); the children must form a tree rooted at node 0`,
        );
      }
      seen[child] = 1;
      stack.push(child);
    }
  }
  const orphan = seen.indexOf(0);
  if (orphan >= 0) {
    throw _at(c, "left", orphan).fail(`node ${orphan} is not reachable from the root node 0`);
  }

  if (probabilities) {
    for (let i = 0; i < m; i++) {
      let sum = 0;
      for (const v of value[i]!) {
        if (v < 0 || v > 1) {
          throw _at(c, "value", i).fail(`class probabilities must be in [0, 1], found ${v}`);
        }
        sum += v;
      }
      if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
        throw _at(c, "value", i).fail(`class probabilities must sum to 1, found ${sum}`);
      }
    }
  }
  return {
    left: Array.from(left),
    right: Array.from(right),
    feature: Array.from(feature),
    threshold: Array.from(threshold),
    value: value.map((v) => Array.from(v)),
  };
}

function _at(c: CoefficientReader, key: string, index: number): CoefficientReader {
  const item = (c.value as Record<string, unknown[]>)[key]![index];
  return new CoefficientReader(item, [...c.path, key, index]);
}
