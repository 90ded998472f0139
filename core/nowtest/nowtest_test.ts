import assert from "node:assert/strict";
import { alarmStatePath, readAlarmState } from "../alarms/mod.ts";
import { importDataset } from "../data/mod.ts";
import { writeCsv } from "../data/_test_data.ts";
import { nowtest } from "./nowtest.ts";
import { type DayRow, monthRows, type Rig, withRig } from "./_test_project.ts";

const REFERENCE = ["2015-01", "2015-02", "2015-03", "2015-04", "2015-05", "2015-06"].map((
  month,
) => ({ month }));

/** Accuracy of the logistic test model (p ≥ 0.5 means yes) on labelled rows, computed here by hand. */
function accuracy(rows: readonly DayRow[]): number {
  const effect: Record<string, number> = { a: 0.5, b: 0, c: -0.5 };
  const labelled = rows.filter((r) => r.y !== null);
  const right = labelled.filter((r) => (1.5 * r.x + effect[r.kind]! >= 0) === (r.y === "yes"));
  return right.length / labelled.length;
}

const inMonth = (rows: readonly DayRow[], month: string) =>
  rows.filter((r) => r.date.startsWith(month));

Deno.test("a stable window passes: metrics as computed by hand, requirements met, drift stable", async () => {
  const rows = monthRows([...REFERENCE, { month: "2015-07" }]);
  await withRig(rows, async (rig) => {
    const r = await rig.run();
    const july = inMonth(rows, "2015-07");
    assert.equal(r.verdict.failing, false, r.verdict.summary);
    assert.deepEqual(r.window, {
      kind: "latest",
      text: "latest",
      from: "2015-07",
      to: "2015-07",
      partitions: ["2015-07"],
      rows: july.length,
      labelled: july.length,
    });
    assert.deepEqual(r.reference, {
      from: "2015-01",
      to: "2015-06",
      source: "provenance",
      rows: rows.length - july.length,
      dataset: "days",
    });
    assert.ok(Math.abs(r.metrics!.values.accuracy! - accuracy(july)) < 1e-12);
    assert.equal(r.requirements.passed, true);
    assert.equal(r.requirements.checks[0]!.metric, "accuracy");
    for (
      const [name, d] of [
        ...Object.entries(r.drift!.features),
        ["p_yes", r.drift!.predictions.p_yes!] as const,
      ]
    ) {
      assert.equal(d.band, "stable", `${name}: PSI ${d.psi}`);
    }
    assert.deepEqual(Object.keys(r.drift!.features), ["x", "kind"]);
    assert.equal(r.drift!.max_psi, null);
    assert.deepEqual(r.alarm, { status: "ok", notified: [], repeated: false });
    assert.deepEqual(rig.lines, []);
    assert.match(r.verdict.summary, /^2015-07 \(\d+ rows\): requirements met; largest PSI /);
  });
});

Deno.test("a drifted window: major PSI; with a threshold it alarms once by webhook and email, not again, then resolves", async () => {
  const rows = monthRows([...REFERENCE, { month: "2015-07" }, {
    month: "2015-08",
    shift: 2,
    kinds: ["a"],
  }]);
  await withRig(rows, async (rig) => {
    const reported = await rig.run({ alarm: false });
    assert.equal(reported.drift!.features.x!.band, "major");
    assert.equal(reported.drift!.features.kind!.band, "major");
    assert.equal(reported.drift!.predictions.p_yes!.band, "major");
    const x = reported.drift!.features.x!;
    assert.ok(x.kind === "number" && x.mean_shift! > 1.5, JSON.stringify(x));
    assert.equal(reported.verdict.failing, false, "without a threshold drift is reported only");
    assert.equal(reported.alarm, null);

    rig.configure("churn", { drift: { max_psi: 0.25 } });
    const first = await rig.run();
    assert.equal(first.verdict.failing, true);
    assert.equal(first.verdict.reason, "drift");
    assert.deepEqual(first.drift!.exceeded.toSorted(), ["kind", "p_yes", "x"]);
    assert.equal(first.alarm!.status, "firing");
    assert.deepEqual(first.alarm!.notified.map((n) => [n.channel, n.ok]), [
      ["webhook", true],
      ["email", true],
    ]);
    assert.equal(rig.hook.requests.length, 1);
    const notice = rig.hook.requests[0]!.body;
    assert.equal(notice.status, "firing");
    assert.equal(notice.reason, "drift");
    assert.equal(notice.subject, "days");
    assert.equal(notice.check, "nowtest");
    const details = notice.details as { window: { from: string }; alarm?: unknown };
    assert.equal(details.window.from, "2015-08");
    assert.ok(!("alarm" in details));
    assert.equal(rig.smtp.mails.length, 1);
    assert.match(rig.smtp.mails[0]!.headers.subject!, /FIRING churn nowtest days: drift/);
    assert.equal(rig.lines.length, 1);
    assert.match(
      rig.lines[0]!,
      /^ALARM churn@1 nowtest days: 2015-08 \(\d+ rows\): drift: PSI above 0.25 on /,
    );

    // A restart: the same failing window is not notified again.
    const again = await rig.run();
    assert.equal(again.alarm!.status, "firing");
    assert.deepEqual(again.alarm!.notified, []);
    assert.equal(rig.hook.requests.length, 1);
    assert.equal(rig.smtp.mails.length, 1);

    // The next month is fine again: the alarm resolves, once.
    await rig.append(monthRows([{ month: "2015-09" }], 7));
    const fine = await rig.run();
    assert.equal(fine.verdict.failing, false, fine.verdict.summary);
    assert.equal(fine.window.from, "2015-09");
    assert.equal(fine.alarm!.status, "resolved");
    assert.equal(rig.hook.requests.length, 2);
    assert.equal(rig.hook.requests[1]!.body.status, "resolved");
    assert.equal(rig.hook.requests[1]!.body.key, notice.key);
    assert.equal(rig.smtp.mails.length, 2);
    assert.equal((await rig.run()).alarm!.status, "ok");
    assert.equal(rig.hook.requests.length, 2);
    const record = Object.values(
      readAlarmState(alarmStatePath(rig.project.store.modelDir("churn"))).alarms,
    )[0]!;
    assert.deepEqual(record.history.map((h) => h.event), ["firing", "resolved"]);
  });
});

