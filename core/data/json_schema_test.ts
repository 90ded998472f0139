import assert from "node:assert/strict";
import { datasetJsonSchema } from "./json_schema.ts";

Deno.test("schema/dataset.schema.json is up to date with the zod schema (run `deno task schema`)", () => {
  const committed = Deno.readTextFileSync(
    new URL("../../schema/dataset.schema.json", import.meta.url),
  );
  assert.equal(committed, datasetJsonSchema());
});

Deno.test("the dataset JSON Schema requires the descriptor's keys and names the grains", () => {
  const schema = JSON.parse(datasetJsonSchema());
  assert.deepEqual(schema.required, [
    "format",
    "name",
    "time",
    "grain",
    "key",
    "columns",
    "partitions",
    "history",
  ]);
  assert.deepEqual(schema.properties.grain.enum, ["day", "week", "month", "quarter", "year"]);
  assert.deepEqual(schema.properties.partitions.items.required, [
    "label",
    "rows",
    "files",
    "imported",
  ]);
  assert.equal(schema.additionalProperties, false);
});
