/**
 * Validating a parsed request body with a zod schema, so that a refusal is
 * a 400 `RatchetError` naming the fields (`$.rows[3]: expected record,
 * received array`) rather than a dump of zod issues.
 *
 * @module
 */
import type { z } from "@hono/zod-openapi";
import { invalid } from "../errors/mod.ts";
import { formatPath } from "../json/mod.ts";

/**
 * `body` as `schema` reads it, or a 400 error listing the first problems.
 * `hint` ends the message (e.g. the shape the route expects).
 *
 * @example
 * ```ts
 * import { z } from "@hono/zod-openapi";
 * import { parseBody } from "./parse_body.ts";
 * const schema = z.object({ id: z.string() }).strict();
 * if (parseBody(schema, { id: "a" }, "").id !== "a") throw new Error();
 * let msg = "";
 * try { parseBody(schema, { id: 7, extra: 1 }, "send {\"id\": …}"); } catch (e) { msg = String(e); }
 * if (!msg.includes("$.id: expected string") || !msg.includes('unknown key "extra"')) throw new Error(msg);
 * ```
 */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown, hint: string): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 3).map((issue) => {
    const where = formatPath(issue.path.map((p) => typeof p === "symbol" ? String(p) : p));
    if (issue.code === "unrecognized_keys") {
      return `${where}: unknown key${issue.keys.length > 1 ? "s" : ""} ${
        issue.keys.slice(0, 5).map((k) => JSON.stringify(k)).join(", ")
      }`;
    }
    return `${where}: ${issue.message.replace(/^Invalid input: /, "")}`;
  });
  throw invalid(problems.join("; ") + (hint ? `; ${hint}` : ""));
}
