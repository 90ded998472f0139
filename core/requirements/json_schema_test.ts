import assert from "node:assert/strict";
import { LOWER_IS_BETTER } from "../metrics/mod.ts";
import { requirementsJsonSchema } from "./json_schema.ts";
import { ALL_METRICS } from "./requirements.ts";

Deno.test("schema/requirements.schema.json is up to date with the zod schema (run `deno task schema`)", () => {
  const committed = Deno.readTextFileSync(
    new URL("../../schema/requirements.schema.json", import.meta.url),
  );
  assert.equal(committed, requirementsJsonSchema());
});

Deno.test("the JSON Schema allows min or max per metric as its direction says, and nothing unknown", () => {
  const schema = JSON.parse(requirementsJsonSchema());
  assert.deepEqual(schema.required, ["format", "primary", "metrics", "history"]);
  assert.equal(schema.additionalProperties, false);
  const metrics = schema.properties.metrics;
  assert.equal(metrics.additionalProperties, false);
  assert.deepEqual(Object.keys(metrics.properties), ALL_METRICS);
  for (const m of ALL_METRICS) {
    const keys = Object.keys(metrics.properties[m].properties);
    const bound = LOWER_IS_BETTER.has(m) ? "max" : "min";
    assert.deepEqual(keys, [bound, "mean", "range", "min_improvement"], m);
  }
  assert.deepEqual(schema.properties.primary.enum, ALL_METRICS);
});
