import assert from "node:assert/strict";
import { join } from "node:path";
import { openProject } from "../project/mod.ts";
import { tableFromRows } from "../table/mod.ts";
import { churnBody, postJson, publish, withModels } from "./_test_project.ts";
import { createServiceApp } from "./create_service_app.ts";
import { ModelPool } from "./model_pool.ts";

const ROW = { x: 1.5, vip: false, plan: "basic" };

Deno.test("refresh swaps in the champion its alias names; a request holding the old one finishes on it", () =>
  withModels((project) => {
    const pool = ModelPool.open(project, { models: ["churn"] });
    const before = pool.champion("churn");
    assert.deepEqual(pool.refresh(), { changes: [], errors: [] });
    const v2 = publish(project, "churn", churnBody(2));
    assert.deepEqual(pool.refresh().changes, [{
      name: "churn",
      role: "champion",
      from: 1,
      to: v2,
    }]);
    assert.equal(pool.champion("churn").version, v2);
    // What an in-flight request holds still predicts, with its own version.
    assert.equal(before.version, 1);
    const v1 = project.model({ name: "churn", ref: 1 }).predictTable(tableFromRows([ROW]));
    assert.deepEqual(Array.from(before.predict([ROW])), Array.from(v1));
    assert.notDeepEqual(Array.from(pool.champion("churn").predict([ROW])), Array.from(v1));
    assert.equal(pool.refresh().changes.length, 0, "nothing moves twice");
  }));

Deno.test("the app answers with the new champion after a refresh, and with any version by number", () =>
  withModels(async (project) => {
    const pool = ModelPool.open(project);
    const app = createServiceApp({ models: pool });
    const ask = async (path = "/v1/models/churn/predict") =>
      (await (await app.request(path, postJson({ features: ROW }))).json()).version;
    assert.equal(await ask(), 1);
    const v2 = publish(project, "churn", churnBody(2));
    assert.equal(await ask(), 1, "until the pool is refreshed");
    pool.refresh();
    assert.equal(await ask(), v2);
    assert.equal(await ask("/v1/models/churn/versions/1/predict"), 1);
    project.store.setAlias("churn", "champion", 1);
    pool.refresh();
    assert.equal(await ask(), 1, "a rollback is a swap too");
  }));

Deno.test("a champion that cannot be loaded is reported once; the old one keeps serving", () =>
  withModels((project) => {
    const pool = ModelPool.open(project, { models: ["churn"] });
    const v2 = publish(project, "churn", churnBody(2));
    const file = project.store.versionPath("churn", v2);
    Deno.writeTextFileSync(
      file,
      Deno.readTextFileSync(file).replace('"intercepts": [2]', '"intercepts": [5]'),
    );
    const first = pool.refresh();
    assert.equal(first.changes.length, 0);
    assert.equal(first.errors.length, 1);
    assert.match(first.errors[0]!, /^churn: .*sha256/i);
    assert.deepEqual(pool.refresh().errors, [], "the same failure is not reported again");
    assert.equal(pool.champion("churn").version, 1);
  }));

Deno.test("with shadow, the challenger is loaded, follows its alias, and goes when the alias does", () =>
  withModels((project) => {
    const v2 = publish(project, "churn", churnBody(2), false);
    project.store.setAlias("churn", "challenger", v2);
    assert.equal(ModelPool.open(project).challenger("churn"), undefined, "no shadow unless asked");
    const pool = ModelPool.open(project, { shadow: true });
    assert.equal(pool.challenger("churn")?.version, v2);
    const v3 = publish(project, "churn", churnBody(3), false);
    project.store.setAlias("churn", "challenger", v3);
    assert.deepEqual(pool.refresh().changes, [{
      name: "churn",
      role: "challenger",
      from: v2,
      to: v3,
    }]);
    const aliases = join(project.store.modelDir("churn"), "aliases.json");
    Deno.writeTextFileSync(aliases, JSON.stringify({ champion: 1 }));
    assert.deepEqual(pool.refresh().changes, [{
      name: "churn",
      role: "challenger",
      from: v3,
      to: null,
    }]);
    assert.equal(pool.challenger("churn"), undefined);
  }));

Deno.test("open refuses an unknown model and an empty project", () =>
  withModels(async (project) => {
    assert.throws(() => ModelPool.open(project, { models: ["nope"] }), /No model named nope/);
    const empty = await openProject(Deno.makeTempDirSync());
    try {
      assert.throws(() => ModelPool.open(empty), /No models to serve in .*: publish one/);
    } finally {
      Deno.removeSync(empty.root, { recursive: true });
    }
  }));
