/**
 * What `ratchet fixtures` refuses, with exit code 2 and a message saying how
 * to fix it.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { logisticArtifact, publishArtifact } from "./_artifacts.ts";
import { addCase, fixtures } from "./_fixtures.ts";
import { expectExit, withProject } from "./_ratchet.ts";

Deno.test("refusals exit 2: a duplicate input, a row the model cannot read, a broken fixtures file (naming its line)", () =>
  withProject(async (root) => {
    await publishArtifact(root, "churn", logisticArtifact(), { alias: "champion" });
    const a = JSON.parse(expectExit(await addCase(root, "churn", '{"x": 1, "vip": true}')).stdout);
    const dup = expectExit(
      await addCase(root, "churn", '{"vip": true, "x": 1, "id": 3}', "--expect", "no"),
      2,
    );
    assert.match(
      dup.stderr,
      new RegExp(
        `This input already has a case: ${a.id}.*ratchet fixtures supersede churn ${a.id}`,
      ),
    );
    const unreadable = expectExit(await addCase(root, "churn", '{"x": "abc", "vip": true}'), 2);
    assert.match(
      unreadable.stderr,
      /Cannot add this row as a fixture of churn@1: row 1: feature "x" expects a number, found "abc"/,
    );
    const array = expectExit(await addCase(root, "churn", '[{"x": 1, "vip": true}]'), 2);
    assert.match(array.stderr, /stdin: expected one JSON object .* found an array/);
    const missing = expectExit(
      await fixtures(root, ["add", "churn", "--input", join(root, "nope.json")]),
      2,
    );
    assert.match(missing.stderr, /nope\.json does not exist/);
    const unknown = expectExit(await fixtures(root, ["check", "nope"]), 2);
    assert.match(unknown.stderr, /No model named nope/);
    assert.equal(expectExit(await fixtures(root, ["list", "nope"]), 2).code, 2);

    const path = join(root, "models", "churn", "fixtures.jsonl");
    Deno.writeTextFileSync(
      path,
      Deno.readTextFileSync(path) + "\n" + '{"id": "f_1", "kind": "sample"\n',
    );
    for (const args of [["check", "churn"], ["list", "churn"], ["add", "churn", "--input", "-"]]) {
      const r = expectExit(await fixtures(root, args, '{"x": 5, "vip": false}'), 2);
      assert.match(r.stderr, /fixtures\.jsonl line 3 .*truncated.*fix or delete line 3/);
    }
    Deno.writeTextFileSync(
      path,
      Deno.readTextFileSync(path).replace(
        '{"id": "f_1", "kind": "sample"\n',
        JSON.stringify({ ...a, kind: "guess" }) + "\n",
      ),
    );
    const bad = expectExit(await fixtures(root, ["check", "churn"]), 2);
    assert.match(bad.stderr, /Invalid fixture in .*fixtures\.jsonl line 3: \$\.kind: /);
  }));
