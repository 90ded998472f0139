import assert from "node:assert/strict";
import { join } from "node:path";
import { parseFixtures } from "../fixtures/mod.ts";
import { ALL_MODELS, runDeno, runNode, withExportProject } from "./_test_project.ts";
import { exportBundle } from "./export_bundle.ts";

Deno.test("selftest.js checks every fixture and passes under Node and Deno, for every model", async (t) => {
  await withExportProject(async (project) => {
    const out = Deno.makeTempDirSync({ prefix: "ratchet-bundles-" });
    try {
      for (const name of ALL_MODELS) {
        await t.step(name, async () => {
          const { dir } = await exportBundle(project, { name, ref: undefined }, {
            out,
            commit: null,
          });
          const cases = parseFixtures(Deno.readTextFileSync(join(dir, "fixtures.jsonl")), "f");
          // Superseded cases are skipped; every other one is checked and passes.
          const skipped = cases.filter((c) => c.superseded).length;
          const summary = `${name}@${project.store.resolve(name, undefined)}: ${
            cases.length - skipped
          } passed, 0 failed, ${skipped} skipped`;
          const node = await runNode(["selftest.js"], dir);
          assert.equal(node.code, 0, node.stdout + node.stderr);
          assert.equal(node.stdout.trim(), summary);
          const deno = await runDeno(["run", "--allow-read", "selftest.js"], dir);
          assert.equal(deno.code, 0, deno.stdout + deno.stderr);
          assert.equal(deno.stdout.trim(), summary);
        });
      }
    } finally {
      Deno.removeSync(out, { recursive: true });
    }
  });
});

/** Each kind of expectation, made wrong: a snapshot's probability, a contract's label or value, a bound. */
function spoil(line: string): string {
  const f = JSON.parse(line);
  if (f.expect.probabilities) {
    const label = Object.keys(f.expect.probabilities)[0]!;
    f.expect.probabilities[label] += 0.01;
  } else if (f.expect.bounds) {
    const label = Object.keys(f.expect.bounds)[0]!;
    f.expect.bounds[label] = [2, 3];
  } else if (typeof f.expect.prediction === "number") f.expect.prediction += 2 * f.tolerance + 1;
  else f.expect.prediction = "no such class";
  return JSON.stringify(f);
}

Deno.test("selftest.js fails with exit code 1, naming the case, when a fixture expects another output", async (t) => {
  await withExportProject(async (project) => {
    const out = Deno.makeTempDirSync({ prefix: "ratchet-bundles-" });
    try {
      for (const name of ["rain-tomorrow", "temp-tomorrow", "tree-multiclass", "nb-binary"]) {
        const { dir } = await exportBundle(project, { name, ref: undefined }, {
          out,
          commit: null,
        });
        const path = join(dir, "fixtures.jsonl");
        const lines = Deno.readTextFileSync(path).trimEnd().split("\n");
        // Spoil the first and the last case that is checked (a superseded one is skipped).
        const checked = lines.flatMap((l, k) => (JSON.parse(l).superseded ? [] : [k]));
        const skipped = lines.length - checked.length;
        const version = project.store.resolve(name, undefined);
        for (const k of [checked[0]!, checked.at(-1)!]) {
          await t.step(`${name}, case ${k + 1}`, async () => {
            const edited = lines.map((l, j) => (j === k ? spoil(l) : l));
            Deno.writeTextFileSync(path, edited.join("\n") + "\n");
            const id = JSON.parse(lines[k]!).id;
            const summary = `${name}@${version}: ${
              checked.length - 1
            } passed, 1 failed, ${skipped} skipped`;
            for (
              const run of [
                await runNode(["selftest.js"], dir),
                await runDeno(["run", "--allow-read", "selftest.js"], dir),
              ]
            ) {
              assert.equal(run.code, 1, run.stdout + run.stderr);
              assert.match(run.stdout, new RegExp(`^FAILED ${id} \\(`, "m"));
              assert(run.stdout.trim().endsWith(summary), run.stdout);
            }
          });
        }
        Deno.writeTextFileSync(path, lines.join("\n") + "\n");
        assert.equal((await runNode(["selftest.js"], dir)).code, 0, "restored, it passes again");
      }
    } finally {
      Deno.removeSync(out, { recursive: true });
    }
  });
});

Deno.test("selftest.js can be imported: selftest() resolves to the report and sets no exit code", async () => {
  await withExportProject(async (project) => {
    const out = Deno.makeTempDirSync({ prefix: "ratchet-bundles-" });
    try {
      const { dir } = await exportBundle(project, { name: "rain-tomorrow", ref: undefined }, {
        out,
        commit: null,
      });
      const script = join(out, "import.mjs");
      Deno.writeTextFileSync(
        script,
        `const { selftest } = await import(${
          JSON.stringify(new URL(`file://${dir}/selftest.js`).href)
        });
const report = await selftest();
console.log(JSON.stringify({ ok: report.ok, passed: report.passed, results: report.results.length }));`,
      );
      const run = await runNode([script], out);
      assert.equal(run.code, 0, run.stderr);
      const cases = parseFixtures(Deno.readTextFileSync(join(dir, "fixtures.jsonl")), "f");
      const passed = cases.filter((c) => !c.superseded).length;
      // Imported, it judges but does not print the summary: that is for the main module only.
      assert.deepEqual(JSON.parse(run.stdout), { ok: true, passed, results: cases.length });
    } finally {
      Deno.removeSync(out, { recursive: true });
    }
  });
});
