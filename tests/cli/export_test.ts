import assert from "node:assert/strict";
import { join } from "node:path";
import { fixturesPath, readFixtures } from "../../core/fixtures/mod.ts";
import { createRandom } from "../../core/random/mod.ts";
import { ModelStore } from "../../core/store/mod.ts";
import { publishArtifact } from "./_artifacts.ts";
import { expectExit, ratchet, withProject } from "./_ratchet.ts";

/** The demo models (every version, aliases, fixtures, requirements), copied into a fresh project. */
function copyDemo(root: string): void {
  for (const name of ["rain-tomorrow", "temp-tomorrow"]) {
    const from = new URL(`../../models/${name}/`, import.meta.url);
    const to = join(root, "models", name);
    Deno.mkdirSync(join(to, "versions"), { recursive: true });
    const versions = [...Deno.readDirSync(new URL("versions/", from))].map((e) => e.name);
    for (
      const file of [
        "aliases.json",
        "fixtures.jsonl",
        "requirements.json",
        ...versions.map((v) => `versions/${v}`),
      ]
    ) {
      Deno.copyFileSync(new URL(file, from), join(to, file));
    }
  }
}

async function run(command: string, args: string[], cwd: string) {
  const out = await new Deno.Command(command, { args, cwd, stdout: "piped", stderr: "piped" })
    .output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

/** Weather rows, random but plausible, as the demo models read them. */
function weatherRows(n: number): Record<string, unknown>[] {
  const random = createRandom(42);
  const pick = <T>(xs: readonly T[]) => xs[random.int(xs.length)]!;
  return Array.from({ length: n }, () => ({
    season: pick(["winter", "spring", "summer", "autumn"]),
    precipitation: Math.max(0, random.normal() * 8),
    precipitation_yesterday: Math.max(0, random.normal() * 8),
    temp_max: random.normal() * 8 + 15,
    temp_min: random.normal() * 6 + 7,
    wind: Math.abs(random.normal() * 2 + 3),
    weather: pick(["drizzle", "fog", "rain", "snow", "sun"]),
  }));
}

const PREDICT = `
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const { predict } = await import(pathToFileURL(process.argv[2]).href);
const rows = readFileSync(process.argv[3], "utf8").trim().split("\\n").map((l) => JSON.parse(l));
console.log(JSON.stringify(rows.map((r) => predict(r))));
`;

Deno.test("ratchet export writes the bundle and its archive; under Node alone its predict answers as ratchet predict", () =>
  withProject(async (root) => {
    copyDemo(root);
    const out = join(root, "dist");
    const rows = weatherRows(200);
    const input = join(root, "rows.jsonl");
    Deno.writeTextFileSync(input, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
    Deno.writeTextFileSync(join(root, "predict.mjs"), PREDICT);
    const store = new ModelStore(root);
    for (const name of ["rain-tomorrow", "temp-tomorrow"]) {
      const version = store.resolve(name, undefined);
      const r = expectExit(
        await ratchet(["export", name, "--out", out, "--json", "--root", root]),
      );
      const result = JSON.parse(r.stdout);
      assert.equal(result.dir, join(out, `${name}-${version}`));
      assert.equal(result.tarball, join(out, `${name}-${version}.tar.gz`));
      assert.equal(result.created, true);
      assert.equal(result.manifest.name, name);
      assert(Deno.statSync(result.tarball).size > 0);

      const selftest = await run("node", ["selftest.js"], result.dir);
      assert.equal(selftest.code, 0, selftest.stdout + selftest.stderr);
      // Superseded fixtures are skipped; all the others pass.
      const fixtures = readFixtures(fixturesPath(store, name));
      const skipped = fixtures.filter((f) => f.superseded).length;
      assert.match(
        selftest.stdout,
        new RegExp(
          `^${name}@${version}: ${fixtures.length - skipped} passed, 0 failed, ${skipped} skipped$`,
          "m",
        ),
      );

      const cli = expectExit(
        await ratchet(["predict", name, "--input", input, "--format", "json", "--root", root]),
      );
      const expected = JSON.parse(cli.stdout);
      const args = ["predict.mjs", join(result.dir, "predictor.js"), input];
      // Deno runs the same engine as ratchet: bit for bit.
      const deno = await run(Deno.execPath(), ["run", "--allow-read", ...args], root);
      assert.equal(deno.code, 0, deno.stderr);
      assert.deepEqual(JSON.parse(deno.stdout), expected);
      // Node's Math.exp may differ from Deno's in the last bit; labels and values agree to 1e-13.
      const node = await run("node", args, root);
      assert.equal(node.code, 0, node.stderr);
      JSON.parse(node.stdout).forEach((p: Record<string, unknown>, i: number) => {
        const e = expected[i];
        assert.equal(
          p.prediction === e.prediction || Math.abs(Number(p.prediction) - e.prediction) <= 1e-13,
          true,
        );
        for (const [label, q] of Object.entries(e.probabilities ?? {})) {
          assert(
            Math.abs((p.probabilities as Record<string, number>)[label]! - (q as number)) <= 1e-13,
          );
        }
      });
    }
  }));

Deno.test("ratchet export prints what it wrote; again, it leaves the bundle as it is", () =>
  withProject(async (root) => {
    copyDemo(root);
    const args = ["export", "temp-tomorrow@1", "--out", "dist", "--sql", "duckdb", "--root", root];
    const first = expectExit(await ratchet(args, { cwd: root }));
    assert.match(
      first.stdout,
      /^Exported temp-tomorrow@1 to dist\/temp-tomorrow-1\/ and dist\/temp-tomorrow-1\.tar\.gz$/m,
    );
    assert.match(first.stdout, /^predictor\.js +\d+ +[0-9a-f]{12}$/m);
    assert.match(first.stdout, /^score\.sql +\d+ +[0-9a-f]{12}$/m);
    assert.match(first.stdout, /^Check it: node dist\/temp-tomorrow-1\/selftest\.js$/m);
    const again = expectExit(await ratchet(args, { cwd: root }));
    assert.match(again.stdout, /already holds this bundle of temp-tomorrow@1/);
    const different = await ratchet(["export", "temp-tomorrow", "--out", "dist", "--root", root], {
      cwd: root,
    });
    expectExit(different, 2);
    assert.match(different.stderr, /a different bundle is there \(.*an extra score\.sql\)/);
  }));

Deno.test("ratchet export --sql of a model whose plugin has no toSQL exits 2 naming the plugin", () =>
  withProject(async (root) => {
    await publishArtifact(root, "nb", {
      format: "ratchet.model/v1",
      plugin: { id: "gaussian_nb", version: "^1.0.0" },
      task: "binary",
      features: [{ name: "x", type: "number" }],
      target: { name: "y", labels: ["no", "yes"] },
      coefficients: { class_prior: [0.5, 0.5], theta: [[0], [2]], var: [[1], [1]] },
      provenance: { created: "2026-01-01T00:00:00Z", source: "test" },
    });
    const r = await ratchet([
      "export",
      "nb",
      "--out",
      join(root, "dist"),
      "--sql",
      "postgres",
      "--root",
      root,
    ]);
    expectExit(r, 2);
    assert.match(r.stderr, /its plugin gaussian_nb \(1\.0\.0\) has no SQL form \(toSQL\)/);
    expectExit(await ratchet(["export", "nb", "--out", join(root, "dist"), "--root", root]));
    const bad = await ratchet(["export", "nb", "--sql", "oracle", "--root", root]);
    expectExit(bad, 2);
    assert.match(bad.stderr, /Allowed choices are duckdb, postgres/);
  }));

Deno.test("ratchet export --help shows examples", async () => {
  const r = expectExit(await ratchet(["export", "--help"]));
  assert.match(r.stdout, /Examples:\n {2}ratchet export rain-tomorrow\n/);
  assert.match(r.stdout, /--sql <dialect>/);
});
