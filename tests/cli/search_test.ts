/**
 * `ratchet search` as a user or a nightly job runs it, on a temp copy of the
 * demo (the seattle dataset, rain-tomorrow and temp-tomorrow): what it
 * publishes, what it leaves alone, its leaderboard, and its refusals.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ModelStore } from "../../core/store/mod.ts";
import { expectExit, ratchet } from "./_ratchet.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const CONTRACT = new URL("../../core/contract/mod.ts", import.meta.url).href;

/** A temp copy of the demo project. */
async function demoCopy(fn: (root: string) => Promise<void>): Promise<void> {
  const root = Deno.makeTempDirSync({ prefix: "ratchet-search-cli-" });
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

const WINDOWS = ["--train", "2012-01..2013-12", "--validate", "2014-01..2014-12"];

function search(root: string, name: string, ...args: string[]) {
  return ratchet(["search", name, "--dataset", "seattle", ...args, "--root", root]);
}

function aliases(root: string, name: string): string {
  return Deno.readTextFileSync(join(root, "models", name, "aliases.json"));
}

Deno.test("search rain-tomorrow --keep 2: publishes exactly 2 candidates, leaves the champion, writes the leaderboard", () =>
  demoCopy(async (root) => {
    const store = new ModelStore(root);
    const before = store.versions("rain-tomorrow");
    const championAliases = aliases(root, "rain-tomorrow");
    const space = join(root, "space.json");
    Deno.writeTextFileSync(
      space,
      JSON.stringify({ C: { min: 0.01, max: 100, log: true, points: 3 } }),
    );
    const r = expectExit(
      await search(
        root,
        "rain-tomorrow",
        "--plugin",
        "logistic",
        ...WINDOWS,
        "--grid",
        "--space",
        space,
        "--keep",
        "2",
        "--json",
        "-",
      ),
    );
    assert.equal(r.stderr, "", "nothing but JSON when piped");
    const board = JSON.parse(r.stdout);
    assert.equal(board.metric, "roc_auc", "the primary metric of requirements.json");
    assert.equal(board.planned, 3);
    assert.equal(board.published.length, 2);
    const after = store.versions("rain-tomorrow");
    assert.equal(after.length, before.length + 2);
    assert.deepEqual(board.published.map((p: { version: number }) => p.version), after.slice(-2));
    assert.equal(aliases(root, "rain-tomorrow"), championAliases);
    for (const p of board.published) {
      const artifact = store.load("rain-tomorrow", p.version);
      assert.equal(artifact.provenance.candidate, true);
      assert.equal((artifact.provenance.search as { id: string }).id, board.id);
      assert.deepEqual(artifact.provenance.window, { from: "2012-01", to: "2013-12" });
    }
    const json = JSON.parse(Deno.readTextFileSync(join(root, board.files.json)));
    assert.deepEqual(json, board);
    const html = Deno.readTextFileSync(join(root, board.files.html));
    assert.ok(html.startsWith("<!doctype html>") && html.includes("<svg"));
    assert.ok(
      !/<script|https?:\/\//.test(html.replace(/xmlns(:\w+)?="[^"]*"/g, "")),
      "self-contained",
    );
  }));

Deno.test("search temp-tomorrow --random --seed: two runs publish the same coefficients; a table for people", () =>
  demoCopy(async (root) => {
    const store = new ModelStore(root);
    const args = [
      "--plugin",
      "decision_tree",
      ...WINDOWS,
      "--random",
      "3",
      "--seed",
      "7",
      "--keep",
      "3",
    ];
    const first = expectExit(await search(root, "temp-tomorrow", ...args));
    assert.match(first.stdout, /ranked by rmse/);
    assert.match(first.stdout, /published temp-tomorrow@2, temp-tomorrow@3, temp-tomorrow@4/);
    assert.equal(first.stderr, "");
    expectExit(await search(root, "temp-tomorrow", ...args));
    assert.deepEqual(store.versions("temp-tomorrow"), [1, 2, 3, 4, 5, 6, 7]);
    for (let k = 0; k < 3; k++) {
      const a = store.load("temp-tomorrow", 2 + k), b = store.load("temp-tomorrow", 5 + k);
      assert.deepEqual(a.coefficients, b.coefficients);
      assert.deepEqual(a.hyperparameters, b.hyperparameters);
    }
    assert.equal(store.aliases("temp-tomorrow").champion, 1);
  }));

const FROZEN = `
import { definePlugin } from ${JSON.stringify(CONTRACT)};
export default definePlugin({
  id: "frozen", version: "1.0.0", description: "no fit", tasks: ["binary"],
  parse: (c) => Number(c),
  compile: (c) => ({
    width: 2,
    predictBatch: (_cols, n, out = new Float64Array(2 * n)) => out.fill(c, 0, 2 * n),
    predictRow: (_row, out = new Float64Array(2)) => out.fill(c),
  }),
});
`;

Deno.test("search: every bad input is an error with exit 2 that says what is wrong, and publishes nothing", () =>
  demoCopy(async (root) => {
    Deno.mkdirSync(join(root, "plugins", "frozen"), { recursive: true });
    Deno.writeTextFileSync(join(root, "plugins", "frozen", "mod.ts"), FROZEN);
    const file = (name: string, value: unknown) => {
      Deno.writeTextFileSync(join(root, name), JSON.stringify(value));
      return join(root, name);
    };
    const unknownParam = file("unknown.json", { gamma: [1, 2] });
    const emptyRange = file("empty.json", { C: { min: 10, max: 1 } });
    const emptyList = file("empty-list.json", { C: [] });
    const logistic = ["--plugin", "logistic"];
    const cases: [string[], RegExp][] = [
      [
        [...logistic, "--train", "2012-01..2014-06", "--validate", "2014-01..2014-12", "--grid"],
        /overlap \(2014-01 … 2014-06\)/,
      ],
      [
        [...logistic, "--train", "2030-01..2030-12", "--validate", "2014-01..2014-12", "--grid"],
        /--train 2030-01\.\.2030-12: dataset seattle has no rows/,
      ],
      [
        [...logistic, "--train", "2012-01..2013-12", "--validate", "2014-12..2014-01", "--grid"],
        /--validate 2014-12\.\.2014-01: 2014-12 is after 2014-01/,
      ],
      [["--plugin", "nope", ...WINDOWS, "--grid"], /Unknown plugin nope/],
      [["--plugin", "frozen", ...WINDOWS, "--grid"], /Plugin frozen has no fit/],
      [["--plugin", "linear", ...WINDOWS, "--grid"], /Plugin linear does not serve binary models/],
      [
        [...logistic, ...WINDOWS, "--grid", "--space", unknownParam],
        /parameter gamma: unknown parameter gamma for plugin logistic; known parameters: C,/,
      ],
      [
        [...logistic, ...WINDOWS, "--grid", "--space", emptyRange],
        /parameter C: .*the range is empty: min is greater than max/,
      ],
      [
        [...logistic, ...WINDOWS, "--grid", "--space", emptyList],
        /parameter C: .*list of values is empty/,
      ],
      [[...logistic, ...WINDOWS, "--grid", "--budget", "10"], /--budget 10: not a duration/],
      [
        [...logistic, ...WINDOWS, "--grid", "--budget", "1ms"],
        /budget of 1 ms ran out before .*Nothing was published; give a larger --budget/,
      ],
      [[...logistic, ...WINDOWS], /--grid .* or --random N/],
      [[...logistic, ...WINDOWS, "--grid", "--random", "3"], /--grid .* or --random N/],
      [
        [...logistic, ...WINDOWS, "--random", "three"],
        /--random three: expected a whole number ≥ 1/,
      ],
      [[...logistic, ...WINDOWS, "--grid", "--keep", "0"], /--keep 0: expected a whole number ≥ 1/],
      [
        [...logistic, "--train", "2012-01", "--validate", "2014-01..2014-12", "--grid"],
        /--train 2012-01: expected FROM\.\.TO/,
      ],
    ];
    const store = new ModelStore(root);
    const before = store.versions("rain-tomorrow").join();
    for (const [args, expected] of cases) {
      const r = expectExit(await search(root, "rain-tomorrow", ...args), 2, args.join(" "));
      assert.match(r.stderr, expected, args.join(" "));
    }
    assert.equal(store.versions("rain-tomorrow").join(), before);

    Deno.removeSync(join(root, "models", "temp-tomorrow", "aliases.json"));
    const r = expectExit(
      await search(root, "temp-tomorrow", "--plugin", "linear", ...WINDOWS, "--grid"),
      2,
    );
    assert.match(
      r.stderr,
      /temp-tomorrow has no champion.*ratchet models alias temp-tomorrow@VERSION champion/,
    );
  }));
