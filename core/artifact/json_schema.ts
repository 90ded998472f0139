/**
 * The JSON Schema of artifact files, generated from the zod schema so the
 * two never disagree. `schema/model.schema.json` is this, committed, so that
 * editors validate `models/<name>/versions/<n>.json`.
 *
 * @module
 */
import { z } from "zod";
import { ArtifactSchema } from "./schema.ts";

/**
 * The artifact JSON Schema (draft 2020-12) as a formatted string.
 *
 * @example
 * ```ts
 * import { modelJsonSchema } from "./json_schema.ts";
 * const schema = JSON.parse(modelJsonSchema());
 * if (!schema.required.includes("sha256")) throw new Error();
 * ```
 */
export function modelJsonSchema(): string {
  const schema = z.toJSONSchema(ArtifactSchema, { io: "input", unrepresentable: "any" });
  return JSON.stringify(
    {
      ...schema,
      title: "ratchet model artifact (ratchet.model/v1)",
      description:
        "One published version of a model: features, target, preprocessing, the plugin's coefficients, provenance and a SHA-256 over its canonical JSON. Generated from core/artifact/schema.ts by `deno task schema`.",
    },
    null,
    2,
  ) + "\n";
}
