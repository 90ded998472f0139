import assert from "node:assert/strict";
import { fixturesPath, supersedeFixture } from "../fixtures/mod.ts";
import { challenge } from "./challenge.ts";
import { challengeReport } from "./challenge_report.ts";
import {
  championVersion,
  DEMO_MODEL,
  demoCopy,
  publishBetter,
  publishScaled,
} from "./_test_project.ts";

Deno.test("challengeReport: verdict, every rule, the interval, both models per partition, fixtures; self-contained and escaped", async () => {
  const demo = await demoCopy();
  try {
    const champion = championVersion(demo.project);
    const v = await publishBetter(demo.project);
    const reject = await challenge(demo.project, { name: DEMO_MODEL, candidate: v, record: false });
    const page = await challengeReport(reject);
    assert.ok(page.startsWith("<!doctype html>"));
    assert.ok(page.includes(`REJECT — v${v} stays a candidate`));
    for (const r of reject.rules) assert.ok(page.includes(r.passed ? "pass" : "FAIL"));
    assert.match(page, /95% paired bootstrap interval/);
    assert.ok(page.includes(`1,459 rows`));
    // Charts: the interval, the primary metric of both models, the differences, and every other metric.
    assert.ok((page.match(/<svg/g) ?? []).length >= 10);
    assert.ok(page.includes(`v${champion} champion`));
    assert.ok(page.includes(`v${v} candidate`));
    for (const c of reject.fixtures.cases) assert.ok(page.includes(c.id), c.id);
    assert.ok(!/<script|https?:\/\//.test(page.replace(/xmlns(:\w+)?="http[^"]*"/g, "")));

    const reason = "intended <script>alert(1)</script> change";
    for (const c of reject.fixtures.cases.filter((c) => c.candidate === "failed")) {
      supersedeFixture(fixturesPath(demo.project.store, DEMO_MODEL), c.id, {
        version: v,
        reason,
        date: "2026-11-27T00:00:00.000Z",
      });
    }
    const promote = await challenge(demo.project, { name: DEMO_MODEL, candidate: v });
    const page2 = await challengeReport(promote);
    assert.ok(page2.includes(`PROMOTE — v${v} may replace v${champion}`));
    assert.ok(page2.includes(`ratchet promote ${DEMO_MODEL}@${v}`));
    assert.ok(page2.includes("intended &lt;script&gt;alert(1)&lt;/script&gt; change"));
    assert.ok(!page2.includes("<script"));
    assert.ok(page2.includes(promote.evidence!));
  } finally {
    demo.close();
  }
});

Deno.test("challengeReport names the regressed partitions and the tolerance", async () => {
  const demo = await demoCopy();
  try {
    const v = publishScaled(demo.project, -1);
    const r = await challenge(demo.project, { name: DEMO_MODEL, candidate: v, record: false });
    const page = await challengeReport(r);
    assert.match(page, /partition\(s\) regressed beyond the tolerance/);
    assert.ok(page.includes(r.regressions.partitions[0]!.partition));
    assert.match(page, /the candidate is worse/);
  } finally {
    demo.close();
  }
});
