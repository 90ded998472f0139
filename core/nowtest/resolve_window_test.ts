import assert from "node:assert/strict";
import type { DatasetDescriptor } from "../data/mod.ts";
import { parseNow, resolveWindow } from "./resolve_window.ts";
import { parseWindowSpec } from "./window_spec.ts";

const partition = (label: string) => ({ label, rows: 1, files: [], imported: "2026-01-01" });

function dataset(grain: DatasetDescriptor["grain"], labels: string[]): DatasetDescriptor {
  return {
    format: "ratchet.dataset/v1",
    name: "d",
    time: "t",
    grain,
    key: grain,
    columns: [{ name: "t", type: "timestamp" }],
    partitions: labels.map(partition),
    history: [],
  };
}

Deno.test("--now: ISO dates and times, UTC unless a zone is given; anything else refused", () => {
  assert.equal(parseNow("2016-01-01").toISOString(), "2016-01-01T00:00:00.000Z");
  assert.equal(parseNow("2016-01-01T06:30:15.5").toISOString(), "2016-01-01T06:30:15.500Z");
  assert.equal(parseNow("2016-01-01T06:30+02:00").toISOString(), "2016-01-01T04:30:00.000Z");
  for (const bad of ["", "now", "2016-13-01", "01/02/2016", "2016-01-01 06:00"]) {
    assert.throws(() => parseNow(bad), /Invalid --now/, bad);
  }
});

Deno.test("window specs: the forms and their counts; malformed ones refused", () => {
  assert.deepEqual(parseWindowSpec("latest"), { kind: "latest", text: "latest" });
  assert.deepEqual(parseWindowSpec("3p"), { kind: "partitions", count: 3, text: "3p" });
  assert.deepEqual(parseWindowSpec("2w"), { kind: "weeks", count: 2, text: "2w" });
  assert.deepEqual(parseWindowSpec("12m"), { kind: "months", count: 12, text: "12m" });
  for (const bad of ["7x", "7", "d", "-1d", "1.5d", "07d", "7D", " 7d", "Latest", "999999d"]) {
    assert.throws(() => parseWindowSpec(bad), /Invalid --window/, bad);
  }
});

Deno.test("months count on the calendar, clamping the day; weeks are 7 days", () => {
  const d = dataset("day", ["2016-02-28", "2016-02-29", "2016-03-01", "2016-03-31"]);
  const now = new Date("2016-03-31T10:00:00Z");
  const month = resolveWindow(d, parseWindowSpec("1m"), now);
  assert.equal(month.range!.start, "2016-02-29T10:00:00.000Z", "leap year: 29 February");
  assert.deepEqual(month.partitions.map((p) => p.label), [
    "2016-02-29",
    "2016-03-01",
    "2016-03-31",
  ]);
  const year = resolveWindow(d, parseWindowSpec("12m"), new Date("2017-02-28T00:00:00Z"));
  assert.equal(year.range!.start, "2016-02-28T00:00:00.000Z");
  const weeks = resolveWindow(d, parseWindowSpec("1w"), new Date("2016-03-07T00:00:00Z"));
  assert.equal(weeks.range!.start, "2016-02-29T00:00:00.000Z");
  // The end is exclusive: a window ending at midnight does not read that day's partition.
  assert.deepEqual(weeks.partitions.map((p) => p.label), ["2016-02-29", "2016-03-01"]);
});

Deno.test("partition windows on an empty dataset have no partitions and no bounds", () => {
  const w = resolveWindow(dataset("month", []), parseWindowSpec("latest"), new Date());
  assert.deepEqual([w.from, w.to, w.partitions.length], [null, null, 0]);
});
