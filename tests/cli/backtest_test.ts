import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ModelStore } from "../../core/store/mod.ts";
import { ratchet } from "./_ratchet.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url));

/** A temp copy of the demo project: the seattle dataset and the rain-tomorrow model. */
async function demoCopy(fn: (root: string) => Promise<void>): Promise<void> {
  const root = Deno.makeTempDirSync({ prefix: "ratchet-backtest-" });
  try {
    for (const dir of ["data/seattle", "models/rain-tomorrow", "models/temp-tomorrow"]) {
      Deno.mkdirSync(join(root, dir, ".."), { recursive: true });
      const cp = await new Deno.Command("cp", { args: ["-r", join(REPO, dir), join(root, dir)] })
        .output();
      assert.ok(cp.success);
    }
    await fn(root);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
}

function firstFile(root: string, partition: string): string {
  const dir = join(root, "data", "seattle", `month=${partition}`);
  return join(dir, [...Deno.readDirSync(dir)].find((e) => e.name.endsWith(".parquet"))!.name);
}

Deno.test("backtest on the demo: every partition, the JSON shape, requirements, a report, exit 0", () =>
  demoCopy(async (root) => {
    const report = join(root, "report.html");
    const r = await ratchet([
      "backtest",
      "rain-tomorrow",
      "--dataset",
      "seattle",
      "--engine",
      "js",
      "--json",
      "-",
      "--report",
      report,
      "--root",
      root,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout);
    for (const key of ["model", "version", "dataset", "partitions", "summary", "requirements"]) {
      assert.ok(key in result, key);
    }
    assert.equal(result.partitions.length, 48);
    assert.deepEqual(Object.keys(result.partitions[0]).slice(0, 3), [
      "partition",
      "rows",
      "metrics",
    ]);
    assert.equal(result.partitions.reduce((s: number, p: { rows: number }) => s + p.rows, 0), 1459);
    assert.deepEqual(Object.keys(result.summary.roc_auc), [
      "min",
      "mean",
      "max",
      "std",
      "partitions",
    ]);
    assert.equal(result.requirements.passed, true);
    for (const c of result.requirements.checks) {
      for (const key of ["metric", "kind", "threshold", "actual", "passed"]) {
        assert.ok(key in c, key);
      }
    }
    // Months with no rain tomorrow have an undefined ROC AUC: null with a reason, never 0.
    const dry = result.partitions.find((p: { metrics: { roc_auc: number | null } }) =>
      p.metrics.roc_auc === null
    );
    assert.ok(dry && /positive/.test(dry.undefined.roc_auc));
    const html = Deno.readTextFileSync(report);
    assert.ok(
      html.startsWith("<!doctype html>") && html.includes("<svg") && !html.includes("<script"),
    );
    assert.equal(result.diagnostics.worst.length, 20);
    assert.match(result.diagnostics.worst[0].key, /^\d{4}-\d\d-\d\d$/);
  }));

Deno.test("backtest --from/--to selects partitions; a requirement not met exits 1", () =>
  demoCopy(async (root) => {
    const window = await ratchet([
      "backtest",
      "temp-tomorrow",
      "--dataset",
      "seattle",
      "--from",
      "2015-01",
      "--to",
      "2015-06",
      "--json",
      "-",
      "--root",
      root,
    ]);
    assert.equal(window.code, 0, window.stderr);
    // JSON without a report still carries the diagnostics: residuals and the worst rows.
    const { diagnostics } = JSON.parse(window.stdout);
    assert.equal(diagnostics.omitted, undefined);
    assert.equal(diagnostics.worst.length, 20);
    assert.ok(diagnostics.residuals.length > 100);
    assert.deepEqual(
      JSON.parse(window.stdout).partitions.map((p: { partition: string }) => p.partition),
      [
        "2015-01",
        "2015-02",
        "2015-03",
        "2015-04",
        "2015-05",
        "2015-06",
      ],
    );
    await ratchet([
      "requirements",
      "set",
      "temp-tomorrow",
      "--max",
      "rmse=2",
      "--reason",
      "too strict on purpose",
      "--root",
      root,
    ]);
    const fail = await ratchet([
      "backtest",
      "temp-tomorrow",
      "--dataset",
      "seattle",
      "--root",
      root,
    ]);
    assert.equal(fail.code, 1);
    assert.match(fail.stdout, /FAIL\s+rmse max 2: \d+ of 48|FAIL\s+rmse max 2: \S+ has/);
    assert.match(fail.stdout, /back-test FAILED/);
  }));

Deno.test("a truncated or zero-byte Parquet file fails its partition, names the file, and the run never passes", () =>
  demoCopy(async (root) => {
    const truncated = firstFile(root, "2013-05");
    const bytes = Deno.readFileSync(truncated);
    Deno.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const empty = firstFile(root, "2014-02");
    Deno.writeFileSync(empty, new Uint8Array());
    const json = join(root, "result.json");
    const r = await ratchet([
      "backtest",
      "rain-tomorrow",
      "--dataset",
      "seattle",
      "--engine",
      "js",
      "--json",
      json,
      "--root",
      root,
    ]);
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stderr, /2 partition\(s\) could not be scored/);
    assert.match(r.stderr, /2013-05: .*month=2013-05\/part-[0-9a-f-]+\.parquet/);
    assert.match(r.stderr, /2014-02: .*month=2014-02\/part-[0-9a-f-]+\.parquet/);
    assert.doesNotMatch(r.stdout, /back-test passed/);
    const result = JSON.parse(Deno.readTextFileSync(json));
    assert.equal(result.passed, false);
    assert.equal(result.requirements.passed, false);
    assert.equal(result.partitions.filter((p: { error?: string }) => p.error).length, 2);
  }));

Deno.test("backtest refuses what it cannot judge, naming the problem", () =>
  demoCopy(async (root) => {
    const cases: [string[], RegExp][] = [
      [["--dataset", "nope"], /nope/],
      [["--dataset", "seattle", "--from", "2015-06", "--to", "2015-01"], /after|before/],
      [["--dataset", "seattle", "--from", "2015-13"], /2015-13/],
      [
        ["--dataset", "seattle", "--target", "no_such_column"],
        /lacks column\(s\) "no_such_column"/,
      ],
    ];
    for (const [args, pattern] of cases) {
      const r = await ratchet(["backtest", "rain-tomorrow", ...args, "--root", root]);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, pattern, args.join(" "));
    }
  }));