Deno.test("--max-psi overrides alarms.json; a PSI at or below it passes", async () => {
  const rows = monthRows([...REFERENCE, { month: "2015-08", shift: 2, kinds: ["a"] }]);
  await withRig(rows, async (rig) => {
    rig.configure("churn", { drift: { max_psi: 1e6 } });
    const lax = await rig.run({ alarm: false });
    assert.equal(lax.drift!.max_psi, 1e6);
    assert.equal(lax.verdict.failing, false);
    const strict = await rig.run({ alarm: false, maxPsi: 0.1 });
    assert.equal(strict.drift!.max_psi, 0.1);
    assert.equal(strict.verdict.reason, "drift");
    const psi = strict.drift!.features.x!.psi!;
    const exact = await rig.run({ alarm: false, maxPsi: psi });
    assert.ok(!exact.drift!.exceeded.includes("x"), "the threshold itself passes");
  });
});

Deno.test("a window below a requirement alarms with reason requirements and names the metric", async () => {
  const rows = monthRows([...REFERENCE, { month: "2015-07", flip: true }]);
  await withRig(rows, async (rig) => {
    rig.configure("churn");
    const r = await rig.run();
    const want = accuracy(inMonth(rows, "2015-07"));
    assert.ok(want < 0.6, String(want));
    assert.equal(r.verdict.failing, true);
    assert.equal(r.verdict.reason, "requirements");
    assert.equal(r.requirements.passed, false);
    assert.equal(r.requirements.checks[0]!.actual, r.metrics!.values.accuracy);
    assert.ok(Math.abs(r.requirements.checks[0]!.actual! - want) < 1e-12);
    assert.match(r.verdict.summary, /requirements: accuracy min 0.6: measured 0\.\d+/);
    assert.equal(rig.hook.requests[0]!.body.reason, "requirements");
    assert.match(rig.lines[0]!, /^ALARM churn@1 nowtest days: .*accuracy min 0.6/);
  });
});

Deno.test("an empty newest window is the alarm 'no data'", async () => {
  const rows = monthRows([...REFERENCE, { month: "2015-07" }]);
  await withRig(rows, async (rig) => {
    rig.configure("churn");
    const r = await rig.run({ window: "7d", now: new Date("2015-09-01T00:00:00Z") });
    assert.equal(r.window.rows, 0);
    assert.deepEqual(r.window.partitions, [], "no partition overlaps 2015-08-25..2015-08-31");
    assert.equal(r.verdict.reason, "no data");
    assert.equal(r.verdict.failing, true);
    assert.equal(r.drift, null);
    assert.equal(r.metrics, null);
    assert.equal(r.requirements.passed, null);
    assert.equal(r.alarm!.status, "firing");
    assert.equal(rig.hook.requests[0]!.body.reason, "no data");
    assert.equal(
      rig.lines[0],
      "ALARM churn@1 nowtest days: 7d before 2015-09-01: no data (the window has no rows)",
    );
  });
});

