import assert from "node:assert/strict";
import { duckdb } from "../../core/data/mod.ts";
import { evaluateSQL, sklearnTest } from "../../core/testing/mod.ts";
import { sqlNumber } from "../../core/sql/mod.ts";
import decisionTree from "./mod.ts";

const shape = { task: "regression", inputs: ["x0", "x1"], classes: 1 } as const;

// Thresholds as scikit-learn writes them: midpoints of float32 values, which are not float32s
// themselves (0.1 is not one either), and values beyond the float32 range.
const THRESHOLDS = [-1e39, -2.5, 0, 0.1, 0.30000001192092896 / 2 + 0.30000004172325134 / 2, 1e39];

/** A chain of splits on x0 (increasing thresholds), then one on x1: the leaf says which held first. */
const tree = (() => {
  const left: number[] = [], right: number[] = [], feature: number[] = [], threshold: number[] = [];
  const value: number[][] = [];
  const add = (l: number, r: number, f: number, t: number, v: number) => {
    left.push(l), right.push(r), feature.push(f), threshold.push(t), value.push([v]);
    return left.length - 1;
  };
  // Node 2k splits on THRESHOLDS[k]; its left child is leaf 2k+1, its right child node 2k+2.
  THRESHOLDS.forEach((t, k) => {
    add(2 * k + 1, 2 * k + 2, 0, t, 0);
    add(-1, -1, -2, -2, k);
  });
  const last = left.length;
  add(last + 1, last + 2, 1, 1.5, 0);
  add(-1, -1, -2, -2, 100);
  add(-1, -1, -2, -2, 200);
  return decisionTree.parse({ left, right, feature, threshold, value }, shape);
})();

/** Inputs exactly on and around every threshold: the float32s next to it and the doubles next to those. */
function inputs(): number[] {
  const f32 = new Float32Array(1), u32 = new Uint32Array(f32.buffer);
  const f64 = new Float64Array(1), u64 = new BigUint64Array(f64.buffer);
  const out = [1e300, -1e300, 3.4028235677973366e38, -3.4028235677973366e38, -0, 5e-324];
  for (const t of THRESHOLDS) {
    const f = Math.fround(t);
    for (const base of [t, f]) {
      if (!Number.isFinite(base)) continue;
      out.push(base);
      f32[0] = base;
      for (const d of [-1, 1]) {
        u32[0] = u32[0]! + d;
        const neighbour = f32[0]!;
        if (!Number.isFinite(neighbour)) continue;
        const mid = base / 2 + neighbour / 2;
        f64[0] = mid;
        const bits = u64[0]!;
        out.push(neighbour, mid);
        for (const s of [-1n, 1n]) {
          u64[0] = bits + s;
          out.push(f64[0]!);
        }
        f32[0] = base;
      }
    }
  }
  return out.filter(Number.isFinite);
}

Deno.test("tree SQL in DuckDB splits like Math.fround on values on and around thresholds", async () => {
  const xs = inputs();
  const n = xs.length;
  const x0 = Float64Array.from(xs), x1 = Float64Array.from(xs, (_, i) => (i % 3) + 0.5);
  const want = decisionTree.compile(tree, shape).predictBatch([x0, x1], n);
  const [sql] = decisionTree.toSQL!(tree, shape, ['"x0"', '"x1"']);
  const rows = xs.map((x, i) => `(${sqlNumber(x)}, ${sqlNumber(x1[i]!)})`).join(", ");
  const db = await duckdb();
  const got = (await db.runAndReadAll(`SELECT ${sql} AS y FROM (VALUES ${rows}) t("x0", "x1")`))
    .getRowObjectsJS().map((r) => r.y);
  xs.forEach((x, i) => assert.equal(got[i], want[i], `x0 = ${x}: SQL ${got[i]}, JS ${want[i]}`));
  // The chain reaches every leaf, so the test sees every split go both ways.
  assert.equal(new Set(want).size, THRESHOLDS.length + 2);
});

Deno.test({
  name: "tree SQL in SQLite splits like Math.fround on values on and around thresholds",
  ...sklearnTest(),
  fn: async () => {
    const xs = inputs();
    const x0 = Float64Array.from(xs), x1 = Float64Array.from(xs, (_, i) => (i % 3) + 0.5);
    const want = decisionTree.compile(tree, shape).predictBatch([x0, x1], xs.length);
    const [got] = await evaluateSQL(
      decisionTree.toSQL!(tree, shape, ['"x0"', '"x1"']),
      [x0, x1],
      xs.length,
    );
    assert.deepEqual([...got!], [...want]);
  },
});
