import assert from "node:assert/strict";
import { join } from "node:path";
import { definePlugin, PluginRegistry } from "../contract/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import { appendFixture, fixturesPath, recordFixture } from "../fixtures/mod.ts";
import { sha256Hex } from "../json/mod.ts";
import { compileModel } from "../model/mod.ts";
import type { Project } from "../project/mod.ts";
import linear from "../../plugins/linear/mod.ts";
import { runNode, withExportProject } from "./_test_project.ts";
import { exportBundle } from "./export_bundle.ts";
import { predictorSource } from "./predictor_source.ts";

const rain = { name: "rain-tomorrow", ref: undefined } as const;

/** The demo's rain-tomorrow bundle, named after the champion's version (read from its aliases). */
function rainBundle(project: Project): { version: number; bundle: string } {
  const version = project.store.resolve(rain.name, rain.ref);
  return { version, bundle: `${rain.name}-${version}` };
}

function files(dir: string): string[] {
  return [...Deno.readDirSync(dir)].map((e) => e.name).sort();
}

async function run(command: string, args: string[], cwd?: string) {
  const out = await new Deno.Command(command, { args, cwd, stdout: "piped", stderr: "piped" })
    .output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout);
}

Deno.test("the bundle holds what the issue lists, its manifest hashes every file, and tar extracts it to the same bytes", async () => {
  await withExportProject(async (project) => {
    const out = Deno.makeTempDirSync({ prefix: "ratchet-bundles-" });
    const { version, bundle } = rainBundle(project);
    try {
      const now = new Date("2026-03-04T05:06:07.000Z");
      const result = await exportBundle(project, rain, {
        out,
        sql: "duckdb",
        commit: "a".repeat(40),
        now,
      });
      assert.equal(result.dir, join(out, bundle));
      assert.equal(result.tarball, join(out, `${bundle}.tar.gz`));
      assert.equal(result.created, true);
      assert.deepEqual(files(result.dir), [
        "README.md",
        "fixtures.jsonl",
        "manifest.json",
        "model.json",
        "predictor.d.ts",
        "predictor.js",
        "requirements.json",
        "score.sql",
        "selftest.js",
      ]);
      const model = (name: string) =>
        Deno.readFileSync(join(project.store.modelDir("rain-tomorrow"), name));
      assert.deepEqual(
        Deno.readFileSync(join(result.dir, "model.json")),
        Deno.readFileSync(project.store.versionPath("rain-tomorrow", version)),
      );
      assert.deepEqual(
        Deno.readFileSync(join(result.dir, "requirements.json")),
        model("requirements.json"),
      );
      assert.deepEqual(
        Deno.readFileSync(join(result.dir, "fixtures.jsonl")),
        model("fixtures.jsonl"),
      );

      const manifest = JSON.parse(Deno.readTextFileSync(join(result.dir, "manifest.json")));
      assert.deepEqual(manifest, result.manifest);
      const artifact = JSON.parse(Deno.readTextFileSync(join(result.dir, "model.json")));
      assert.equal(manifest.sha256, artifact.sha256);
      assert.deepEqual(manifest.plugins, [{
        id: artifact.plugin.id,
        version: "1.0.0",
        range: artifact.plugin.version,
      }]);
      assert.equal(manifest.commit, "a".repeat(40));
      assert.equal(manifest.created, now.toISOString());
      assert.deepEqual(
        Object.keys(manifest.files).sort(),
        files(result.dir).filter((f) => f !== "manifest.json"),
      );
      for (const [name, sha] of Object.entries(manifest.files)) {
        assert.equal(sha256Hex(Deno.readFileSync(join(result.dir, name))), sha, name);
      }
      const readme = Deno.readTextFileSync(join(result.dir, "README.md"));
      assert(
        readme.includes(`import { predict, predictBatch } from "./${bundle}/predictor.js";`),
      );

      const extracted = Deno.makeTempDirSync({ prefix: "ratchet-untar-" });
      try {
        await run("tar", ["-xzf", result.tarball, "-C", extracted]);
        assert.deepEqual(files(extracted), [bundle]);
        const copy = join(extracted, bundle);
        assert.deepEqual(files(copy), files(result.dir));
        for (const name of files(copy)) {
          assert.deepEqual(
            Deno.readFileSync(join(copy, name)),
            Deno.readFileSync(join(result.dir, name)),
            name,
          );
        }
        const listing = await run("tar", ["-tvzf", result.tarball]);
        assert.match(listing, new RegExp(`^drwxr-xr-x 0/0 +0 2026-03-04 05:06 ${bundle}/$`, "m"));
        assert.match(
          listing,
          new RegExp(`^-rw-r--r-- 0/0 +\\d+ 2026-03-04 05:06 ${bundle}/predictor\\.js$`, "m"),
        );
      } finally {
        Deno.removeSync(extracted, { recursive: true });
      }
    } finally {
      Deno.removeSync(out, { recursive: true });
    }
  });
});