Deno.test("rows without a label are counted, left out of the metrics and kept for drift", async () => {
  const rows = monthRows([...REFERENCE, { month: "2015-07", unlabelledEvery: 3 }]);
  await withRig(rows, async (rig) => {
    const july = inMonth(rows, "2015-07");
    const labelled = july.filter((r) => r.y !== null).length;
    assert.ok(labelled < july.length && labelled > 0);
    const r = await rig.run({ alarm: false });
    assert.equal(r.window.rows, july.length);
    assert.equal(r.window.labelled, labelled);
    assert.equal(r.metrics!.rows, labelled);
    assert.ok(Math.abs(r.metrics!.values.accuracy! - accuracy(july)) < 1e-12);
    assert.equal(r.drift!.features.x!.rows.current, july.length);
    assert.equal(r.drift!.predictions.p_yes!.rows.current, july.length);
    assert.ok(
      r.notes.some((n) =>
        n.startsWith(`${july.length - labelled} of ${july.length} rows have no y`)
      ),
    );

    // A regression target is a number column: missing is NULL there too.
    const level = await rig.run({ alarm: false }, "level");
    assert.equal(level.window.labelled, labelled);
    assert.equal(level.metrics!.rows, labelled);
    const mae = july.filter((r) => r.v !== null)
      .reduce((s, r) => s + Math.abs((r.v as number) - 2 * r.x), 0) / labelled;
    assert.ok(Math.abs(level.metrics!.values.mae! - mae) < 1e-9);
    assert.deepEqual(Object.keys(level.drift!.predictions), ["prediction"]);
    assert.equal(level.requirements.passed, true);
    assert.match(level.requirements.note!, /no requirements/);
  });
});

Deno.test("a window without any label: metrics skipped with a note, failing only with requireLabels", async () => {
  const rows = monthRows([...REFERENCE, { month: "2015-07", unlabelledEvery: 1 }]);
  await withRig(rows, async (rig: Rig) => {
    const r = await rig.run({ alarm: false });
    assert.equal(r.window.labelled, 0);
    assert.equal(r.metrics, null);
    assert.equal(r.requirements.passed, null);
    assert.match(r.requirements.note!, /no row of the window has a label/);
    assert.equal(r.verdict.failing, false);
    assert.ok(r.drift!.features.x!.psi !== null);
    const strict = await rig.run({ alarm: false, requireLabels: true });
    assert.equal(strict.verdict.reason, "no labels");
  });
});

Deno.test("drift is reproducible: the same seed samples the same rows", async () => {
  const rows = monthRows([...REFERENCE, { month: "2015-07", shift: 0.3 }]);
  await withRig(rows, async (rig) => {
    const a = await rig.run({ alarm: false, sampleSize: 100, batchRows: 50 });
    const b = await rig.run({ alarm: false, sampleSize: 100 });
    assert.deepEqual(a.drift, b.drift);
    assert.equal(a.drift!.features.x!.rows.current, 100);
    const full = await rig.run({ alarm: false });
    assert.equal(
      full.drift!.features.x!.rows.reference,
      rows.length - inMonth(rows, "2015-07").length,
    );
    assert.deepEqual(
      full.drift!.features.kind,
      a.drift!.features.kind,
      "categories are counted exactly",
    );
  });
});

Deno.test("a now-test of another dataset (a live log) measures drift against the training window of the dataset the model learned from", async () => {
  const rows = monthRows([...REFERENCE, { month: "2015-07" }]);
  const july = inMonth(rows, "2015-07");
  await withRig(rows.filter((r) => !r.date.startsWith("2015-07")), async (rig) => {
    const csv = writeCsv(rig.root, "live.csv", july, ["date", "x", "kind", "y", "v"]);
    await importDataset(rig.root, [csv], { dataset: "live-churn", time: "date", grain: "day" });
    const r = await nowtest(rig.project, { name: "churn", ref: undefined }, "live-churn", {
      window: "31p",
      alarm: false,
    });
    assert.deepEqual(r.reference, {
      from: "2015-01",
      to: "2015-06",
      source: "provenance",
      rows: rows.length - july.length,
      dataset: "days",
    });
    assert.equal(r.window.rows, july.length);
    assert.ok(r.drift !== null && Object.keys(r.drift.features).length === 2);
    // With --reference, the now-tested dataset's own days are the reference.
    const own = await nowtest(rig.project, { name: "churn", ref: undefined }, "live-churn", {
      window: "latest",
      reference: "2015-07-01..2015-07-10",
      alarm: false,
    });
    assert.equal(own.reference.dataset, "live-churn");
  });
});
