/**
 * `deno task schema`: regenerates schema/model.schema.json,
 * schema/requirements.schema.json, schema/fixture.schema.json,
 * schema/dataset.schema.json and schema/alarms.schema.json from their zod
 * schemas. Tests fail when a committed file is stale.
 *
 * @module
 */
import { alarmsJsonSchema } from "../core/alarms/json_schema.ts";
import { modelJsonSchema } from "../core/artifact/json_schema.ts";
import { datasetJsonSchema } from "../core/data/json_schema.ts";
import { fixtureJsonSchema } from "../core/fixtures/json_schema.ts";
import { requirementsJsonSchema } from "../core/requirements/json_schema.ts";
import { writeFileAtomic } from "../core/store/mod.ts";

if (import.meta.main) {
  for (
    const [file, text] of [
      ["model.schema.json", modelJsonSchema()],
      ["requirements.schema.json", requirementsJsonSchema()],
      ["fixture.schema.json", fixtureJsonSchema()],
      ["dataset.schema.json", datasetJsonSchema()],
      ["alarms.schema.json", alarmsJsonSchema()],
    ] as const
  ) {
    const path = new URL(`../schema/${file}`, import.meta.url).pathname;
    writeFileAtomic(path, text);
    console.log(`wrote ${path}`);
  }
}
