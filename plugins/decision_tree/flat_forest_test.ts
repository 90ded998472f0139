import assert from "node:assert/strict";
import { RatchetError } from "../../core/errors/mod.ts";
import { FlatForest } from "./flat_forest.ts";
import type { TreeCoefficients } from "./tree_coefficients.ts";

const stump = (
  threshold: number,
  low: number[],
  high: number[],
  feature = 0,
): TreeCoefficients => ({
  left: [1, -1, -1],
  right: [2, -1, -1],
  feature: [feature, -2, -2],
  threshold: [threshold, -2, -2],
  value: [low.map((v, k) => (v + high[k]!) / 2), low, high],
});

/** A lopsided tree: node 2k tests x ≤ k; its left child is a leaf worth k, its right child the next test. */
const chain = (depth: number): TreeCoefficients => {
  const t: TreeCoefficients = { left: [], right: [], feature: [], threshold: [], value: [] };
  for (let k = 0; k < depth; k++) {
    const internal = 2 * k, leaf = 2 * k + 1, next = 2 * k + 2;
    t.left[internal] = leaf,
      t.right[internal] = next,
      t.feature[internal] = 0,
      t.threshold[internal] = k,
      t.value[internal] = [0];
    t.left[leaf] = t.right[leaf] = -1,
      t.feature[leaf] = -2,
      t.threshold[leaf] = -2,
      t.value[leaf] = [k];
  }
  t.left[2 * depth] = t.right[2 * depth] = -1,
    t.feature[2 * depth] = -2,
    t.threshold[2 * depth] = -2,
    t.value[2 * depth] = [depth];
  return t;
};

const batch = (forest: FlatForest, columns: Float64Array[], n: number) => {
  const out = new Float64Array(forest.outputs * n);
  forest.addBatch(columns, n, out);
  return out;
};

Deno.test("FlatForest: batch and row paths agree on every row, across blocks and lockstep groups", () => {
  const n = (1 << 20) + 13; // more than one block of rows for one input, and a partial group of 8
  const x = Float64Array.from({ length: n }, (_, i) => (i % 7) - 3);
  const forest = new FlatForest(
    [stump(0.5, [1, 2], [3, 4]), stump(-1.5, [10, 20], [30, 40])],
    2,
    1,
  );
  const out = batch(forest, [x], n);
  const row = new Float64Array(2);
  for (const i of [0, 1, 7, 8, 9, 1 << 19, (1 << 20) - 1, 1 << 20, n - 1]) {
    row.fill(0);
    forest.addRow([x[i]!], row);
    assert.deepEqual([out[i], out[n + i]], [...row], `row ${i}`);
    const want = (x[i]! <= 0.5 ? [1, 2] : [3, 4]).map((v, k) =>
      v + (x[i]! <= -1.5 ? [10, 20] : [30, 40])[k]!
    );
    assert.deepEqual([...row], want);
  }
});

Deno.test("FlatForest: deep lopsided trees descend a row at a time with the same result", () => {
  for (const depth of [3, 100]) {
    const forest = new FlatForest([chain(depth)], 1, 1);
    const x = Float64Array.from({ length: 21 }, (_, i) => i * 7 - 20.5);
    const out = batch(forest, [x], x.length);
    x.forEach((v, i) => {
      const want = Math.min(depth, Math.max(0, Math.ceil(v)));
      assert.equal(out[i], want, `depth ${depth}, x = ${v}`);
      const row = new Float64Array(1);
      forest.addRow([v], row);
      assert.equal(row[0], want);
    });
  }
});

Deno.test("FlatForest: slots route trees to outputs, scale multiplies leaves, NaN goes right", () => {
  const forest = new FlatForest(
    [stump(0, [1], [2]), stump(0, [10], [20], 1), stump(0, [100], [200])],
    1,
    2,
    {
      slots: [1, 0, 1],
      scale: 0.5,
    },
  );
  assert.equal(forest.outputs, 2);
  const out = batch(forest, [Float64Array.of(-1, NaN), Float64Array.of(1, -1)], 2);
  assert.deepEqual([...out], [10, 5, 50.5, 101]);
});

Deno.test("FlatForest: a root leaf needs no input; short columns or output are refused", () => {
  const leaf = { left: [-1], right: [-1], feature: [-2], threshold: [-2], value: [[7]] };
  const forest = new FlatForest([leaf], 1, 0);
  assert.deepEqual([...batch(forest, [], 3)], [7, 7, 7]);
  const two = new FlatForest([stump(0, [1], [2], 1)], 1, 2);
  assert.throws(() => two.addBatch([new Float64Array(4)], 4, new Float64Array(4)), RatchetError);
  assert.throws(
    () => two.addBatch([new Float64Array(4), new Float64Array(3)], 4, new Float64Array(4)),
    RatchetError,
  );
  assert.throws(
    () => two.addBatch([new Float64Array(4), new Float64Array(4)], 4, new Float64Array(3)),
    RatchetError,
  );
});
