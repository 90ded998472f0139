/**
 * `ratchet challenge`, `ratchet promote` and `ratchet nightly` as a person
 * or a cron job runs them, on a temp copy of the demo (rain-tomorrow on the
 * seattle dataset): the JSON shape, the report, the evidence on disk, exit
 * codes 0 promote / 1 reject / 2 error, the changelog, and bad input.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  championVersion,
  DEMO_MODEL,
  type DemoCopy,
  demoCopy,
  demoFixtures,
} from "../../core/challenge/_test_project.ts";
import { promotedCandidate, promotionHistory } from "../../core/promote/_test_promotion.ts";
import { expectExit, ratchet } from "./_ratchet.ts";

const FEATURES = "season,precipitation,precipitation_yesterday,temp_max,temp_min,wind,weather";

async function withDemo(
  fn: (
    root: string,
    run: (...args: string[]) => ReturnType<typeof ratchet>,
    demo: DemoCopy,
  ) => Promise<void>,
) {
  const demo = await demoCopy();
  try {
    await fn(demo.root, (...args) => ratchet([...args, "--root", demo.root]), demo);
  } finally {
    demo.close();
  }
}

// A random forest on every month, the champion's features: it beats the champion everywhere.
async function trainForest(
  run: (...args: string[]) => ReturnType<typeof ratchet>,
): Promise<number> {
  const r = expectExit(
    await run(
      "train",
      "random_forest",
      "--name",
      DEMO_MODEL,
      "--dataset",
      "seattle",
      "--target",
      "rain_tomorrow",
      "--features",
      FEATURES,
      "--positive",
      "yes",
      "--param",
      "n_estimators=30",
      "--param",
      "max_depth=8",
    ),
    0,
    "train",
  );
  return JSON.parse(r.stdout).version;
}

Deno.test("challenge → reject (exit 1) on fixtures; supersede with a reason → promote (exit 0); promote, changelog, rollback", () =>
  withDemo(async (root, run, demo) => {
    const champion = championVersion(demo.project);
    const fixtures = demoFixtures(demo.project);
    const v = await trainForest(run);
    await expectExit(await run("promote", `${DEMO_MODEL}@${v}`), 2, "promote before any challenge");
    const report = join(root, "challenge.html");
    const r = expectExit(
      await run(
        "challenge",
        DEMO_MODEL,
        "--candidate",
        String(v),
        "--json",
        "-",
        "--report",
        report,
        "--seed",
        "5",
      ),
      1,
      "challenge",
    );
    const result = JSON.parse(r.stdout);
    for (
      const key of [
        "model",
        "champion",
        "candidate",
        "verdict",
        "reasons",
        "primary",
        "requirements",
        "fixtures",
      ]
    ) {
      assert.ok(key in result, key);
    }
    for (
      const key of [
        "metric",
        "champion",
        "candidate",
        "diff",
        "ci",
        "partitions_better",
        "partitions_worse",
      ]
    ) {
      assert.ok(key in result.primary, `primary.${key}`);
    }
    assert.equal(result.model, DEMO_MODEL);
    assert.equal(result.champion, champion);
    assert.equal(result.candidate, v);
    assert.equal(result.verdict, "reject");
    assert.equal(result.primary.ci.length, 2);
    assert.ok(
      result.primary.ci[0] <= result.primary.diff && result.primary.diff <= result.primary.ci[1],
    );
    assert.ok(
      result.reasons.join("\n").includes(
        `fails ${fixtures.snapshots.length} of ${fixtures.active.length} fixtures`,
      ),
      result.reasons.join("\n"),
    );
    const evidence = JSON.parse(Deno.readTextFileSync(join(root, result.evidence)));
    assert.equal(evidence.verdict, "reject");
    assert.deepEqual(evidence.primary.ci, result.primary.ci);
    const page = Deno.readTextFileSync(report);
    assert.ok(page.includes(`REJECT — v${v} stays a candidate`));

    // A rejected candidate is not promoted, and the alias does not move.
    const refused = expectExit(await run("promote", `${DEMO_MODEL}@${v}`), 2, "promote on reject");
    assert.match(refused.stderr, /said reject/);

    for (
      const c of result.fixtures.cases.filter((c: { candidate: string }) =>
        c.candidate === "failed"
      )
    ) {
      expectExit(
        await run(
          "fixtures",
          "supersede",
          DEMO_MODEL,
          c.id,
          "--reason",
          "the forest moves these snapshots",
          "--model-version",
          String(v),
        ),
        0,
        "supersede",
      );
    }
    const ok = expectExit(
      await run("challenge", DEMO_MODEL, "--candidate", String(v)),
      0,
      "challenge again",
    );
    assert.match(ok.stdout, /^pass {2}requirements: /m);
    assert.match(ok.stdout, /: PROMOTE\. /);
    const promoted = expectExit(
      await run("promote", `${DEMO_MODEL}@${v}`, "--ratchet"),
      0,
      "promote",
    );
    assert.ok(promoted.stdout.includes(`champion v${champion} → v${v} (on its challenge)`));
    assert.match(promoted.stdout, /ratcheted: roc_auc mean/);
    const aliases = JSON.parse(
      Deno.readTextFileSync(join(root, "models", DEMO_MODEL, "aliases.json")),
    );
    assert.equal(aliases.champion, v);

    const rollback = await run("promote", `${DEMO_MODEL}@${champion}`);
    assert.match(expectExit(rollback, 2, "rollback without a reason").stderr, /needs --reason/);
    expectExit(
      await run(
        "promote",
        `${DEMO_MODEL}@${champion}`,
        "--reason",
        "storm season: back to the known model",
      ),
      0,
      "rollback",
    );
    const changelog = Deno.readTextFileSync(join(root, "models", DEMO_MODEL, "CHANGELOG.md"));
    assert.ok(changelog.includes(`— v${champion} → v${v}\n`));
    assert.ok(changelog.includes(`— v${v} → v${champion}\n`));
    assert.match(changelog, /Rolled back to a former champion/);
    assert.match(changelog, /Reason: storm season: back to the known model/);
  }));

Deno.test("promote --force --reason is recorded as forced; --force alone is refused", () =>
  withDemo(async (root, run) => {
    const v = await trainForest(run);
    const bare = expectExit(
      await run("promote", `${DEMO_MODEL}@${v}`, "--force"),
      2,
      "force without reason",
    );
    assert.match(bare.stderr, /--force needs --reason/);
    const r = expectExit(
      await run("promote", `${DEMO_MODEL}@${v}`, "--force", "--reason", "hotfix", "--json"),
      0,
      "forced",
    );
    const out = JSON.parse(r.stdout);
    assert.equal(out.promotion.kind, "forced");
    assert.equal(out.promotion.reason, "hotfix");
    assert.match(
      Deno.readTextFileSync(join(root, out.changelog)),
      /Forced, without a promote verdict: no challenge on record/,
    );
  }));

Deno.test("challenge refuses bad input with exit 2 and a message", () =>
  withDemo(async (_root, run, demo) => {
    const versions = demo.project.store.versions(DEMO_MODEL);
    const champion = String(championVersion(demo.project));
    // A version that could be challenged: only the bad option is wrong.
    const other = String(versions.find((v) => String(v) !== champion));
    const cases: [string[], RegExp][] = [
      [
        ["challenge", DEMO_MODEL, "--candidate", "9"],
        new RegExp(`No version 9 of rain-tomorrow; versions: ${versions.join(", ")}$`, "m"),
      ],
      [["challenge", DEMO_MODEL, "--candidate", champion], /is the champion/],
      [["challenge", DEMO_MODEL, "--candidate", "x"], /Invalid model version "x"/],
      [["challenge", DEMO_MODEL], /required option '--candidate <version>'/],
      [["challenge", DEMO_MODEL, "--candidate", other, "--seed", "1.5"], /Invalid --seed 1.5/],
      [
        ["challenge", DEMO_MODEL, "--candidate", other, "--resamples", "10"],
        /Invalid --resamples 10/,
      ],
      [["promote", DEMO_MODEL], /Give the version to promote as NAME@VERSION/],
      [["promote", `${DEMO_MODEL}@${other}`, "--margin", "0.1"], /--margin goes with --ratchet/],
    ];
    for (const [args, message] of cases) {
      const r = await run(...args);
      expectExit(r, 2, args.join(" "));
      assert.match(r.stderr, message, args.join(" "));
    }
  }));

Deno.test("nightly: search, challenge of the best, reports and one paragraph; exit 1 on reject, 2 on bad input", () =>
  withDemo(async (root, run, demo) => {
    const champion = championVersion(demo.project);
    const out = join(root, "nightly");
    const nightly = [
      "nightly",
      DEMO_MODEL,
      ...["--dataset", "seattle", "--plugin", "logistic"],
      ...["--train", "..2013-12", "--validate", "2014-01..2014-12"],
    ];
    const r = await run(
      ...nightly,
      "--grid",
      "--out",
      out,
      "--json",
      join(root, "nightly.json"),
    );
    const code = r.code;
    assert.ok(code === 0 || code === 1, `exit ${code}: ${r.stderr}`);
    const lines = r.stdout.trim().split("\n");
    assert.equal(lines.length, 1, "one paragraph");
    const verdict = code === 0 ? "PROMOTE" : "REJECT";
    assert.match(
      lines[0]!,
      new RegExp(`^Nightly ${DEMO_MODEL}: search \\S+ fitted \\d+ of \\d+ logistic candidates`),
    );
    assert.ok(lines[0]!.includes(`: ${verdict}.`));
    for (
      const f of [
        "challenge.html",
        "challenge.json",
        "leaderboard.html",
        "leaderboard.json",
        "summary.txt",
      ]
    ) {
      assert.ok(Deno.statSync(join(out, f)).size > 0, f);
    }
    assert.equal(Deno.readTextFileSync(join(out, "summary.txt")).trim(), lines[0]);
    const result = JSON.parse(Deno.readTextFileSync(join(out, "challenge.json")));
    assert.equal(result.verdict === "promote" ? 0 : 1, code);
    const board = JSON.parse(Deno.readTextFileSync(join(out, "leaderboard.json")));
    assert.equal(result.candidate, board.published[0].version);
    const json = JSON.parse(Deno.readTextFileSync(join(root, "nightly.json")));
    assert.equal(json.model, DEMO_MODEL);
    assert.equal(json.summary, lines[0]);
    assert.deepEqual(json.challenge, result);
    assert.deepEqual(json.search, board);
    assert.ok(json.reports.includes(out), json.reports.join());
    // The champion is never moved by the nightly job.
    const aliases = JSON.parse(
      Deno.readTextFileSync(join(root, "models", DEMO_MODEL, "aliases.json")),
    );
    assert.equal(aliases.champion, champion);

    const piped = await run(
      ...nightly,
      "--random",
      "2",
      "--json",
      "-",
    );
    assert.ok(piped.code === 0 || piped.code === 1, `exit ${piped.code}: ${piped.stderr}`);
    const printed = JSON.parse(piped.stdout);
    assert.equal(printed.model, DEMO_MODEL);
    assert.match(printed.summary, /^Nightly /);
    assert.equal(printed.challenge.verdict === "promote" ? 0 : 1, piped.code);

    const both = await run(
      ...nightly,
      "--grid",
      "--random",
      "3",
    );
    assert.match(expectExit(both, 2, "grid and random").stderr, /--grid .* or --random N/);
    const help = expectExit(await run("nightly", "--help"), 0, "help");
    assert.match(help.stdout, /30 2 \* \* \*/);
    assert.match(help.stdout, /\|\| \[ \$\? -eq 1 \]/);
  }));

Deno.test("two promote processes at once: one wins, the other is refused, the changelog has one entry", async () => {
  const demo = await demoCopy();
  try {
    const history = promotionHistory(demo.project);
    const a = await promotedCandidate(demo, 0);
    const b = await promotedCandidate(demo, 1);
    const runs = await Promise.all(
      [a, b].map((c) => ratchet(["promote", `${DEMO_MODEL}@${c.candidate}`, "--root", demo.root])),
    );
    assert.deepEqual(runs.map((r) => r.code).sort(), [0, 2], runs.map((r) => r.stderr).join("\n"));
    const lost = runs.find((r) => r.code === 2)!;
    assert.match(lost.stderr, /but the champion is now v\d/);
    const sections = (text: string) => text.split("\n").filter((l) => l.startsWith("## ")).length;
    const after = promotionHistory(demo.project);
    assert.equal(sections(after.changelog), sections(history.changelog) + 1);
    assert.equal(after.promotions.length, history.promotions.length + 1);
  } finally {
    demo.close();
  }
});
