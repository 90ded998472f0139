/**
 * `ratchet trial report` as an operator runs it: the real CLI in a
 * subprocess, on a temp copy of the demo whose prediction log the real
 * service wrote (a better challenger in shadow to June, a worse one after).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { liveCopy } from "../../core/trial/_test_live.ts";
import type { TrialResult } from "../../core/trial/mod.ts";
import { expectExit, ratchet } from "./_ratchet.ts";

const NAME = "rain-tomorrow";

Deno.test("ratchet trial report", async (t) => {
  const live = await liveCopy();
  const root = ["--root", live.root];
  try {
    await t.step("a worse challenger: exit 1, the evidence as JSON", async () => {
      const r = expectExit(
        await ratchet(["trial", "report", NAME, "--grain", "month", "--json", "-", ...root]),
        1,
      );
      const result = JSON.parse(r.stdout) as TrialResult;
      assert.equal(result.format, "ratchet.trial/v1");
      assert.equal(result.challenger, live.worse);
      assert.equal(result.outcome, "worse");
      assert.equal(result.pairs.length, 2);
      assert.equal(result.partitions.length, 6);
    });

    await t.step("a better challenger: exit 0, a report and a JSON file", async () => {
      const html = join(live.root, "trial.html"), json = join(live.root, "trial.json");
      const r = expectExit(
        await ratchet([
          "trial",
          "report",
          NAME,
          "--to",
          "2015-06-30",
          "--grain",
          "month",
          "--seed",
          "3",
          "--report",
          html,
          "--json",
          json,
          ...root,
        ]),
        0,
      );
      assert.ok(r.stdout.includes("the challenger is better on live traffic"), r.stdout);
      assert.ok(r.stdout.includes(`v${live.champion} with v${live.better} in shadow`), r.stdout);
      const result = JSON.parse(Deno.readTextFileSync(json)) as TrialResult;
      assert.equal(result.promote, true);
      assert.equal(result.options.seed, 3);
      assert.ok(Deno.readTextFileSync(html).includes(`Trial of ${NAME}`));
    });

    await t.step("bad input: exit 2 with a message that says what to do", async () => {
      const cases: [string[], string][] = [
        [["trial", "report", "nope", ...root], "nope"],
        [
          ["trial", "report", NAME, "--dataset", "seattle", ...root],
          "lacks the prediction log column",
        ],
        [["trial", "report", NAME, "--dataset", "live-x", ...root], "serve --shadow"],
        [
          ["trial", "report", NAME, "--to", "2015-01-05", ...root],
          "have both a shadow prediction and an outcome",
        ],
        [["trial", "report", NAME, "--grain", "year", ...root], "year"],
        [["trial", "report", NAME, "--seed", "x", ...root], "--seed"],
      ];
      for (const [args, text] of cases) {
        const r = expectExit(await ratchet(args), 2, args.join(" "));
        assert.ok(r.stderr.includes(text), `${args.join(" ")}: ${r.stderr}`);
      }
    });

    await t.step("--help teaches the loop", async () => {
      const r = expectExit(await ratchet(["trial", "report", "--help"]));
      for (
        const text of [
          "models alias",
          "serve --shadow",
          "/outcomes",
          "ratchet promote",
          "Exit codes",
        ]
      ) {
        assert.ok(r.stdout.includes(text), text);
      }
      const group = expectExit(await ratchet(["trial", "--help"]));
      assert.ok(group.stdout.includes("report"));
    });
  } finally {
    live.close();
  }
});