Deno.test("exporting again is idempotent; a different bundle, or an archive alone, is refused", async () => {
  await withExportProject(async (project) => {
    const out = Deno.makeTempDirSync({ prefix: "ratchet-bundles-" });
    try {
      const first = await exportBundle(project, rain, { out, commit: null, now: new Date(0) });
      const archive = Deno.readFileSync(first.tarball);
      // Another day, another commit: the same bundle, left as it is.
      const again = await exportBundle(project, rain, { out, commit: "b".repeat(40) });
      assert.equal(again.created, false);
      assert.deepEqual(again.manifest, first.manifest);
      assert.deepEqual(Deno.readFileSync(first.tarball), archive);

      await assert.rejects(
        () => exportBundle(project, rain, { out, sql: "duckdb", commit: null }),
        (e) =>
          e instanceof RatchetError && e.kind === "conflict" &&
          e.message.includes("a different bundle is there") && e.message.includes("no score.sql") &&
          e.message.includes("another README.md"),
      );
      assert.deepEqual(
        files(first.dir).includes("score.sql"),
        false,
        "the refused export left nothing",
      );

      // A lost archive is written again from the bundle on disk, dated as it was.
      Deno.removeSync(first.tarball);
      const restored = await exportBundle(project, rain, { out, commit: null });
      assert.equal(restored.created, false);
      assert.deepEqual(Deno.readFileSync(first.tarball), archive);

      Deno.removeSync(first.dir, { recursive: true });
      await assert.rejects(
        () => exportBundle(project, rain, { out, commit: null }),
        (e) =>
          e instanceof RatchetError && e.kind === "conflict" &&
          e.message.includes("without its folder"),
      );
      assert.deepEqual(
        files(out),
        [`${rainBundle(project).bundle}.tar.gz`],
        "no temporary folder is left behind",
      );
    } finally {
      Deno.removeSync(out, { recursive: true });
    }
  });
});

Deno.test("--sql with a plugin that has no toSQL is a clear error naming the plugin, and writes nothing", async () => {
  await withExportProject(async (project) => {
    const out = Deno.makeTempDirSync({ prefix: "ratchet-bundles-" });
    try {
      await assert.rejects(
        () => exportBundle(project, { name: "nb-binary", ref: undefined }, { out, sql: "duckdb" }),
        (e) =>
          e instanceof RatchetError && e.kind === "unsupported" &&
          e.message.startsWith(
            "Cannot write score.sql for nb-binary@1: its plugin gaussian_nb (1.0.0) has no SQL form (toSQL)",
          ),
      );
      assert.deepEqual(files(out), []);
      // Without --sql the same model exports.
      await exportBundle(project, { name: "nb-binary", ref: undefined }, { out, commit: null });
    } finally {
      Deno.removeSync(out, { recursive: true });
    }
  });
});

