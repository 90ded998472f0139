import assert from "node:assert/strict";
import { modelJsonSchema } from "./json_schema.ts";

Deno.test("schema/model.schema.json is up to date with the zod schema (run `deno task schema`)", () => {
  const committed = Deno.readTextFileSync(
    new URL("../../schema/model.schema.json", import.meta.url),
  );
  assert.equal(committed, modelJsonSchema());
});

Deno.test("the JSON Schema describes the artifact's required keys and enums", () => {
  const schema = JSON.parse(modelJsonSchema());
  for (
    const key of [
      "format",
      "name",
      "version",
      "plugin",
      "task",
      "features",
      "target",
      "coefficients",
      "provenance",
      "sha256",
    ]
  ) {
    assert.ok(schema.required.includes(key) || key === "coefficients", key);
  }
  assert.deepEqual(schema.properties.task.enum, ["regression", "binary", "multiclass"]);
  assert.equal(schema.additionalProperties, false);
});
