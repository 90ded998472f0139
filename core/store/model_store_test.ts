import assert from "node:assert/strict";
import { join } from "node:path";
import { RatchetError } from "../errors/mod.ts";
import type { ArtifactBody } from "../artifact/mod.ts";
import { ModelStore } from "./model_store.ts";
import { runDenoScript } from "../testing/run_deno_script.ts";

function body(weight = 2): ArtifactBody {
  return {
    format: "ratchet.model/v1",
    plugin: { id: "linear", version: "^1.0.0" },
    task: "regression",
    features: [{ name: "x", type: "number" }],
    target: { name: "y" },
    preprocessing: [],
    coefficients: { intercept: 1, weights: [weight] },
    hyperparameters: {},
    provenance: { created: "2026-11-27T00:00:00.000Z", source: "test" },
  };
}

function withStore(fn: (store: ModelStore, root: string) => void | Promise<void>) {
  return async () => {
    const root = Deno.makeTempDirSync({ prefix: "ratchet-store-" });
    try {
      await fn(new ModelStore(root), root);
    } finally {
      Deno.removeSync(root, { recursive: true });
    }
  };
}

Deno.test(
  "publish assigns the next version and load verifies it",
  withStore((store) => {
    const a = store.publish("m", body(1));
    const b = store.publish("m", body(2));
    assert.deepEqual([a.version, b.version], [1, 2]);
    assert.ok(a.created && b.created);
    assert.deepEqual(store.versions("m"), [1, 2]);
    assert.deepEqual(store.names(), ["m"]);
    const loaded = store.load("m");
    assert.equal(loaded.version, 2);
    assert.equal(loaded.sha256, b.sha256);
    assert.deepEqual(loaded.coefficients, { intercept: 1, weights: [2] });
  }),
);

Deno.test(
  "republishing a version: same bytes is a no-op, other bytes are refused",
  withStore((store) => {
    const first = store.publish("m", body(1), { version: 4 });
    const again = store.publish("m", body(1), { version: 4 });
    assert.equal(again.created, false);
    assert.equal(again.sha256, first.sha256);
    assert.throws(() => store.publish("m", body(9), { version: 4 }), (e: unknown) => {
      assert.ok(e instanceof RatchetError && e.status === 409);
      assert.match(
        e.message,
        /Cannot publish m@4: version 4 exists with different content \(sha256 [0-9a-f]{12}… ≠ [0-9a-f]{12}…\)/,
      );
      return true;
    });
    assert.deepEqual(store.load("m", 4).coefficients, { intercept: 1, weights: [1] });
  }),
);

Deno.test(
  "an artifact edited on disk is refused on load by its hash",
  withStore((store) => {
    const { path } = store.publish("m", body(1));
    const text = Deno.readTextFileSync(path);
    Deno.writeTextFileSync(path, text.replace('"weights": [1]', '"weights": [1.0001]'));
    assert.throws(() => store.load("m", 1), /was changed after publication/);
    // Reformatting alone does not change the content, so it still loads.
    Deno.writeTextFileSync(path, JSON.stringify(JSON.parse(text)));
    assert.equal(store.load("m", 1).version, 1);
  }),
);

Deno.test(
  "a version file moved by hand is refused",
  withStore((store) => {
    const { path } = store.publish("m", body(1));
    Deno.renameSync(path, path.replace("1.json", "7.json"));
    assert.throws(() => store.load("m", 7), /says it is m@1/);
  }),
);

Deno.test(
  "aliases point at existing versions; the default reference is the champion",
  withStore((store) => {
    store.publish("m", body(1));
    store.publish("m", body(2));
    assert.equal(store.resolve("m", undefined), 2);
    store.setAlias("m", "champion", 1);
    assert.equal(store.resolve("m", undefined), 1);
    assert.equal(store.load("m", "champion").version, 1);
    assert.throws(() => store.resolve("m", "challenger"), /has no challenger/);
    assert.throws(() => store.setAlias("m", "challenger", 9), /No version 9 of m/);
    assert.throws(
      () => store.load("nope"),
      (e: unknown) => e instanceof RatchetError && e.status === 404,
    );
  }),
);

Deno.test(
  "bad names never touch the file system outside models/",
  withStore((store, root) => {
    for (const name of ["../x", "a/b", "%2e%2e", "a\0b", "..", "x".repeat(300)]) {
      assert.throws(() => store.publish(name, body()), /Invalid model name/);
    }
    assert.deepEqual([...Deno.readDirSync(root)].map((e) => e.name), []);
  }),
);

Deno.test(
  "invalid bodies are refused before anything is written",
  withStore((store) => {
    const bad = { ...body(), task: "clustering" } as unknown as ArtifactBody;
    assert.throws(() => store.publish("m", bad), /\$\.task/);
    assert.deepEqual(store.versions("m"), []);
  }),
);

Deno.test(
  "two processes publishing at once both land, nothing lost or half-written",
  withStore(async (store, root) => {
    const storeUrl = new URL("./model_store.ts", import.meta.url).href;
    const script = `import { ModelStore } from ${JSON.stringify(storeUrl)};
const store = new ModelStore(Deno.args[0]);
const tag = Deno.args[1];
for (let i = 0; i < 25; i++) {
  store.publish("race", { format: "ratchet.model/v1", plugin: { id: "linear", version: "^1.0.0" }, task: "regression",
    features: [{ name: "x", type: "number" }], target: { name: "y" }, preprocessing: [],
    coefficients: { intercept: 0, weights: [i] }, hyperparameters: {},
    provenance: { created: "2026-11-27T00:00:00.000Z", source: tag } });
}`;
    const results = await Promise.all([
      runDenoScript(script, [root, "a"]),
      runDenoScript(script, [root, "b"]),
    ]);
    for (const r of results) assert.ok(r.success, r.stderr);
    const versions = store.versions("race");
    assert.deepEqual(versions, Array.from({ length: 50 }, (_, i) => i + 1));
    const sources = versions.map((v) => store.load("race", v).provenance.source);
    assert.equal(sources.filter((s) => s === "a").length, 25);
    assert.equal(sources.filter((s) => s === "b").length, 25);
    const leftovers = [...Deno.readDirSync(join(store.modelDir("race"), "versions"))].filter((e) =>
      e.name.endsWith(".tmp")
    );
    assert.deepEqual(leftovers, []);
  }),
);
