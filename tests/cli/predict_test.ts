import assert from "node:assert/strict";
import { join } from "node:path";
import { linearArtifact, logisticArtifact, publishArtifact } from "./_artifacts.ts";
import { ratchet, withProject } from "./_ratchet.ts";

async function project(root: string) {
  await publishArtifact(root, "prices", linearArtifact());
  await publishArtifact(root, "churn", logisticArtifact());
}

const expit = (d: number) => 1 / (1 + Math.exp(-d));

Deno.test("predict CSV → CSV keeps row order, ignores unused columns, fills missing values through the imputer", () =>
  withProject(async (root) => {
    await project(root);
    const input = join(root, "in.csv");
    Deno.writeTextFileSync(input, "id,x,plan,unused\na,1,basic,zz\nb,,pro,\nc,2.5,pro,q\n");
    const r = await ratchet([
      "predict",
      "prices",
      "--input",
      input,
      "--keep",
      "id",
      "--root",
      root,
    ]);
    assert.equal(r.code, 0, r.stderr);
    // y = 1 + 2x + 5·[plan=pro], with x imputed as 10.
    assert.equal(r.stdout, "id,prediction\na,3\nb,26\nc,11\n");
  }));

Deno.test("predict a classifier: CSV has p_<label> per class; JSON and JSONL give {prediction, probabilities}", () =>
  withProject(async (root) => {
    await project(root);
    const input = join(root, "in.jsonl");
    Deno.writeTextFileSync(input, '{"x": 4, "vip": false}\n{"x": -2, "vip": true}\n');
    const p1 = expit(-1 + 0.5 * 4), p2 = expit(-1 - 1 + 2);
    const csv = await ratchet([
      "predict",
      "churn",
      "--input",
      input,
      "--format",
      "csv",
      "--root",
      root,
    ]);
    assert.equal(csv.stdout, `prediction,p_no,p_yes\nyes,${1 - p1},${p1}\nno,${1 - p2},${p2}\n`);
    const jsonl = await ratchet(["predict", "churn@1", "--input", input, "--root", root]);
    const rows = jsonl.stdout.trim().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(rows[0], { prediction: "yes", probabilities: { no: 1 - p1, yes: p1 } });
    const json = await ratchet([
      "predict",
      "churn",
      "--input",
      input,
      "--format",
      "json",
      "--root",
      root,
    ]);
    assert.deepEqual(JSON.parse(json.stdout), rows);
    const out = join(root, "scored.json");
    const file = await ratchet([
      "predict",
      "churn",
      "--input",
      input,
      "--output",
      out,
      "--root",
      root,
    ]);
    assert.equal(file.stdout, "");
    assert.deepEqual(JSON.parse(Deno.readTextFileSync(out)), rows);
  }));

Deno.test("predict reads stdin and takes NAME@VERSION, @champion and @latest", () =>
  withProject(async (root) => {
    await project(root);
    await publishArtifact(
      root,
      "prices",
      linearArtifact({ coefficients: { intercept: 100, weights: [0, 0, 0] } }),
    );
    const row = '{"x": 1, "plan": "basic"}';
    const run = async (ref: string) =>
      JSON.parse(
        (await ratchet(["predict", ref, "--input", "-", "--format", "json", "--root", root], {
          stdin: row,
        })).stdout,
      )[0].prediction;
    assert.equal(await run("prices"), 100, "no champion: NAME means the latest version");
    assert.equal(await run("prices@1"), 3);
    await ratchet(["models", "alias", "prices@1", "champion", "--root", root]);
    assert.equal(await run("prices"), 3, "NAME means the champion");
    assert.equal(await run("prices@latest"), 100);
    const none = await ratchet(["predict", "prices@challenger", "--input", "-", "--root", root], {
      stdin: row,
    });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /prices has no challenger/);
  }));

