import assert from "node:assert/strict";
import { signTest, wilcoxonTest } from "../challenge/mod.ts";
import { DEMO_MODEL } from "../challenge/_test_project.ts";
import { accumulatorFor } from "../evaluate/mod.ts";
import type { MetricsReport } from "../metrics/mod.ts";
import { encodeTarget } from "../model/mod.ts";
import type { Project } from "../project/mod.ts";
import { tableFromRows } from "../table/mod.ts";
import { liveCopy, type LiveDay } from "./_test_live.ts";
import { trialHtml, trialReport } from "./mod.ts";

const NAME = DEMO_MODEL;

/** The metrics of `version` on `days`, computed from the rows sent, not from the log. */
function expected(project: Project, version: number, days: readonly LiveDay[]): MetricsReport {
  const model = project.model({ name: NAME, ref: version });
  const table = tableFromRows(days.map((d) => ({ ...d.features, rain_tomorrow: d.outcome })));
  const acc = accumulatorFor(model);
  acc.add(
    encodeTarget(table, "rain_tomorrow", model.task, model.labels),
    model.predictTable(table),
    table.n,
  );
  return acc.finish();
}

function assertClose(actual: MetricsReport, wanted: MetricsReport, what: string): void {
  assert.equal(actual.rows, wanted.rows, `${what}: rows`);
  assert.deepEqual(Object.keys(actual.values).sort(), Object.keys(wanted.values).sort());
  for (const [m, v] of Object.entries(wanted.values)) {
    const got = actual.values[m];
    if (v === null) assert.equal(got, null, `${what}: ${m}`);
    else {assert.ok(
        Math.abs(got! - v) <= 1e-12 * Math.max(1, Math.abs(v)),
        `${what}: ${m} ${got} ≠ ${v}`,
      );}
  }
}

async function rejects(p: Promise<unknown>, ...texts: string[]): Promise<void> {
  await assert.rejects(p, (e: Error) => {
    for (const t of texts) {
      assert.ok(e.message.includes(t), `${JSON.stringify(t)} not in: ${e.message}`);
    }
    return true;
  });
}

