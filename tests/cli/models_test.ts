import assert from "node:assert/strict";
import { join } from "node:path";
import { linearArtifact } from "./_artifacts.ts";
import { ratchet, withProject } from "./_ratchet.ts";

function write(root: string, name: string, text: string): string {
  const path = join(root, name);
  Deno.writeTextFileSync(path, text);
  return path;
}

Deno.test("models add publishes, prints {name, version, sha256}, and list/show/alias work", () =>
  withProject(async (root) => {
    const file = write(root, "a.json", JSON.stringify(linearArtifact()));
    const first = await ratchet(["models", "add", "prices", file, "--root", root]);
    assert.equal(first.code, 0, first.stderr);
    const out = JSON.parse(first.stdout);
    assert.deepEqual(Object.keys(out), ["name", "version", "sha256"]);
    assert.equal(out.version, 1);
    assert.match(out.sha256, /^[0-9a-f]{64}$/);
    assert.equal(
      JSON.parse((await ratchet(["models", "add", "prices", file, "--root", root])).stdout).version,
      2,
    );

    const alias = await ratchet(["models", "alias", "prices@1", "champion", "--root", root]);
    assert.equal(alias.code, 0, alias.stderr);
    const list = JSON.parse((await ratchet(["models", "list", "--json", "--root", root])).stdout);
    assert.deepEqual(list, [{
      name: "prices",
      versions: [1, 2],
      latest: 2,
      champion: 1,
      challenger: null,
      plugin: "linear",
      task: "regression",
    }]);
    const human = await ratchet(["models", "list", "--root", root]);
    assert.match(human.stdout, /prices\s+2\s+2\s+1/);

    const show = JSON.parse(
      (await ratchet(["models", "show", "prices", "--json", "--root", root])).stdout,
    );
    assert.equal(show.version, 1, "NAME alone means the champion");
    assert.deepEqual(show.aliases, { champion: 1 });
    assert.equal(show.sha256, out.sha256);
    const text = await ratchet(["models", "show", "prices@2", "--root", root]);
    assert.match(text.stdout, /prices@2/);
    assert.match(text.stdout, /plan: category \["basic", "pro"\]/);
  }));

Deno.test("models add --version is idempotent for the same bytes and refuses other bytes", () =>
  withProject(async (root) => {
    const a = write(root, "a.json", JSON.stringify(linearArtifact()));
    const b = write(
      root,
      "b.json",
      JSON.stringify(linearArtifact({ coefficients: { intercept: 1, weights: [2, 0, 6] } })),
    );
    assert.equal(
      (await ratchet(["models", "add", "m", a, "--version", "3", "--root", root])).code,
      0,
    );
    const same = await ratchet(["models", "add", "m", a, "--version", "3", "--root", root]);
    assert.equal(same.code, 0, same.stderr);
    const other = await ratchet(["models", "add", "m", b, "--version", "3", "--root", root]);
    assert.equal(other.code, 2);
    assert.match(
      other.stderr,
      /Cannot publish m@3: version 3 exists with different content \(sha256 [0-9a-f]{12}… ≠ [0-9a-f]{12}…\)/,
    );
  }));

Deno.test("models add refuses bad artifacts with the path and writes nothing", () =>
  withProject(async (root) => {
    const good = JSON.stringify(linearArtifact(), null, 2);
    const cases: [string, string, RegExp][] = [
      [
        "malformed",
        good.replace('"task"', "task"),
        /Invalid JSON in .*malformed\.json at line \d+, column \d+/,
      ],
      ["truncated", good.slice(0, good.length / 2), /the JSON is truncated/],
      [
        "duplicate",
        good.replace('"task": "regression"', '"task": "regression", "task": "binary"'),
        /duplicate key "task"/,
      ],
      [
        "nan",
        good.replace('"intercept": 1', '"intercept": NaN'),
        /NaN is not valid JSON.*|\$\.coefficients\.intercept/,
      ],
      [
        "infinity",
        good.replace('"intercept": 1', '"intercept": Infinity'),
        /Infinity is not valid JSON/,
      ],
      [
        "overflow",
        good.replace('"intercept": 1', '"intercept": 1e999'),
        /\(\$\.coefficients\.intercept\): number 1e999 is too large/,
      ],
      [
        "shape",
        JSON.stringify(linearArtifact({ coefficients: { intercept: 1, weights: [2, 0] } })),
        /\$\.coefficients\.weights/,
      ],
      [
        "plugin",
        JSON.stringify(linearArtifact({ plugin: { id: "svm", version: "^1.0.0" } })),
        /Unknown plugin svm .*Installed plugins: .*linear/,
      ],
      [
        "version",
        JSON.stringify(linearArtifact({ plugin: { id: "linear", version: "^2.0.0" } })),
        /Plugin linear is version 1\.\d+\.\d+, which does not satisfy \^2\.0\.0/,
      ],
      ["schema", JSON.stringify(linearArtifact({ task: "ranking" })), /\$\.task/],
      ["empty", "", /the input is empty/],
    ];
    for (const [name, text, pattern] of cases) {
      const file = write(root, `${name}.json`, text);
      const r = await ratchet(["models", "add", "m", file, "--root", root]);
      assert.equal(r.code, 2, `${name}: ${r.stdout}`);
      assert.match(r.stderr, pattern, name);
      assert.doesNotMatch(r.stderr, /\n\s+at /, `${name}: no stack trace for a user error`);
    }
    assert.ok(
      !(await Deno.stat(join(root, "models", "m", "versions")).then(() => true, () => false)),
      "nothing written",
    );
  }));

Deno.test("model names that could escape models/ are refused and nothing is written outside it", () =>
  withProject(async (root) => {
    const file = write(root, "a.json", JSON.stringify(linearArtifact()));
    for (const name of ["..", "../escape", "a/b", "a\\b", "%2e%2e", "x".repeat(256)]) {
      const r = await ratchet(["models", "add", name, file, "--root", root]);
      assert.equal(r.code, 2, name);
      assert.match(r.stderr, /Invalid model name/, name);
    }
    assert.deepEqual([...Deno.readDirSync(root)].map((e) => e.name), ["a.json"]);
    const dotdot = await ratchet(["predict", "../x@1", "--input", file, "--root", root]);
    assert.match(dotdot.stderr, /Invalid model name/);
  }));

Deno.test("an artifact edited on disk is refused by its hash", () =>
  withProject(async (root) => {
    const file = write(root, "a.json", JSON.stringify(linearArtifact()));
    await ratchet(["models", "add", "m", file, "--root", root]);
    const path = join(root, "models", "m", "versions", "1.json");
    Deno.writeTextFileSync(
      path,
      Deno.readTextFileSync(path).replace('"intercept": 1', '"intercept": 1.5'),
    );
    const r = await ratchet(["models", "show", "m", "--root", root]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /was changed after publication/);
  }));

Deno.test("--help teaches every command and exits 0; a typo exits 2 with a suggestion", async () => {
  for (
    const cmd of [[], ["models"], ["models", "add"], ["predict"], ["evaluate"], ["train"], [
      "plugins",
      "show",
    ], ["workbench"]]
  ) {
    const r = await ratchet([...cmd, "--help"]);
    assert.equal(r.code, 0, cmd.join(" "));
    assert.match(r.stdout, /Usage: ratchet/);
    const group = cmd.length === 1 && ["models", "plugins"].includes(cmd[0]!);
    if (cmd.length && !group) {
      assert.match(r.stdout, /--root <dir>/, `${cmd.join(" ")} takes --root`);
    }
  }
  const typo = await ratchet(["predcit"]);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /Did you mean predict/);
});
