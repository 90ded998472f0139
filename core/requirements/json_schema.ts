/**
 * The JSON Schema of requirements files, generated from the zod schema so
 * the two never disagree. `schema/requirements.schema.json` is this,
 * committed, so that editors validate `models/<name>/requirements.json`.
 *
 * @module
 */
import { z } from "zod";
import { RequirementsSchema } from "./schema.ts";

/**
 * The requirements JSON Schema (draft 2020-12) as a formatted string.
 *
 * @example
 * ```ts
 * import { requirementsJsonSchema } from "./json_schema.ts";
 * const schema = JSON.parse(requirementsJsonSchema());
 * if (!schema.required.includes("primary")) throw new Error();
 * if ("min" in schema.properties.metrics.properties.rmse.properties) throw new Error();
 * ```
 */
export function requirementsJsonSchema(): string {
  const schema = z.toJSONSchema(RequirementsSchema, { io: "input", unrepresentable: "any" });
  return JSON.stringify(
    {
      ...schema,
      title: "ratchet performance requirements (ratchet.requirements/v1)",
      description:
        "models/<name>/requirements.json: per metric a min (or max where lower is better), a mean and a range the model must meet, the primary metric, the champion's baseline and the append-only history of changes. Generated from core/requirements/schema.ts by `deno task schema`.",
    },
    null,
    2,
  ) + "\n";
}
