/**
 * Trees flattened into typed arrays for fast prediction.
 *
 * @module
 */
import { invalid } from "../../core/errors/mod.ts";
import type { TreeCoefficients } from "./tree_coefficients.ts";

/** How a forest's trees feed the outputs. */
export interface FlatForestOptions {
  /** Output index of each tree's first value (default 0 for every tree). */
  readonly slots?: readonly number[];
  /** Multiplies every leaf value (a learning rate), once, at compile time. */
  readonly scale?: number;
}

/** Rows converted to float32 at a time: about 4 MB of inputs, which stays in cache across trees. */
const _BLOCK_VALUES = 1 << 20;

/**
 * Deeper trees descend one row at a time and stop at the leaf: stepping
 * every row the full depth of a lopsided tree would cost more than the
 * mispredicted branches it saves.
 */
const _MAX_LOCKSTEP_DEPTH = 64;

/**
 * Any number of trees as flat typed arrays, every node of every tree in one
 * index space. Node `j` has `feature[j]`, `threshold[j]`, its children at
 * `children[2j]` (left) and `children[2j + 1]` (right), and its values at
 * `values[j * width]`. A leaf is its own left and right child, so a row
 * descends exactly the tree's depth in steps without testing for leaves:
 * the steps are branch-free, and eight rows descend side by side, which
 * keeps the processor busy while each waits for memory (trees deeper than
 * 64 levels descend a row at a time and stop at the leaf). Prediction adds
 * each tree's leaf values to the outputs, in tree order.
 *
 * @example
 * ```ts
 * import { FlatForest } from "./flat_forest.ts";
 * const stump = { left: [1, -1, -1], right: [2, -1, -1], feature: [0, -1, -1], threshold: [0.5, -2, -2], value: [[1], [10], [20]] };
 * const forest = new FlatForest([stump, stump], 1, 1);
 * const out = new Float64Array(2);
 * forest.addBatch([Float64Array.of(0, 1)], 2, out);
 * if (out[0] !== 20 || out[1] !== 40) throw new Error(String(out));
 * ```
 */
export class FlatForest {
  /** Number of trees. */
  readonly size: number;
  /** Values per leaf. */
  readonly width: number;
  /** Number of inputs. */
  readonly inputs: number;
  /** Values per row the trees write to: the highest slot plus `width`. */
  readonly outputs: number;
  readonly #roots: Int32Array;
  readonly #depths: Int32Array;
  readonly #slots: Int32Array;
  readonly #feature: Int32Array;
  readonly #threshold: Float64Array;
  readonly #children: Int32Array;
  readonly #values: Float64Array;
  readonly #ends = new Int32Array(8);

  /** Flattens `trees` (`width` values per leaf, `inputs` columns), placed and scaled by `options`. */
  constructor(
    trees: readonly TreeCoefficients[],
    width: number,
    inputs: number,
    options: FlatForestOptions = {},
  ) {
    this.size = trees.length;
    this.width = width;
    this.inputs = inputs;
    const scale = options.scale ?? 1;
    const nodes = trees.reduce((sum, t) => sum + t.left.length, 0);
    this.#roots = new Int32Array(trees.length);
    this.#depths = new Int32Array(trees.length);
    this.#slots = Int32Array.from(options.slots ?? trees.map(() => 0));
    this.outputs = this.#slots.reduce((m, s) => Math.max(m, s), 0) + width;
    this.#feature = new Int32Array(nodes);
    this.#threshold = new Float64Array(nodes);
    this.#children = new Int32Array(2 * nodes);
    this.#values = new Float64Array(nodes * width);
    let first = 0;
    trees.forEach((t, k) => {
      const depth = new Int32Array(t.left.length);
      let deepest = 0;
      for (let i = 0; i < t.left.length; i++) {
        const j = first + i;
        if (t.left[i] === -1) {
          this.#children[2 * j] = this.#children[2 * j + 1] = j;
          for (let c = 0; c < width; c++) this.#values[j * width + c] = scale * t.value[i]![c]!;
        } else {
          this.#feature[j] = t.feature[i]!;
          this.#threshold[j] = t.threshold[i]!;
          this.#children[2 * j] = first + t.left[i]!;
          this.#children[2 * j + 1] = first + t.right[i]!;
        }
      }
      // Depth of each node, walking down from the root (children may precede parents).
      const stack = [0];
      while (stack.length > 0) {
        const i = stack.pop()!;
        if (t.left[i] === -1) continue;
        for (const child of [t.left[i]!, t.right[i]!]) {
          depth[child] = depth[i]! + 1;
          deepest = Math.max(deepest, depth[child]!);
          stack.push(child);
        }
      }
      this.#roots[k] = first;
      this.#depths[k] = deepest;
      first += t.left.length;
    });
  }