Deno.test("a dataset lacking a feature the model needs, or holding text where it needs numbers, is refused", () =>
  demoCopy(async (root) => {
    const days = Deno.readTextFileSync(join(REPO, "data", "samples", "seattle-days.csv")).split(
      "\n",
    );
    const header = days[0]!.split(",");
    const without = (col: string) =>
      days.filter((l) => l).map((l) => l.split(",").filter((_, k) => header[k] !== col).join(","))
        .join("\n") + "\n";
    Deno.writeTextFileSync(join(root, "nowind.csv"), without("wind"));
    const imp = await ratchet([
      "data",
      "import",
      join(root, "nowind.csv"),
      "--dataset",
      "nowind",
      "--time",
      "date",
      "--grain",
      "year",
      "--root",
      root,
    ]);
    assert.equal(imp.code, 0, imp.stderr);
    const r = await ratchet(["backtest", "rain-tomorrow", "--dataset", "nowind", "--root", root]);
    assert.equal(r.code, 2);
    const champion = new ModelStore(root).resolve("rain-tomorrow", "champion");
    assert.ok(
      r.stderr.includes(
        `Dataset nowind lacks column(s) "wind" that rain-tomorrow@${champion} needs`,
      ),
      r.stderr,
    );

    const k = header.indexOf("wind");
    const text = days.filter((l) => l).map((l, i) => {
      const cells = l.split(",");
      if (i > 0) cells[k] = `w${cells[k]}`;
      return cells.join(",");
    }).join("\n") + "\n";
    Deno.writeTextFileSync(join(root, "textwind.csv"), text);
    await ratchet([
      "data",
      "import",
      join(root, "textwind.csv"),
      "--dataset",
      "textwind",
      "--time",
      "date",
      "--grain",
      "year",
      "--root",
      root,
    ]);
    const typed = await ratchet([
      "backtest",
      "rain-tomorrow",
      "--dataset",
      "textwind",
      "--engine",
      "js",
      "--root",
      root,
    ]);
    assert.equal(typed.code, 2);
    assert.match(typed.stderr, /feature "wind" expects a number, found "w/);
  }));

Deno.test("train --dataset records its training window in provenance", () =>
  demoCopy(async (root) => {
    const r = await ratchet([
      "train",
      "linear",
      "--name",
      "t",
      "--dataset",
      "seattle",
      "--from",
      "2013-01",
      "--to",
      "2014-12",
      "--target",
      "temp_max_tomorrow",
      "--exclude",
      "month,rain_tomorrow",
      "--root",
      root,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).rows, 730);
    const show = JSON.parse(
      (await ratchet(["models", "show", "t", "--json", "--root", root])).stdout,
    );
    assert.deepEqual(show.provenance.window, { from: "2013-01", to: "2014-12" });
    assert.equal(show.provenance.dataset, "seattle");
    assert.ok(
      !show.features.some((f: { name: string }) => f.name === "date"),
      "the time column is not a feature",
    );
    const both = await ratchet([
      "train",
      "linear",
      "--name",
      "t",
      "--dataset",
      "seattle",
      "--input",
      "x.csv",
      "--target",
      "y",
      "--root",
      root,
    ]);
    assert.match(both.stderr, /either --input FILE or --dataset NAME/);
  }));
