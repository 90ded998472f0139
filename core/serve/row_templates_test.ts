import assert from "node:assert/strict";
import { withModels } from "./_test_project.ts";
import { ModelPool } from "./model_pool.ts";
import { RowTemplates } from "./row_templates.ts";

const featureAt = (path: readonly (string | number)[]) =>
  path.length === 2 && path[0] === "features" ? String(path[1]) : undefined;
const ROW = { x: 1, vip: true, plan: "pro" };
/** The same request with `spaces` spaces after its opening brace: a shape of its own. */
const body = (spaces: number, x = 1) =>
  `{${" ".repeat(spaces)}"features": {"x": ${x}, "vip": true, "plan": "pro"}}`;

Deno.test("a model version keeps four templates; then it learns another after 64 misses", () =>
  withModels((project) => {
    const served = ModelPool.open(project).champion("churn");
    const templates = new RowTemplates<number>();
    const read = (spaces: number) => {
      const hit = templates.match(served, body(spaces, 2));
      if (hit === undefined) templates.learn(served, body(spaces), ROW, featureAt, spaces);
      return hit?.meta;
    };
    for (const spaces of [0, 1, 2, 3]) assert.equal(read(spaces), undefined);
    for (const spaces of [0, 1, 2, 3]) assert.equal(read(spaces), spaces);
    // A fifth shape is learned at the 64th miss since the last attempt (the oldest goes).
    for (let miss = 1; miss <= 63; miss++) assert.equal(read(4), undefined);
    assert.equal(read(4), undefined);
    assert.equal(read(4), 4);
    assert.equal(read(0), undefined);
    assert.equal(templates.hits, 4 + 1);
  }));

Deno.test("nothing is learned unless every feature has one slot and the text reads back as the row", () =>
  withModels((project) => {
    const served = ModelPool.open(project).champion("churn");
    const templates = new RowTemplates<undefined>();
    const learned = (text: string, row: Record<string, unknown>) => {
      templates.learn(served, text, row, featureAt, undefined);
      return templates.match(served, text) !== undefined;
    };
    assert.equal(learned('{"features": {"x": 1, "vip": true}}', { x: 1, vip: true }), false);
    assert.equal(learned(body(0), { ...ROW, x: 2 }), false);
    assert.equal(learned('{"features": {"x": 1, "x": 1, "vip": true, "plan": "pro"}}', ROW), false);
    assert.equal(
      learned(`{"features": ${JSON.stringify(ROW)}, "pad": "${"-".repeat(20_000)}"}`, ROW),
      false,
    );
    assert.equal(learned(body(0), ROW), true);
  }));

Deno.test("bodies that cannot be learned use up the first attempts; then one miss in 64 tries", () =>
  withModels((project) => {
    const served = ModelPool.open(project).champion("churn");
    const templates = new RowTemplates<number>();
    const repeated = '{"features": {"x": 1, "x": 1, "vip": true, "plan": "pro"}}';
    for (let i = 0; i < 4; i++) {
      assert.equal(templates.match(served, repeated), undefined);
      templates.learn(served, repeated, ROW, featureAt, -1);
    }
    const read = () => {
      const hit = templates.match(served, body(0, 2));
      if (hit === undefined) templates.learn(served, body(0), ROW, featureAt, 0);
      return hit?.meta;
    };
    for (let miss = 1; miss <= 64; miss++) assert.equal(read(), undefined);
    assert.equal(read(), 0);
  }));
