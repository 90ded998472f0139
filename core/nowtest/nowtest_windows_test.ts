import assert from "node:assert/strict";
import { importDataset } from "../data/mod.ts";
import { writeCsv } from "../data/_test_data.ts";
import { createRandom } from "../random/mod.ts";
import { type DayRow, monthRows, withRig } from "./_test_project.ts";
import { nowtest } from "./nowtest.ts";

const MONTHS = ["01", "02", "03", "04", "05", "06", "07", "08", "09"].map((m) => ({
  month: `2015-${m}`,
}));

const between = (rows: readonly DayRow[], first: string, last: string) =>
  rows.filter((r) => r.date >= first && r.date <= last).length;

Deno.test("every window form reads the rows it names, and only the partitions that can hold them", async () => {
  const rows = monthRows(MONTHS);
  await withRig(rows, async (rig) => {
    const run = async (window: string, now?: string) => {
      const r = await rig.run({ alarm: false, window, ...(now ? { now: new Date(now) } : {}) });
      return r.window;
    };
    const latest = await run("latest");
    assert.deepEqual([latest.kind, latest.from, latest.to], ["latest", "2015-09", "2015-09"]);
    assert.equal(latest.rows, between(rows, "2015-09-01", "2015-09-30"));

    const two = await run("2p");
    assert.deepEqual([two.kind, two.partitions], ["partitions", ["2015-08", "2015-09"]]);
    assert.equal(two.rows, between(rows, "2015-08-01", "2015-09-30"));
    assert.equal((await run("99p")).rows, rows.length, "fewer partitions than asked: all of them");

    const week = await run("7d", "2015-09-01");
    assert.deepEqual([week.kind, week.partitions], ["days", ["2015-08"]]);
    assert.deepEqual([week.from, week.to], [
      "2015-08-25T00:00:00.000Z",
      "2015-09-01T00:00:00.000Z",
    ]);
    assert.equal(week.rows, between(rows, "2015-08-25", "2015-08-31"));

    // Half-open in time: the 20th's midnight is before the start; the 3rd's is before now.
    const weeks = await run("2w", "2015-09-03T12:00:00Z");
    assert.deepEqual([weeks.kind, weeks.partitions], ["weeks", ["2015-08", "2015-09"]]);
    assert.equal(weeks.rows, between(rows, "2015-08-21", "2015-09-03"));

    // 31 March − 1 month is 28 February (2015 is no leap year), not 3 March.
    const month = await run("1m", "2015-03-31");
    assert.deepEqual([month.kind, month.from], ["months", "2015-02-28T00:00:00.000Z"]);
    assert.equal(month.rows, between(rows, "2015-02-28", "2015-03-30"));
    assert.deepEqual(month.partitions, ["2015-02", "2015-03"]);

    const overlap = await rig.run({ alarm: false, window: "3m", now: new Date("2015-07-01") });
    assert.ok(
      overlap.notes.some((n) => n.includes("overlaps the reference")),
      overlap.notes.join(),
    );
  });
});

Deno.test("time windows on a timestamp column compare instants, to the millisecond", async () => {
  await withRig(monthRows(MONTHS.slice(0, 2)), async (rig) => {
    const rng = createRandom(5);
    const events = Array.from({ length: 24 * 5 }, (_, h) => ({
      at: new Date(Date.UTC(2015, 2, 1, h, 30, 0, 250)).toISOString(),
      x: rng.normal(),
      kind: "b",
      y: rng.next() < 0.5 ? "yes" : "no",
    }));
    const csv = writeCsv(rig.root, "events.csv", events);
    await importDataset(rig.root, [csv], { dataset: "events", time: "at", grain: "day" });
    const now = new Date("2015-03-03T12:30:00.250Z");
    const r = await nowtest(rig.project, { name: "churn", ref: undefined }, "events", {
      alarm: false,
      window: "1d",
      now,
      reference: "2015-03-01..2015-03-01",
    });
    const start = new Date(now.getTime() - 86_400_000).toISOString();
    const want = events.filter((e) => e.at >= start && e.at < now.toISOString()).length;
    assert.equal(want, 24);
    assert.equal(r.window.rows, want);
    assert.deepEqual(r.window.partitions, ["2015-03-02", "2015-03-03"]);
    assert.deepEqual(r.reference, {
      from: "2015-03-01",
      to: "2015-03-01",
      source: "option",
      rows: 24,
      dataset: "events",
    });
  });
});
