/**
 * `ratchet nowtest` as a cron job runs it, on a temp copy of the demo (the
 * seattle dataset and rain-tomorrow), with alarms going to a local webhook
 * sink: the JSON shape, the human tables, exit codes, and one notice per
 * alarm across separate processes.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startHttpSink } from "../../core/alarms/_http_sink.ts";
import { ModelStore } from "../../core/store/mod.ts";
import { readCsv } from "../../core/table/mod.ts";
import { publishArtifact } from "./_artifacts.ts";
import { expectExit, ratchet } from "./_ratchet.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url));

/**
 * A temp copy of the demo whose rain-tomorrow champion records its training
 * window: the shipped version if it does, else a copy of it published with
 * `provenance.window` 2012-01..2014-12, the months it was trained on.
 */
async function demoCopy(fn: (root: string, version: number) => Promise<void>): Promise<void> {
  const root = Deno.makeTempDirSync({ prefix: "ratchet-nowtest-" });
  try {
    for (const dir of ["data/seattle", "models/rain-tomorrow"]) {
      Deno.mkdirSync(join(root, dir, ".."), { recursive: true });
      const cp = await new Deno.Command("cp", { args: ["-r", join(REPO, dir), join(root, dir)] })
        .output();
      assert.ok(cp.success);
    }
    const champion = new ModelStore(root).load("rain-tomorrow");
    let version = champion.version;
    if (!champion.provenance.window) {
      const { name: _n, version: _v, sha256: _s, ...body } = champion;
      body.provenance = { ...body.provenance, window: { from: "2012-01", to: "2014-12" } };
      await publishArtifact(root, "rain-tomorrow", body, { alias: "champion" });
      version = new ModelStore(root).resolve("rain-tomorrow", "champion");
    }
    await fn(root, version);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
}

function nowtest(root: string, ...args: string[]) {
  return ratchet(["nowtest", "rain-tomorrow", "--dataset", "seattle", ...args, "--root", root]);
}

/** Rows of the demo's source file in a month, read here rather than through ratchet. */
function sourceRows(month: string): number {
  const days = readCsv(Deno.readTextFileSync(join(REPO, "data/samples/seattle-days.csv")));
  return Array.from(days.column("date")!).filter((d) => String(d).startsWith(month)).length;
}

Deno.test("nowtest --json -: the newest month against the training window, in the documented shape", () =>
  demoCopy(async (root, version) => {
    const r = await nowtest(root, "--json", "-", "--no-alarm");
    const result = JSON.parse(r.stdout);
    assert.equal(r.code, result.verdict.failing ? 1 : 0, r.stderr);
    assert.deepEqual(Object.keys(result), [
      "model",
      "version",
      "task",
      "dataset",
      "target",
      "now",
      "window",
      "reference",
      "metrics",
      "requirements",
      "drift",
      "notes",
      "verdict",
      "alarm",
    ]);
    assert.equal(result.version, version);
    assert.deepEqual(result.window, {
      kind: "latest",
      text: "latest",
      from: "2015-12",
      to: "2015-12",
      partitions: ["2015-12"],
      rows: sourceRows("2015-12"),
      labelled: sourceRows("2015-12"),
    });
    const trained = ["2012", "2013", "2014"].reduce((s, y) => s + sourceRows(y), 0);
    assert.deepEqual(result.reference, {
      from: "2012-01",
      to: "2014-12",
      source: "provenance",
      rows: trained,
      dataset: "seattle",
    });
    assert.deepEqual(Object.keys(result.drift.predictions), ["p_yes"]);
    assert.deepEqual(Object.keys(result.drift.features), [
      "season",
      "precipitation",
      "precipitation_yesterday",
      "temp_max",
      "temp_min",
      "wind",
      "weather",
    ]);
    // Winter only against whole years: the season cannot be stable.
    assert.equal(result.drift.features.season.band, "major");
    assert.deepEqual(Object.keys(result.verdict), ["failing", "reason", "reasons", "summary"]);
    assert.ok(result.requirements.checks.length > 0);
    assert.equal(result.alarm, null);
    assert.throws(() => Deno.statSync(join(root, "models/rain-tomorrow/alarm-state.json")));
  }));

Deno.test("nowtest alarms by webhook once across runs, then resolves; tables on stdout, ALARM on stderr", () =>
  demoCopy(async (root, version) => {
    const hook = startHttpSink();
    try {
      Deno.writeTextFileSync(
        join(root, "models/rain-tomorrow/alarms.json"),
        JSON.stringify({ webhook: { url: hook.url, max_attempts: 1 } }),
      );
      const june = ["--window", "30d", "--now", "2015-07-01"];
      const drifted = expectExit(await nowtest(root, ...june, "--max-psi", "0.25"), 1);
      assert.match(drifted.stdout, /^metric +value +requirement/m);
      assert.match(drifted.stdout, /^drift against the reference \(PSI < 0\.1 stable/m);
      assert.match(drifted.stdout, /^season +category +\d+\.\d{4} +major/m);
      assert.match(drifted.stdout, /^nowtest FAILED \(drift\): 30d before 2015-07-01 \(30 rows\)/m);
      assert.match(
        drifted.stderr,
        new RegExp(`^ALARM rain-tomorrow@${version} nowtest seattle: 30d before 2015-07-01`, "m"),
      );
      assert.equal(hook.requests.length, 1);
      assert.equal(hook.requests[0]!.body.status, "firing");
      assert.equal(hook.requests[0]!.body.reason, "drift");

      const again = expectExit(await nowtest(root, ...june, "--max-psi", "0.25"), 1);
      assert.match(again.stderr, /^ALARM /m);
      assert.equal(hook.requests.length, 1, "a still-firing alarm is not sent again");

      const passed = expectExit(await nowtest(root, ...june));
      assert.match(
        passed.stdout,
        /^nowtest passed: 30d before 2015-07-01 \(30 rows\): requirements met/m,
      );
      assert.match(passed.stderr, /^RESOLVED /m);
      assert.equal(hook.requests.length, 2);
      assert.equal(hook.requests[1]!.body.status, "resolved");
      assert.equal(hook.requests[1]!.body.key, hook.requests[0]!.body.key);
    } finally {
      await hook.close();
    }
  }));

Deno.test("nowtest: an empty window exits 1 with 'no data'; bad input exits 2 naming the problem", () =>
  demoCopy(async (root) => {
    const empty = expectExit(await nowtest(root, "--window", "7d", "--now", "2016-03-01"), 1);
    assert.match(
      empty.stderr,
      /ALARM rain-tomorrow@\d+ nowtest seattle: 7d before 2016-03-01: no data/,
    );
    for (
      const [args, message] of [
        [["--window", "7x"], 'Invalid --window "7x"'],
        [["--reference", "2014-06..2014-01"], "2014-06 is after 2014-01"],
        [
          ["--reference", "2011-01..2012-06"],
          "outside dataset seattle, which holds 2012-01..2015-12",
        ],
        [["--max-psi", "-1"], "Invalid --max-psi -1: expected a number above 0"],
        [["--max-psi", "abc"], 'Invalid --max-psi "abc"'],
        [["--now", "tomorrow"], 'Invalid --now "tomorrow"'],
      ] as const
    ) {
      const r = expectExit(await nowtest(root, ...args), 2, args.join(" "));
      assert.match(r.stderr, new RegExp(`^error: .*${message.replace(/[.()]/g, "\\$&")}`, "m"));
    }
    const unknown = expectExit(
      await ratchet(["nowtest", "rain-tomorrow", "--dataset", "nope", "--root", root]),
      2,
    );
    assert.match(unknown.stderr, /No dataset named nope .*datasets here: seattle/);
  }));