  /**
   * Adds every tree's leaf values for `n` rows to `out` (output-major: value
   * `c` of a tree in slot `s` goes to `out[(s + c) * n + i]`). Inputs are
   * rounded to float32 once, a block of rows at a time, and each tree runs
   * over the whole block, so the tree and the block stay in cache.
   */
  addBatch(columns: readonly Float64Array[], n: number, out: Float64Array): void {
    this.#checkBatch(columns, n, out);
    const p = this.inputs;
    const block = Math.max(8, Math.min(n, Math.floor(_BLOCK_VALUES / Math.max(1, p))));
    const x = new Float32Array(block * p);
    for (let i0 = 0; i0 < n; i0 += block) {
      const rows = Math.min(block, n - i0);
      for (let f = 0; f < p; f++) {
        const column = columns[f]!;
        for (let i = 0, at = f; i < rows; i++, at += p) x[at] = column[i0 + i]!;
      }
      for (let t = 0; t < this.size; t++) {
        this.#addTree(t, x, rows, out, this.#slots[t]! * n + i0, n);
      }
    }
  }

  /** Adds tree `t`'s values for the `rows` rows of `x` (row-major) to `out[first + i + c·n]`. */
  #addTree(
    t: number,
    x: Float32Array,
    rows: number,
    out: Float64Array,
    first: number,
    n: number,
  ): void {
    const p = this.inputs, width = this.width, ends = this.#ends;
    const feature = this.#feature,
      threshold = this.#threshold,
      children = this.#children,
      values = this.#values;
    const root = this.#roots[t]!, depth = this.#depths[t]!;
    let i = 0;
    if (depth > _MAX_LOCKSTEP_DEPTH) {
      for (; i < rows; i++) {
        const b = i * p;
        let j = root, next = root;
        do {
          j = next;
          next = children[2 * j + Number(!(x[b + feature[j]!]! <= threshold[j]!))]!;
        } while (next !== j);
        const leaf = j * width;
        for (let c = 0, at = first + i; c < width; c++, at += n) out[at]! += values[leaf + c]!;
      }
      return;
    }
    // `Number(!(x <= t))` is 0 (left) or 1 (right) without a branch; NaN goes right.
    for (; i + 8 <= rows; i += 8) {
      const b0 = i * p,
        b1 = b0 + p,
        b2 = b1 + p,
        b3 = b2 + p,
        b4 = b3 + p,
        b5 = b4 + p,
        b6 = b5 + p,
        b7 = b6 + p;
      let j0 = root, j1 = root, j2 = root, j3 = root, j4 = root, j5 = root, j6 = root, j7 = root;
      for (let d = 0; d < depth; d++) {
        j0 = children[2 * j0 + Number(!(x[b0 + feature[j0]!]! <= threshold[j0]!))]!;
        j1 = children[2 * j1 + Number(!(x[b1 + feature[j1]!]! <= threshold[j1]!))]!;
        j2 = children[2 * j2 + Number(!(x[b2 + feature[j2]!]! <= threshold[j2]!))]!;
        j3 = children[2 * j3 + Number(!(x[b3 + feature[j3]!]! <= threshold[j3]!))]!;
        j4 = children[2 * j4 + Number(!(x[b4 + feature[j4]!]! <= threshold[j4]!))]!;
        j5 = children[2 * j5 + Number(!(x[b5 + feature[j5]!]! <= threshold[j5]!))]!;
        j6 = children[2 * j6 + Number(!(x[b6 + feature[j6]!]! <= threshold[j6]!))]!;
        j7 = children[2 * j7 + Number(!(x[b7 + feature[j7]!]! <= threshold[j7]!))]!;
      }
      ends[0] = j0,
        ends[1] = j1,
        ends[2] = j2,
        ends[3] = j3,
        ends[4] = j4,
        ends[5] = j5,
        ends[6] = j6,
        ends[7] = j7;
      for (let r = 0; r < 8; r++) {
        const leaf = ends[r]! * width;
        for (let c = 0, at = first + i + r; c < width; c++, at += n) out[at]! += values[leaf + c]!;
      }
    }
    for (; i < rows; i++) {
      const b = i * p;
      let j = root;
      for (let d = 0; d < depth; d++) {
        j = children[2 * j + Number(!(x[b + feature[j]!]! <= threshold[j]!))]!;
      }
      const leaf = j * width;
      for (let c = 0, at = first + i; c < width; c++, at += n) out[at]! += values[leaf + c]!;
    }
  }

  /** Adds every tree's leaf values for one row to `out` (value `c` of slot `s` at `out[s + c]`). */
  addRow(row: ArrayLike<number>, out: Float64Array): void {
    const width = this.width, feature = this.#feature, threshold = this.#threshold;
    const children = this.#children, values = this.#values;
    for (let t = 0; t < this.size; t++) {
      let j = this.#roots[t]!, next = j;
      do {
        j = next;
        next = children[2 * j + Number(!(Math.fround(row[feature[j]!]!) <= threshold[j]!))]!;
      } while (next !== j);
      const leaf = j * width, first = this.#slots[t]!;
      for (let c = 0; c < width; c++) out[first + c]! += values[leaf + c]!;
    }
  }
  #checkBatch(columns: readonly Float64Array[], n: number, out: Float64Array): void {
    if (columns.length < this.inputs) {
      throw invalid(`Expected ${this.inputs} input columns, got ${columns.length}`);
    }
    for (let f = 0; f < this.inputs; f++) {
      const length = columns[f]!.length;
      if (length < n) throw invalid(`Input column ${f} holds ${length} rows, ${n} were asked for`);
    }
    if (out.length < this.outputs * n) {
      throw invalid(
        `The output buffer holds ${out.length} values; ${this.outputs} per row need ${
          this.outputs * n
        }`,
      );
    }
  }
}

/**
 * This module's definitions as a plugin's `toJS` embeds them (see
 * `jsPredictor` in core/contract); `FlatForest` also needs `invalid`
 * (`RATCHET_ERROR_JS`).
 *
 * @example
 * ```ts
 * import { FLAT_FOREST_JS } from "./flat_forest.ts";
 * import { RATCHET_ERROR_JS } from "../../core/errors/mod.ts";
 * import { jsSource } from "../../core/contract/mod.ts";
 * const Forest = new Function(`${jsSource(FLAT_FOREST_JS, RATCHET_ERROR_JS)}\nreturn FlatForest;`)();
 * const leaf = { left: [-1], right: [-1], feature: [-2], threshold: [-2], value: [[2]] };
 * const out = new Float64Array(1);
 * new Forest([leaf], 1, 1).addRow([0], out);
 * if (out[0] !== 2) throw new Error();
 * ```
 */
export const FLAT_FOREST_JS = { _BLOCK_VALUES, _MAX_LOCKSTEP_DEPTH, FlatForest };
