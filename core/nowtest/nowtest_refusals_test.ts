import assert from "node:assert/strict";
import { alarmStatePath } from "../alarms/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import { logisticModel, monthRows, type Rig, withRig } from "./_test_project.ts";
import { nowtest, type NowtestOptions } from "./nowtest.ts";

const MONTHS = ["2015-01", "2015-02", "2015-03", "2015-04"].map((month) => ({ month }));

async function refused(
  rig: Rig,
  options: NowtestOptions,
  fragments: string[],
  dataset = "days",
  model = "churn",
): Promise<void> {
  await assert.rejects(
    () => nowtest(rig.project, { name: model, ref: undefined }, dataset, options),
    (e: unknown) => {
      assert.ok(e instanceof RatchetError, String(e));
      for (const f of fragments) assert.ok(e.message.includes(f), `${e.message} lacks ${f}`);
      return true;
    },
  );
}

Deno.test("bad input is an error that says what to do, and raises no alarm", async () => {
  await withRig(monthRows(MONTHS), async (rig) => {
    rig.configure("churn");
    await refused(rig, {}, ["No dataset named sales", "datasets here: days"], "sales");
    await refused(rig, { window: "7x" }, ['Invalid --window "7x"', "latest", "<N>d"]);
    await refused(rig, { window: "0d" }, ['Invalid --window "0d"']);
    await refused(rig, { reference: "2014-06..2015-02" }, [
      "--reference 2014-06..2015-02",
      "outside dataset days",
      "2015-01..2015-04",
    ]);
    await refused(rig, { reference: "2015-03..2015-01" }, ["2015-03 is after 2015-01"]);
    await refused(rig, { reference: "2015-01" }, ["give FROM..TO", "2001-01..2001-01"]);
    await refused(rig, { reference: "2015-1..2015-02" }, ['Invalid month label "2015-1"']);
    await refused(rig, { maxPsi: 0 }, ["--max-psi 0"]);
    assert.throws(() => Deno.statSync(alarmStatePath(rig.project.store.modelDir("churn"))));
    assert.equal(rig.hook.requests.length, 0);
  });
});

Deno.test("without --reference the training window must be recorded and lie inside the dataset", async () => {
  await withRig(monthRows(MONTHS), async (rig) => {
    await refused(rig, {}, ["no training window (provenance.window)", "pass --reference FROM..TO"]);
    const ok = await nowtest(rig.project, { name: "churn", ref: undefined }, "days", {
      alarm: false,
      reference: "2015-01..2015-03",
    });
    assert.equal(ok.reference.source, "option");
    rig.project.store.publish("churn", logisticModel({ from: "2014-01", to: "2014-12" }));
    await refused(rig, {}, [
      "the training window: 2014-01..2014-12 lies outside dataset days",
      "pass --reference",
    ]);
  }, { window: null });
});
