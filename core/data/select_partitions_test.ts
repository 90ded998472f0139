import assert from "node:assert/strict";
import { RatchetError } from "../errors/mod.ts";
import type { DatasetDescriptor, Grain } from "./dataset.ts";
import { selectPartitions } from "./select_partitions.ts";

function dataset(grain: Grain, labels: string[]): DatasetDescriptor {
  return {
    format: "ratchet.dataset/v1",
    name: "s",
    time: "t",
    grain,
    key: grain,
    columns: [{ name: "t", type: "date" }],
    partitions: labels.map((label) => ({
      label,
      rows: 1,
      files: [],
      imported: "2026-01-01T00:00:00Z",
    })),
    history: [],
  };
}

const labels = (d: DatasetDescriptor, range: { from?: string; to?: string }) =>
  selectPartitions(d, range).map((p) => p.label);

Deno.test("selectPartitions keeps labels in [from, to], both inclusive and optional", () => {
  const months = dataset("month", ["2014-11", "2014-12", "2015-01", "2015-03", "2015-10"]);
  assert.deepEqual(labels(months, {}), ["2014-11", "2014-12", "2015-01", "2015-03", "2015-10"]);
  assert.deepEqual(labels(months, { from: "2014-12", to: "2015-03" }), [
    "2014-12",
    "2015-01",
    "2015-03",
  ]);
  assert.deepEqual(labels(months, { from: "2015-02" }), ["2015-03", "2015-10"]);
  assert.deepEqual(labels(months, { to: "2014-12" }), ["2014-11", "2014-12"]);
  assert.deepEqual(labels(months, { from: "2015-01", to: "2015-01" }), ["2015-01"]);
  assert.deepEqual(labels(months, { from: "2016-01" }), []);
  const weeks = dataset("week", ["2020-W52", "2020-W53", "2021-W01", "2021-W10"]);
  assert.deepEqual(labels(weeks, { from: "2020-W53", to: "2021-W09" }), ["2020-W53", "2021-W01"]);
  assert.deepEqual(labels(dataset("month", []), { from: "2015-01" }), []);
});

Deno.test("--from after --to, and bounds that are not labels of the grain, are refused", () => {
  const months = dataset("month", ["2015-01"]);
  const refused = (range: { from?: string; to?: string }, re: RegExp) =>
    assert.throws(() => selectPartitions(months, range), (e: unknown) => {
      assert.ok(e instanceof RatchetError && e.kind === "invalid", String(e));
      assert.match(e.message, re);
      return true;
    });
  refused({ from: "2015-06", to: "2015-01" }, /--from 2015-06 is after --to 2015-01/);
  refused({ from: "2015-13" }, /--from: Invalid month label "2015-13".*partitioned by month/);
  refused({ to: "2015-01-31" }, /--to: Invalid month label "2015-01-31"/);
  refused({ from: "" }, /--from: Invalid month label "": it is empty/);
});
