/**
 * The JSON Schema of `dataset.json`, generated from the zod schema so the
 * two never disagree. `schema/dataset.schema.json` is this, committed.
 *
 * @module
 */
import { z } from "zod";
import { DatasetSchema } from "./schema.ts";

/**
 * The dataset descriptor JSON Schema (draft 2020-12) as a formatted string.
 *
 * @example
 * ```ts
 * import { datasetJsonSchema } from "./json_schema.ts";
 * const schema = JSON.parse(datasetJsonSchema());
 * if (!schema.required.includes("partitions")) throw new Error();
 * ```
 */
export function datasetJsonSchema(): string {
  const schema = z.toJSONSchema(DatasetSchema, { io: "input", unrepresentable: "any" });
  return JSON.stringify(
    {
      ...schema,
      title: "ratchet dataset descriptor (ratchet.dataset/v1)",
      description:
        "data/<name>/dataset.json: the time column, the partition grain, the schema, and per partition exactly which Parquet files hold its rows (readers read those and nothing else), plus the history of imports. Written by `ratchet data import`; generated from core/data/schema.ts by `deno task schema`.",
    },
    null,
    2,
  ) + "\n";
}
