import assert from "node:assert/strict";
import { join } from "node:path";
import { challenge } from "../challenge/mod.ts";
import {
  loosens,
  readRequirements,
  requirementsPath,
  THRESHOLD_KINDS,
} from "../requirements/mod.ts";
import type { Requirements } from "../requirements/mod.ts";
import { promote } from "./promote.ts";
import { promotionsPath, readPromotions } from "./promotion_log.ts";
import { changelogPath } from "./changelog.ts";
import {
  championVersion,
  DEMO_MODEL,
  demoCopy,
  promotedCandidate,
  promotionHistory,
  publishScaled,
} from "./_test_promotion.ts";

const NAME = DEMO_MODEL;

function sections(text: string): string[] {
  return text.split("\n").filter((l) => l.startsWith("## "));
}

// Every threshold change from `a` to `b`, as the requirements module judges loosening.
function loosened(a: Requirements, b: Requirements): string[] {
  const out: string[] = [];
  for (const [metric, req] of Object.entries(a.metrics)) {
    for (const kind of THRESHOLD_KINDS) {
      const from = req?.[kind] ?? null;
      const to = b.metrics[metric as keyof typeof b.metrics]?.[kind] ?? null;
      if (loosens({ metric: metric as never, kind, from, to })) {
        out.push(`${metric} ${kind} ${from} → ${to}`);
      }
    }
  }
  return out;
}

Deno.test("promote refuses without a promote verdict, unless forced with a reason (recorded as forced)", async () => {
  const demo = await demoCopy();
  try {
    const { project } = demo;
    const champion = championVersion(project);
    const history = promotionHistory(project);
    const v = publishScaled(project, -1);
    await assert.rejects(
      promote(project, { name: NAME, version: v }),
      (e: Error) =>
        e.message.includes(`has no challenge: run \`ratchet challenge ${NAME} --candidate ${v}\``),
    );
    const rejected = await challenge(project, { name: NAME, candidate: v, resamples: 100 });
    await assert.rejects(
      promote(project, { name: NAME, version: v }),
      /said reject: .*--force --reason/,
    );
    await assert.rejects(
      promote(project, { name: NAME, version: v, force: true }),
      /--force needs --reason/,
    );
    await assert.rejects(
      promote(project, { name: NAME, version: v, force: true, reason: "  " }),
      /--reason must say why/,
    );
    await assert.rejects(
      promote(project, { name: NAME, version: champion }),
      /already the champion/,
    );
    await assert.rejects(promote(project, { name: NAME, version: 7 }), /No version 7/);
    assert.equal(project.store.aliases(NAME).champion, champion);
    assert.deepEqual(promotionHistory(project), history, "the refusals recorded nothing");

    const r = await promote(project, {
      name: NAME,
      version: v,
      force: true,
      reason: "a drill: see the rollback",
      by: "tester",
      now: new Date("2026-11-27T12:00:00Z"),
    });
    assert.equal(project.store.aliases(NAME).champion, v);
    assert.equal(r.promotion.kind, "forced");
    assert.equal(r.promotion.verdict, "reject");
    assert.equal(r.promotion.evidence, rejected.evidence);
    const log = readPromotions(promotionsPath(project.store, NAME));
    assert.deepEqual(log.slice(0, history.promotions.length), history.promotions);
    assert.deepEqual(log.slice(history.promotions.length).map((p) => [p.from, p.to, p.kind]), [[
      champion,
      v,
      "forced",
    ]]);
    const whole = Deno.readTextFileSync(join(project.root, r.changelog));
    assert.ok(whole.startsWith(`# Changelog of ${NAME}`));
    assert.ok(whole.startsWith(history.changelog), "the changelog is appended to");
    const text = whole.slice(history.changelog.length);
    assert.deepEqual(sections(text), [`## 2026-11-27T12:00:00.000Z — v${champion} → v${v}`]);
    assert.match(text, /Forced, without a promote verdict: latest challenge said reject/);
    assert.ok(text.includes(`\`${rejected.evidence}\` (verdict reject)`));
    assert.match(text, /Reason: a drill: see the rollback/);
    assert.match(text, /By: tester/);
  } finally {
    demo.close();
  }
});

