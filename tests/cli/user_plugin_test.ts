import assert from "node:assert/strict";
import { join } from "node:path";
import { ratchet, withProject } from "./_ratchet.ts";

const CONTRACT = new URL("../../core/contract/mod.ts", import.meta.url).href;

/** A third-party plugin, as a user drops it into their project's plugins/ folder. */
const PLUGIN = `
import { CoefficientReader, definePlugin } from ${JSON.stringify(CONTRACT)};
export default definePlugin({
  id: "offset",
  version: "2.1.0",
  description: "predicts the first input plus a constant",
  tasks: ["regression"],
  parse(raw) {
    return { offset: new CoefficientReader(raw).object(["offset"]).field("offset").number() };
  },
  compile(c) {
    return {
      width: 1,
      predictBatch(columns, n, out = new Float64Array(n)) {
        for (let i = 0; i < n; i++) out[i] = columns[0][i] + c.offset;
        return out;
      },
      predictRow(row, out = new Float64Array(1)) {
        out[0] = row[0] + c.offset;
        return out;
      },
    };
  },
});
`;

const artifact = (version: string) => ({
  format: "ratchet.model/v1",
  plugin: { id: "offset", version },
  task: "regression",
  features: [{ name: "x", type: "number" }],
  target: { name: "y" },
  coefficients: { offset: 10 },
  provenance: { created: "2026-11-27T00:00:00.000Z", source: "test" },
});

Deno.test("a plugin dropped into <root>/plugins/<id>/mod.ts is found, listed and used", () =>
  withProject(async (root) => {
    Deno.mkdirSync(join(root, "plugins", "offset"), { recursive: true });
    Deno.writeTextFileSync(join(root, "plugins", "offset", "mod.ts"), PLUGIN);
    const list = JSON.parse((await ratchet(["plugins", "list", "--json", "--root", root])).stdout);
    assert.ok(
      list.some((p: { id: string; version: string }) => p.id === "offset" && p.version === "2.1.0"),
    );
    Deno.writeTextFileSync(join(root, "m.json"), JSON.stringify(artifact("^2.0.0")));
    const add = await ratchet(["models", "add", "m", join(root, "m.json"), "--root", root]);
    assert.equal(add.code, 0, add.stderr);
    const pred = await ratchet(
      ["predict", "m", "--input", "-", "--format", "json", "--root", root],
      { stdin: '{"x": 5}' },
    );
    assert.deepEqual(JSON.parse(pred.stdout), [{ prediction: 15 }]);
    Deno.writeTextFileSync(join(root, "old.json"), JSON.stringify(artifact("^1.0.0")));
    const old = await ratchet(["models", "add", "m", join(root, "old.json"), "--root", root]);
    assert.equal(old.code, 2);
    assert.match(old.stderr, /Plugin offset is version 2\.1\.0, which does not satisfy \^1\.0\.0/);
  }));

Deno.test("a broken plugin folder is an error naming the file", () =>
  withProject(async (root) => {
    Deno.mkdirSync(join(root, "plugins", "broken"), { recursive: true });
    Deno.writeTextFileSync(
      join(root, "plugins", "broken", "mod.ts"),
      "export default { id: 'Broken!' };\n",
    );
    const r = await ratchet(["plugins", "list", "--root", root]);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /Invalid plugin in .*plugins\/broken\/mod\.ts: id "Broken!" must be lower case/,
    );
    Deno.writeTextFileSync(join(root, "plugins", "broken", "mod.ts"), PLUGIN);
    const mismatch = await ratchet(["plugins", "list", "--root", root]);
    assert.match(mismatch.stderr, /its id offset must equal its folder name broken/);
  }));

Deno.test("versions and references with path tricks are refused by the CLI", () =>
  withProject(async (root) => {
    Deno.writeTextFileSync(join(root, "m.json"), JSON.stringify(artifact("^2.0.0")));
    for (const v of ["../1", "1/..", "%2e%2e", "0", "01", "1e3"]) {
      const r = await ratchet([
        "models",
        "add",
        "m",
        join(root, "m.json"),
        "--version",
        v,
        "--root",
        root,
      ]);
      assert.equal(r.code, 2, `${v}: ${r.code} ${r.stderr}`);
      assert.match(r.stderr, /Invalid model version/, v);
    }
    for (const ref of ["m@..", "m@../1", "m@%2e%2e"]) {
      const r = await ratchet(["models", "show", ref, "--root", root]);
      assert.equal(r.code, 2, ref);
      assert.match(r.stderr, /Invalid model reference|Invalid model version/, ref);
    }
    assert.deepEqual([...Deno.readDirSync(root)].map((e) => e.name).sort(), ["m.json"]);
  }));
