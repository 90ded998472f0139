/**
 * `deno task schema`: regenerates schema/model.schema.json from the zod
 * schema. A test fails when the committed file is stale.
 *
 * @module
 */
import { modelJsonSchema } from "../core/artifact/json_schema.ts";
import { writeFileAtomic } from "../core/store/mod.ts";

if (import.meta.main) {
  const path = new URL("../schema/model.schema.json", import.meta.url).pathname;
  writeFileAtomic(path, modelJsonSchema());
  console.log(`wrote ${path}`);
}