Deno.test("promote on a promote verdict, with --ratchet that raises and never lowers; rollback needs a reason", async () => {
  const demo = await demoCopy();
  try {
    const { project } = demo;
    const path = requirementsPath(project.store, NAME);
    const before = readRequirements(path)!;
    const champion = championVersion(project);
    const history = promotionHistory(project);
    const won = await promotedCandidate(demo);
    const v = won.candidate;
    const r = await promote(project, { name: NAME, version: v, ratchet: true, margin: 0.02 });
    assert.equal(project.store.aliases(NAME).champion, v);
    assert.equal(r.promotion.kind, "challenge");
    assert.equal(r.promotion.evidence, won.evidence);
    assert.match(
      r.promotion.summary,
      /^roc_auc 0\.\d+ → 0\.\d+ \(\+0\.\d+, 95% interval .*4 of 4 rules met$/,
    );
    const after = readRequirements(path)!;
    assert.deepEqual(loosened(before, after), []);
    assert.ok(
      after.metrics.roc_auc!.mean! > before.metrics.roc_auc!.mean!,
      "the primary metric's mean rose",
    );
    assert.equal(after.baseline?.version, v);
    assert.equal(after.history.at(-1)?.action, "ratchet");
    assert.deepEqual(r.promotion.ratchet?.changes, after.history.at(-1)?.changes);
    assert.equal(r.promotion.ratchet?.source, "evaluation.csv");
    const text = Deno.readTextFileSync(changelogPath(project.store, NAME));
    assert.ok(
      text.includes(`— v${champion} → v${v}\n\n- Promoted on the verdict of its challenge`),
    );
    assert.match(
      text,
      /Requirements ratcheted to v\d+ measured on evaluation.csv, margin 0.02: .*roc_auc mean/,
    );

    // Rolling back to the former champion: a reason is required; the ratchet does not lower anything.
    await assert.rejects(
      promote(project, { name: NAME, version: champion }),
      (e: Error) =>
        e.message.includes(
          `Rolling back to ${NAME}@${champion}, a former champion, needs --reason`,
        ),
    );
    const back = await promote(project, {
      name: NAME,
      version: champion,
      ratchet: true,
      reason: "the forest mispredicts the first storms of the season",
    });
    assert.equal(back.promotion.kind, "rollback");
    assert.equal(project.store.aliases(NAME).champion, champion);
    const rolled = readRequirements(path)!;
    assert.deepEqual(loosened(after, rolled), []);
    assert.deepEqual(rolled.metrics, after.metrics);
    assert.ok(
      back.warnings.length > 0,
      "the former champion misses the thresholds raised for the forest, and is told so",
    );
    const log = readPromotions(promotionsPath(project.store, NAME));
    assert.deepEqual(log.slice(history.promotions.length).map((p) => [p.from, p.to, p.kind]), [
      [champion, v, "challenge"],
      [v, champion, "rollback"],
    ]);
    const final = Deno.readTextFileSync(changelogPath(project.store, NAME));
    assert.equal(sections(final).length, sections(history.changelog).length + 2);
    assert.match(final, /Rolled back to a former champion/);
    assert.match(final, /Reason: the forest mispredicts the first storms of the season/);
    // The verdict was against the former champion, which is champion again: it still counts.
    const again = await promote(project, { name: NAME, version: v });
    assert.equal(again.promotion.kind, "challenge");
  } finally {
    demo.close();
  }
});

Deno.test("promote: of two promotions at once, one wins; evidence against the old champion no longer counts", async () => {
  const demo = await demoCopy();
  try {
    const { project } = demo;
    const former = championVersion(project);
    const history = promotionHistory(project);
    const a = await promotedCandidate(demo, 0);
    const b = await promotedCandidate(demo, 1);
    const results = await Promise.allSettled([
      promote(project, { name: NAME, version: a.candidate }),
      promote(project, { name: NAME, version: b.candidate }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    assert.equal(won.length, 1);
    assert.equal(lost.length, 1);
    assert.match(
      String((lost[0] as PromiseRejectedResult).reason),
      new RegExp(`compared it with v${former}, but the champion is now v\\d`),
    );
    const champion = project.store.aliases(NAME).champion;
    assert.ok(champion === a.candidate || champion === b.candidate);
    assert.equal(
      readPromotions(promotionsPath(project.store, NAME)).length,
      history.promotions.length + 1,
    );
    assert.equal(
      sections(Deno.readTextFileSync(changelogPath(project.store, NAME))).length,
      sections(history.changelog).length + 1,
    );
  } finally {
    demo.close();
  }
});

Deno.test("promote --ratchet without an evaluation sample measures the challenge's back-test", async () => {
  const demo = await demoCopy();
  try {
    const { project } = demo;
    const path = requirementsPath(project.store, NAME);
    const json = JSON.parse(Deno.readTextFileSync(path));
    delete json.evaluation;
    Deno.writeTextFileSync(path, JSON.stringify(json, null, 2));
    const won = await promotedCandidate(demo);
    const r = await promote(project, { name: NAME, version: won.candidate, ratchet: true });
    assert.equal(r.promotion.ratchet?.source, `dataset seattle (back-test in ${won.evidence})`);
    const after = readRequirements(path)!;
    assert.equal(after.baseline?.data.partitions, 48);
    assert.equal(after.baseline?.data.partition_by, "month");
  } finally {
    demo.close();
  }
});