Deno.test("predict refuses bad input with exit 2, naming row and feature", () =>
  withProject(async (root) => {
    await project(root);
    const cases: [string, string, string, RegExp][] = [
      ["lacks.csv", "x\n1\n", "prices", /The input lacks column "plan", which prices@1 needs/],
      [
        "type.csv",
        "x,plan\n1,basic\nten,pro\n",
        "prices",
        /row 2 \(line 3 of .*type\.csv\): feature "x" expects a finite number, found "ten"/,
      ],
      [
        "type.json",
        '[{"x": "1", "plan": "basic"}]',
        "prices",
        /row 1: feature "x" expects a number, found "1"/,
      ],
      [
        "unseen.csv",
        "x,plan\n1,gold\n",
        "prices",
        /feature "plan" has the value "gold", which prices@1 did not see in training.*handle_unknown: error/,
      ],
      [
        "missing.csv",
        "x,vip\n,true\n",
        "churn",
        /row 1 \(line 2 of .*missing\.csv\): feature "x" is missing \(empty or null\) and churn@1 has no imputer/,
      ],
      ["empty.csv", "", "prices", /empty\.csv is empty/],
      ["bad.json", '[{"x": 1, "plan": "basic"}', "prices", /truncated/],
      ["dup.json", '[{"x": 1, "x": 2, "plan": "basic"}]', "prices", /duplicate key "x"/],
      ["inf.json", '[{"x": 1e999, "plan": "basic"}]', "prices", /too large/],
      ["nan.csv", "x,plan\nNaN,basic\n", "prices", /expects a finite number, found "NaN"/],
    ];
    for (const [file, text, model, pattern] of cases) {
      Deno.writeTextFileSync(join(root, file), text);
      const r = await ratchet(["predict", model, "--input", join(root, file), "--root", root]);
      assert.equal(r.code, 2, `${file}: ${r.stdout}`);
      assert.match(r.stderr, pattern, file);
      assert.equal(r.stdout, "", `${file}: nothing on stdout`);
    }
    const keep = await ratchet([
      "predict",
      "prices",
      "--input",
      join(root, "lacks.csv"),
      "--keep",
      "nope",
      "--root",
      root,
    ]);
    assert.equal(keep.code, 2);
    const absent = await ratchet([
      "predict",
      "prices",
      "--input",
      join(root, "nope.csv"),
      "--root",
      root,
    ]);
    assert.match(absent.stderr, /does not exist/);
    const unknown = await ratchet([
      "predict",
      "ghost",
      "--input",
      join(root, "lacks.csv"),
      "--root",
      root,
    ]);
    assert.match(unknown.stderr, /No model named ghost.*models here: churn, prices/);
  }));

Deno.test("a header-only CSV predicts nothing, successfully", () =>
  withProject(async (root) => {
    await project(root);
    Deno.writeTextFileSync(join(root, "h.csv"), "x,plan\n");
    const r = await ratchet(["predict", "prices", "--input", join(root, "h.csv"), "--root", root]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "prediction\n");
  }));

Deno.test("predict piped into a reader that stops early (| head) exits quietly", async () => {
  const root = new URL("../../", import.meta.url).pathname;
  // Enough rows that the output outgrows every pipe buffer.
  const dir = Deno.makeTempDirSync();
  const input = join(dir, "many.csv");
  const row = "summer,0,0,30,16,1.5,sun\n";
  Deno.writeTextFileSync(
    input,
    "season,precipitation,precipitation_yesterday,temp_max,temp_min,wind,weather\n" +
      row.repeat(200_000),
  );
  try {
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        `${root}main.ts`,
        "predict",
        "rain-tomorrow",
        "--input",
        input,
        "--root",
        root,
      ],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const reader = child.stdout.getReader();
    await reader.read();
    await reader.cancel();
    const [status, stderr] = await Promise.all([child.status, new Response(child.stderr).text()]);
    assert.equal(status.code, 0, stderr);
    assert.doesNotMatch(stderr, /BrokenPipe|at /);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
