/**
 * `ratchet fixtures add`, `list` and `check`: recording cases, also from
 * processes running at once.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { linearArtifact, publishArtifact } from "./_artifacts.ts";
import { addCase, fixtures } from "./_fixtures.ts";
import { expectExit, withProject } from "./_ratchet.ts";

Deno.test("fixtures add records the champion's output; list and check show it", () =>
  withProject(async (root) => {
    await publishArtifact(root, "prices", linearArtifact(), { alias: "champion" });
    const added = expectExit(await addCase(root, "prices", '{"id": 7, "x": 3, "plan": "pro"}'));
    const a = JSON.parse(added.stdout);
    assert.match(added.stderr, /prices@1 does not use id: not kept in the case/);
    assert.match(a.id, /^f_[0-9a-f]{12}$/);
    assert.equal(a.mode, "snapshot");
    assert.equal(a.kind, "sample");
    assert.deepEqual(a.input, { x: 3, plan: "pro" });
    assert.deepEqual(a.expect, { prediction: 1 + 2 * 3 + 5 });
    assert.equal(a.tolerance, 1e-9);
    assert.equal(a.recorded_with.version, 1);
    assert.match(a.provenance.by, / via ratchet fixtures add$/);

    const row = join(root, "row.json");
    Deno.writeTextFileSync(row, '{"x": null, "plan": "basic"}');
    const b = JSON.parse(
      expectExit(
        await fixtures(root, [
          ...["add", "prices", "--input", row],
          ...["--kind", "outlier", "--note", "x missing: imputed as 10", "--by", "ops"],
          ...["--dataset", "sales", "--partition", "2026-11", "--row-key", "order-17"],
        ]),
      ).stdout,
    );
    assert.equal(b.kind, "outlier");
    assert.deepEqual(b.expect, { prediction: 1 + 2 * 10 });
    assert.deepEqual(
      { ...b.provenance, added: undefined },
      {
        added: undefined,
        by: "ops",
        note: "x missing: imputed as 10",
        dataset: "sales",
        partition: "2026-11",
        row_key: "order-17",
      },
    );

    const file = Deno.readTextFileSync(join(root, "models", "prices", "fixtures.jsonl"));
    assert.deepEqual(file.trimEnd().split("\n").map((l) => JSON.parse(l)), [a, b]);
    assert.deepEqual(
      JSON.parse(expectExit(await fixtures(root, ["list", "prices", "--json"])).stdout),
      [a, b],
    );
    const list = expectExit(await fixtures(root, ["list", "prices"])).stdout;
    assert.match(list, /^id\s+kind\s+mode\s+status\s+expected\s+tolerance\s+added\s+note$/m);
    assert.match(
      list,
      new RegExp(
        `^${b.id}\\s+outlier\\s+snapshot\\s+active\\s+21\\s+1e-9\\s+\\d{4}-\\d\\d-\\d\\d\\s+x missing`,
        "m",
      ),
    );

    const check = expectExit(await fixtures(root, ["check", "prices"]));
    assert.equal(check.stdout, "prices@1: 2 passed, 0 failed, 0 skipped\n");
  }));

Deno.test("concurrent `fixtures add` processes all land in the file", () =>
  withProject(async (root) => {
    await publishArtifact(root, "prices", linearArtifact(), { alias: "champion" });
    const runs = await Promise.all(
      Array.from({ length: 6 }, (_, i) => addCase(root, "prices", `{"x": ${i}, "plan": "basic"}`)),
    );
    for (const r of runs) expectExit(r);
    const cases = JSON.parse(expectExit(await fixtures(root, ["list", "prices", "--json"])).stdout);
    assert.deepEqual(cases.map((c: { input: { x: number } }) => c.input.x).sort(), [
      0,
      1,
      2,
      3,
      4,
      5,
    ]);
    assert.equal(
      expectExit(await fixtures(root, ["check", "prices"])).stdout,
      "prices@1: 6 passed, 0 failed, 0 skipped\n",
    );
  }));
