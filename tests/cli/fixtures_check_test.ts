/**
 * `ratchet fixtures check` catching a changed model, and `fixtures
 * supersede` retiring a case.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Artifact } from "../../core/artifact/mod.ts";
import { linearArtifact, publishArtifact } from "./_artifacts.ts";
import { addCase, fixtures } from "./_fixtures.ts";
import { expectExit, ratchet, withProject } from "./_ratchet.ts";

/** Every feature of `artifact` with a plain value: numbers 1.5, booleans true, categories their first level. */
function rowFor(artifact: Artifact): Record<string, unknown> {
  return Object.fromEntries(artifact.features.map((f) => [
    f.name,
    f.type === "number" ? 1.5 : f.type === "boolean" ? true : f.levels![0],
  ]));
}

/** A copy with the weight of the first numeric feature (1.5 in `rowFor`, so it counts) moved by 0.01. */
function oneWeightChanged(artifact: Artifact): Artifact {
  const changed = structuredClone(artifact);
  const numeric = new Set(changed.features.filter((f) => f.type === "number").map((f) => f.name));
  const k = (changed.inputs ?? changed.features.map((f) => f.name)).findIndex((i) =>
    numeric.has(i)
  );
  assert.ok(k >= 0, `${artifact.name} has a numeric feature`);
  const weights = (changed.coefficients as { weights: number[] | number[][] }).weights;
  if (Array.isArray(weights[0])) weights[0][k]! += 0.01;
  else (weights as number[])[k]! += 0.01;
  return changed;
}

Deno.test("every linear or logistic demo model: a copy with one coefficient changed fails `fixtures check`, naming the case, expected, actual and tolerance", async () => {
  const models = new URL("../../models/", import.meta.url);
  const demos: [string, Artifact][] = [];
  for (const entry of Deno.readDirSync(models)) {
    const versions = new URL(`${entry.name}/versions/`, models);
    let files: Deno.DirEntry[] = [];
    try {
      files = entry.isDirectory ? [...Deno.readDirSync(versions)] : [];
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
    for (const v of files.filter((f) => f.name.endsWith(".json"))) {
      const artifact = JSON.parse(Deno.readTextFileSync(new URL(v.name, versions)));
      if (["linear", "logistic"].includes(artifact.plugin.id)) demos.push([entry.name, artifact]);
    }
  }
  assert.ok(demos.length > 0, "the repository ships at least one linear or logistic demo model");
  for (const [name, artifact] of demos) {
    await withProject(async (root) => {
      await publishArtifact(root, name, artifact, { alias: "champion" });
      const row = rowFor(artifact);
      const f = JSON.parse(expectExit(await addCase(root, name, JSON.stringify(row))).stdout);
      expectExit(await fixtures(root, ["check", name]));

      await publishArtifact(root, name, oneWeightChanged(artifact));

      const check = await fixtures(root, ["check", `${name}@2`]);
      expectExit(check, 1);
      const predicted = JSON.parse(
        expectExit(
          await ratchet([
            "predict",
            `${name}@2`,
            "--input",
            "-",
            "--format",
            "json",
            "--root",
            root,
          ], {
            stdin: JSON.stringify(row),
          }),
        ).stdout,
      )[0];
      const lines = check.stdout.split("\n");
      assert.ok(lines[0]!.startsWith(`FAIL ${f.id} (sample snapshot)`), check.stdout);
      assert.match(lines[1]!, /away from .* \(tolerance 1e-9\)/);
      assert.equal(lines[2], `  expected   ${JSON.stringify(f.expect)}`);
      assert.equal(lines[3], `  actual     ${JSON.stringify(predicted)}`);
      assert.equal(lines[4], "  tolerance  1e-9");
      assert.equal(lines[5], `${name}@2: 0 passed, 1 failed, 0 skipped`);
      expectExit(await fixtures(root, ["check", `${name}@1`]), 0);
    });
  }
});

Deno.test("supersede retires a case: check skips it with the reason, and its input can be recorded again", () =>
  withProject(async (root) => {
    await publishArtifact(root, "prices", linearArtifact(), { alias: "champion" });
    const row = '{"x": 1, "plan": "pro"}';
    const a = JSON.parse(expectExit(await addCase(root, "prices", row)).stdout);
    await publishArtifact(
      root,
      "prices",
      linearArtifact({ coefficients: { intercept: 1, weights: [2, 0, 6] } }),
      { alias: "champion" },
    );
    const failing = expectExit(await fixtures(root, ["check", "prices"]), 1);
    assert.match(
      failing.stdout,
      new RegExp(`FAIL ${a.id}[^]*prediction 9 is 1\\.00 away from 8 \\(tolerance 1e-9\\)`),
    );

    const reason = "v2 charges pro customers one more";
    const retired = JSON.parse(
      expectExit(await fixtures(root, ["supersede", "prices", a.id, "--reason", reason])).stdout,
    );
    assert.deepEqual({ ...retired, superseded: undefined }, { ...a, superseded: undefined });
    assert.deepEqual([retired.superseded.version, retired.superseded.reason], [2, reason]);
    const skipped = expectExit(await fixtures(root, ["check", "prices"]));
    assert.match(
      skipped.stdout,
      new RegExp(`^SKIP ${a.id} \\(sample snapshot\\): superseded at version 2 on .*: ${reason}\n`),
    );
    assert.match(skipped.stdout, /prices@2: 0 passed, 0 failed, 1 skipped\n$/);

    const again = JSON.parse(expectExit(await addCase(root, "prices", row)).stdout);
    assert.equal(again.id, a.id);
    assert.deepEqual([again.expect, again.recorded_with.version], [{ prediction: 9 }, 2]);
    const json = JSON.parse(expectExit(await fixtures(root, ["check", "prices", "--json"])).stdout);
    assert.deepEqual(json.results.map((r: { status: string }) => r.status), ["skipped", "passed"]);
    assert.match(expectExit(await fixtures(root, ["list", "prices"])).stdout, /superseded at v2/);

    const twice = expectExit(
      await fixtures(root, ["supersede", "prices", "f_ffffffffffff", "--reason", "x"]),
      2,
    );
    assert.match(twice.stderr, new RegExp(`No case f_ffffffffffff in .*cases: ${a.id}`));
    assert.match(
      expectExit(await fixtures(root, ["supersede", "prices", a.id, "--reason", " "]), 2).stderr,
      /--reason must say why/,
    );
  }));
