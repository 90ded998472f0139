/**
 * The JSON Schema of alarms files, generated from the zod schema so the two
 * never disagree. `schema/alarms.schema.json` is this, committed, so that
 * editors validate `models/<name>/alarms.json`.
 *
 * @module
 */
import { z } from "zod";
import { AlarmConfigSchema } from "./schema.ts";

/**
 * The alarms JSON Schema (draft 2020-12) as a formatted string.
 *
 * @example
 * ```ts
 * import { alarmsJsonSchema } from "./json_schema.ts";
 * const schema = JSON.parse(alarmsJsonSchema());
 * if (!schema.properties.webhook.required.includes("url")) throw new Error();
 * ```
 */
export function alarmsJsonSchema(): string {
  const schema = z.toJSONSchema(AlarmConfigSchema, { io: "input", unrepresentable: "any" });
  return JSON.stringify(
    {
      ...schema,
      title: "ratchet alarm channels (models/<name>/alarms.json)",
      description:
        "Where a model's alarms go besides stderr and the exit code: a webhook (POST JSON, retried with capped backoff) and email over SMTP, how often a still-firing alarm is repeated, and the PSI above which drift fails a now-test. The SMTP password is read from the environment variable named in password_env, never from this file. Generated from core/alarms/schema.ts by `deno task schema`.",
    },
    null,
    2,
  ) + "\n";
}