Deno.test("trialReport judges the logged shadow predictions on live outcomes", async (t) => {
  const live = await liveCopy();
  const { project, champion, better, worse, days } = live;
  const month = (d: LiveDay) => d.date.slice(0, 7);
  const labelled = (v: number) => days.filter((d) => d.challenger === v && d.outcome !== undefined);
  try {
    await t.step("every pair found, the most recent compared", async () => {
      const r = await trialReport(project, { name: NAME, grain: "month" });
      assert.equal(r.champion, champion);
      assert.equal(r.challenger, worse);
      assert.deepEqual(
        r.pairs.map((p) => [p.champion, p.challenger, p.rows]),
        [[champion, better, labelled(better).length], [champion, worse, labelled(worse).length]],
      );
      assert.equal(r.data.logged, days.length);
      assert.equal(r.data.with_outcome, days.filter((d) => d.outcome !== undefined).length);
      assert.equal(r.data.with_shadow, days.filter((d) => d.challenger !== undefined).length);
      assert.equal(r.data.compared, labelled(better).length + labelled(worse).length);
      assert.equal(r.outcome, "worse");
      assert.equal(r.promote, false);
      assert.ok(r.summary.includes("worse on live traffic"), r.summary);
    });

    await t.step("metrics equal those of the rows sent, pooled and per partition", async () => {
      const r = await trialReport(project, { name: NAME, grain: "month" });
      const rows = labelled(worse);
      assertClose(r.metrics.champion.pooled, expected(project, champion, rows), "champion");
      assertClose(r.metrics.challenger.pooled, expected(project, worse, rows), "challenger");
      const months = [...new Set(rows.map(month))];
      assert.deepEqual(r.metrics.challenger.partitions.map((p) => p.partition), months);
      for (const [k, m] of months.entries()) {
        const these = rows.filter((d) => month(d) === m);
        assertClose(r.metrics.champion.partitions[k]!, expected(project, champion, these), m);
        assertClose(r.metrics.challenger.partitions[k]!, expected(project, worse, these), m);
      }
      const first = r.pairs[0]!, pooled = expected(project, better, labelled(better));
      assert.ok(Math.abs(first.primary.challenger! - pooled.values.roc_auc!) < 1e-12);
    });

    await t.step("the evidence is the challenge's", async () => {
      const r = await trialReport(project, { name: NAME, grain: "month", seed: 7 });
      const p = r.primary;
      assert.equal(p.metric, "roc_auc"); // the demo's requirements name it primary
      assert.equal(p.min_improvement, 0.005);
      const improvements = r.partitions.map((x) => x.candidate! - x.champion!);
      assert.deepEqual(r.partitions.map((x) => x.improvement), improvements);
      const better = improvements.filter((x) => x > 0).length;
      const worseN = improvements.filter((x) => x < 0).length;
      assert.equal(p.partitions_better, better);
      assert.equal(p.partitions_worse, worseN);
      assert.deepEqual(p.sign_test, signTest(better, worseN));
      assert.deepEqual(p.wilcoxon, wilcoxonTest(improvements));
      assert.equal(
        p.diff,
        r.metrics.challenger.pooled.values.roc_auc! - r.metrics.champion.pooled.values.roc_auc!,
      );
      assert.ok(
        p.ci !== null && p.ci[0] <= p.diff! && p.diff! <= p.ci[1] && p.ci[1] < 0,
        String(p.ci),
      );
      assert.equal(p.bootstrap.seed, 7);
      assert.equal(p.bootstrap.rows, labelled(worse).length);
      const again = await trialReport(project, { name: NAME, grain: "month", seed: 7 });
      assert.deepEqual(again.primary.ci, p.ci);
      const other = await trialReport(project, { name: NAME, grain: "month", seed: 8 });
      assert.notDeepEqual(other.primary.ci, p.ci);
      assert.equal(r.requirements.passed, false);
      assert.equal(r.requirements.challenger.checks.length, 4);
      assert.ok(r.reasons.some((x) => x.includes("misses requirements on the live partitions")));
    });

    await t.step("--from/--to choose days; a better challenger is promote-worthy", async () => {
      const r = await trialReport(project, { name: NAME, grain: "month", to: "2015-06-30" });
      assert.deepEqual(r.pairs.map((p) => p.challenger), [better]);
      assert.equal(r.challenger, better);
      assert.equal(r.outcome, "better");
      assert.equal(r.requirements.passed, true);
      assert.equal(r.promote, true);
      assert.ok(r.primary.ci![0] > 0);
      assert.equal(r.data.window.to, "2015-06");
      const late = await trialReport(project, { name: NAME, from: "2015-11-01", grain: "week" });
      assert.equal(late.data.grain, "week");
      assert.ok(late.partitions.every((x) => /^2015-W\d\d$/.test(x.partition)));
      const html = await trialHtml(r);
      assert.ok(html.includes(`Trial of ${NAME}: v${better} in shadow of v${champion}`));
      assert.ok(!html.includes("<script"));
    });

    await t.step("bad input is a clear error", async () => {
      await rejects(trialReport(project, { name: "nope" }), "nope");
      await rejects(
        trialReport(project, { name: NAME, dataset: "live-nope" }),
        "No dataset named live-nope",
        "serve --shadow",
      );
      await rejects(
        trialReport(project, { name: NAME, dataset: "seattle" }),
        "lacks the prediction log column",
        "shadow_version",
      );
      await rejects(
        trialReport(project, { name: NAME, to: "2015-01-05" }),
        "No rows of live-rain-tomorrow have both",
        "5 logged, 0 with a shadow prediction",
        "models alias",
      );
      await rejects(trialReport(project, { name: NAME, from: "2015-13" }), "--from");
      await rejects(trialReport(project, { name: NAME, from: "2016-01-01" }), "has no partition");
      await rejects(trialReport(project, { name: NAME, grain: "year" as "day" }), "--grain");
    });
  } finally {
    live.close();
  }
});
