import assert from "node:assert/strict";
import type { DatasetDescriptor } from "./dataset.ts";
import { type ImportPlan, nextDescriptor } from "./next_descriptor.ts";

const PLAN: ImportPlan = {
  name: "live",
  columns: [{ name: "t", type: "timestamp" }],
  time: "t",
  grain: "day",
  now: "2026-03-05T10:00:00.000Z",
  replace: false,
  source: ["the log"],
};

/** The descriptor after imports of one row each into `label`, as [action or replace, source, label]. */
function after(imports: [boolean, string, string][], merge: boolean): DatasetDescriptor {
  let d: DatasetDescriptor | undefined;
  imports.forEach(([replace, source, label], i) => {
    d = nextDescriptor(d, [{ label, name: `part-${i}.parquet`, rows: 1 }], {
      ...PLAN,
      now: `2026-03-05T10:00:0${i}.000Z`,
      replace,
      source: [source],
      mergeHistory: merge,
    }).next;
  });
  return d!;
}

Deno.test("each import adds a history entry unless asked to merge", () => {
  const d = after([[false, "the log", "2026-03-05"], [false, "the log", "2026-03-05"]], false);
  assert.deepEqual(d.history.map((h) => [h.action, h.rows]), [["import", 1], ["append", 1]]);
});

Deno.test("merged imports fold into their kin at the end of the history, which moves last with the newest date", () => {
  const d = after([
    [false, "a.csv", "2026-03-04"],
    [false, "the log", "2026-03-05"],
    [false, "the log", "2026-03-05"],
    [true, "the log", "2026-03-05"],
    [false, "the log", "2026-03-06"],
    [true, "the log", "2026-03-06"],
  ], true);
  assert.deepEqual(d.history.map((h) => [h.action, h.source[0], h.rows, h.partitions, h.date]), [
    ["import", "a.csv", 1, ["2026-03-04"], "2026-03-05T10:00:00.000Z"],
    ["append", "the log", 3, ["2026-03-05", "2026-03-06"], "2026-03-05T10:00:04.000Z"],
    ["replace", "the log", 2, ["2026-03-05", "2026-03-06"], "2026-03-05T10:00:05.000Z"],
  ]);
});

Deno.test("an import from another source ends the run: later ones start new entries", () => {
  const d = after([
    [false, "a.csv", "2026-03-04"],
    [false, "the log", "2026-03-05"],
    [false, "b.csv", "2026-03-05"],
    [false, "the log", "2026-03-05"],
  ], true);
  assert.deepEqual(d.history.map((h) => [h.source[0], h.rows]), [
    ["a.csv", 1],
    ["the log", 1],
    ["b.csv", 1],
    ["the log", 1],
  ]);
});

Deno.test("replaceFiles swaps just those files of a partition; its other files and rows stay", () => {
  const first = after([
    [false, "the log", "2026-03-05"],
    [false, "the log", "2026-03-05"],
    [false, "the log", "2026-03-05"],
  ], false);
  assert.deepEqual(first.partitions[0]!.files, [
    "day=2026-03-05/part-0.parquet",
    "day=2026-03-05/part-1.parquet",
    "day=2026-03-05/part-2.parquet",
  ]);
  const { next, replaced, action, partitions } = nextDescriptor(
    first,
    [{ label: "2026-03-05", name: "part-merged.parquet", rows: 2 }],
    {
      ...PLAN,
      replaceFiles: new Map([["day=2026-03-05/part-1.parquet", 1], [
        "day=2026-03-05/part-2.parquet",
        1,
      ]]),
    },
  );
  assert.deepEqual(next.partitions.map((p) => [p.label, p.rows, p.files]), [
    ["2026-03-05", 3, ["day=2026-03-05/part-0.parquet", "day=2026-03-05/part-merged.parquet"]],
  ]);
  assert.deepEqual(replaced, ["day=2026-03-05/part-1.parquet", "day=2026-03-05/part-2.parquet"]);
  assert.equal(action, "replace");
  assert.deepEqual(partitions, [{ label: "2026-03-05", rows: 2, change: "replaced" }]);
});