Deno.test("a plugin without toJS cannot be exported, and says why", () => {
  const { toJS: _, ...rest } = linear;
  const opaque = definePlugin({ ...rest, tags: linear.tags });
  const model = compileModel({
    format: "ratchet.model/v1",
    name: "m",
    version: 1,
    sha256: "0".repeat(64),
    plugin: { id: "linear", version: "^1.0.0" },
    task: "regression",
    features: [{ name: "x", type: "number" }],
    target: { name: "y" },
    preprocessing: [],
    coefficients: { intercept: 0, weights: [1] },
    hyperparameters: {},
    provenance: { created: "2026-01-01", source: "test" },
  }, new PluginRegistry([opaque]));
  assert.throws(
    () => predictorSource(model),
    (e) =>
      e instanceof RatchetError &&
      /plugin linear \(1\.0\.0\) has no JavaScript form \(toJS\)/.test(e.message),
  );
});

Deno.test("a version that fails its fixtures is not exported", async () => {
  await withExportProject(async (project) => {
    const out = Deno.makeTempDirSync({ prefix: "ratchet-bundles-" });
    try {
      const model = project.model(rain);
      const row = {
        season: "winter",
        precipitation: 30,
        precipitation_yesterday: 20,
        temp_max: 8,
        temp_min: 3,
        wind: 8,
        weather: "rain",
      };
      const { fixture } = recordFixture(model, row, { expect: "no", provenance: { by: "test" } });
      appendFixture(fixturesPath(project.store, "rain-tomorrow"), fixture);
      await assert.rejects(
        () => exportBundle(project, rain, { out }),
        (e) =>
          e instanceof RatchetError &&
          e.message.startsWith(
            `Cannot export rain-tomorrow@${
              rainBundle(project).version
            }: 1 of its fixtures fail (${fixture.id})`,
          ),
      );
      assert.deepEqual(files(out), []);
    } finally {
      Deno.removeSync(out, { recursive: true });
    }
  });
});

Deno.test("the manifest records the project's git commit, and null outside git", async () => {
  await withExportProject(async (project) => {
    const out = Deno.makeTempDirSync({ prefix: "ratchet-bundles-" });
    try {
      const outside = await exportBundle(project, rain, { out: join(out, "a") });
      assert.equal(outside.manifest.commit, null);
      const git = ["-c", "user.name=t", "-c", "user.email=t@example.com"];
      await run("git", ["init", "-q"], project.root);
      await run("git", [...git, "commit", "-q", "--allow-empty", "-m", "models"], project.root);
      const head = (await run("git", ["rev-parse", "HEAD"], project.root)).trim();
      const inside = await exportBundle(project, rain, { out: join(out, "b") });
      assert.match(head, /^[0-9a-f]{40}$/);
      assert.equal(inside.manifest.commit, head);
    } finally {
      Deno.removeSync(out, { recursive: true });
    }
  });
});

Deno.test("a model without fixtures or requirements exports too: an empty fixtures.jsonl, a self-test of nothing", async () => {
  await withExportProject(async (project) => {
    const out = Deno.makeTempDirSync({ prefix: "ratchet-bundles-" });
    try {
      const { name: _, version: __, sha256: ___, ...body } = project.store.load("linear");
      project.store.publish("bare", body);
      const { dir } = await exportBundle(project, { name: "bare", ref: undefined }, {
        out,
        commit: null,
      });
      assert(!files(dir).includes("requirements.json"));
      assert.equal(Deno.readTextFileSync(join(dir, "fixtures.jsonl")), "");
      const selftest = await runNode(["selftest.js"], dir);
      assert.equal(selftest.code, 0, selftest.stderr);
      assert.equal(selftest.stdout.trim(), "bare@1: 0 passed, 0 failed, 0 skipped");
      // The README's example row is made up from the features.
      assert.match(
        Deno.readTextFileSync(join(dir, "README.md")),
        /predict\(\{"x1":0,"x2":0,"x3":0,"flag":false,"color":"red"/,
      );
    } finally {
      Deno.removeSync(out, { recursive: true });
    }
  });
});
