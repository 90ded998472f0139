/**
 * A model's rows as a zod schema, built from its features when the model is
 * loaded: it validates every request row (missing, unknown and mistyped
 * features are refused, naming the field) and documents the model in
 * `/openapi.json`.
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import type { Feature } from "../artifact/mod.ts";
import { invalid } from "../errors/mod.ts";

/** A compiled row check: the schema, and the features it was built from. */
export interface RowSchema {
  /** The zod schema of one row. */
  readonly schema: z.ZodType<Record<string, unknown>>;
  /** The features, in the model's order. */
  readonly features: readonly Feature[];
  /**
   * A quick check of a row the schema surely accepts (a plain object of
   * exactly the features, each value of its type or null): true only for
   * rows `schema` accepts; false sends the row to `schema`, which names
   * what is wrong.
   */
  readonly accepts: (row: unknown) => boolean;
}

const _LEVEL = z.union([z.string(), z.number(), z.boolean()]);

/**
 * The schema of a row of `features`: every feature present (null when
 * unknown), numbers finite, booleans true/false (or 0/1), category levels
 * as text, numbers or booleans; no other key.
 *
 * @example
 * ```ts
 * import { rowSchema } from "./row_schema.ts";
 * const { schema } = rowSchema([{ name: "x", type: "number" }, { name: "vip", type: "boolean" }]);
 * if (!schema.safeParse({ x: 1.5, vip: null }).success) throw new Error();
 * if (schema.safeParse({ x: Infinity, vip: true }).success) throw new Error();
 * ```
 */
export function rowSchema(features: readonly Feature[]): RowSchema {
  const shape: Record<string, z.ZodType> = {};
  for (const f of features) {
    const value = f.type === "number"
      ? z.number()
      : f.type === "boolean"
      ? z.union([z.boolean(), z.literal(0), z.literal(1)])
      : _LEVEL;
    const levels = f.levels?.map((l) => JSON.stringify(l)).join(", ");
    shape[f.name] = value.nullable().openapi({
      description: (f.description ? `${f.description}. ` : "") +
        (f.type === "category" ? `A category; levels: ${levels}` : `A ${f.type}`) +
        "; null when unknown",
    });
  }
  return {
    schema: z.object(shape).strict() as unknown as z.ZodType<Record<string, unknown>>,
    features,
    accepts: _quickCheck(features),
  };
}

/**
 * {@linkcode RowSchema.accepts}: the plain cases of the schema, written out
 * (a finite number, true/false/0/1, a level's text, number or boolean, or
 * null; every feature an own key, and no other key).
 */
function _quickCheck(features: readonly Feature[]): (row: unknown) => boolean {
  const names = features.map((f) => f.name);
  // `row["__proto__"]` reads the prototype, not the key: such rows are the schema's to check.
  if (names.includes("__proto__") || new Set(names).size !== names.length) return () => false;
  const kinds = features.map((f) => f.type === "number" ? 0 : f.type === "boolean" ? 1 : 2);
  const n = names.length;
  return (row) => {
    if (
      typeof row !== "object" || row === null || Object.getPrototypeOf(row) !== Object.prototype
    ) {
      return false;
    }
    const r = row as Record<string, unknown>;
    for (let j = 0; j < n; j++) {
      const name = names[j]!;
      if (!Object.hasOwn(r, name)) return false;
      const v = r[name];
      if (v === null) continue;
      const kind = kinds[j]!;
      if (typeof v === "number") {
        if (v - v !== 0 || (kind === 1 && v !== 0 && v !== 1)) return false;
      } else if (typeof v === "boolean") {
        if (kind === 0) return false;
      } else if (typeof v !== "string" || kind !== 2) return false;
    }
    let keys = 0;
    for (const _ in r) keys++;
    return keys === n;
  };
}

/** Names a row (`key` undefined) or a field of a row in error messages, e.g. `$.rows[2].wind`. */
export type FieldLabel = (row: number, key?: string) => string;

/**
 * Checks `values` against a model's row schema. The first few problems make
 * one 400 error, each naming its field, e.g. `$.rows[2].wind: expected a
 * finite number or null, found "calm"`.
 *
 * @example
 * ```ts
 * import { checkRows, rowSchema } from "./row_schema.ts";
 * import { formatPath } from "../json/mod.ts";
 * const s = rowSchema([{ name: "x", type: "number" }]);
 * const label = (i: number, key?: string) => formatPath(key ? ["rows", i, key] : ["rows", i]);
 * checkRows(s, [{ x: 1 }], label, "m@1");
 * let msg = "";
 * try { checkRows(s, [{ x: 1 }, { y: 2 }], label, "m@1"); } catch (e) { msg = String(e); }
 * if (!msg.includes('$.rows[1]: missing feature "x"') || !msg.includes('unknown feature "y"')) throw new Error(msg);
 * ```
 */
export function checkRows(
  rows: RowSchema,
  values: readonly unknown[],
  label: FieldLabel,
  model: string,
): void {
  const problems: string[] = [];
  for (let i = 0; i < values.length && problems.length < 3; i++) {
    if (rows.accepts(values[i])) continue;
    const result = rows.schema.safeParse(values[i]);
    if (result.success) continue;
    for (const issue of result.error.issues) {
      problems.push(_describe(rows, values[i], i, label, issue, model));
      if (problems.length === 3) break;
    }
  }
  if (problems.length > 0) throw invalid(problems.join("; "));
}

function _describe(
  rows: RowSchema,
  row: unknown,
  i: number,
  label: FieldLabel,
  issue: z.core.$ZodIssue,
  model: string,
): string {
  if (issue.path.length === 0) {
    if (issue.code === "unrecognized_keys") {
      const names = rows.features.map((f) => f.name);
      const shown = names.length > 12 ? names.slice(0, 12).join(", ") + ", …" : names.join(", ");
      return `${label(i)}: unknown feature${issue.keys.length > 1 ? "s" : ""} ${
        issue.keys.slice(0, 5).map((k) => JSON.stringify(k)).join(", ")
      } (${model} takes ${shown})`;
    }
    return `${label(i)}: expected an object of features, found ${_shown(row)}`;
  }
  const key = String(issue.path[0]);
  const feature = rows.features.find((f) => f.name === key)!;
  const value = (row as Record<string, unknown>)[key];
  if (value === undefined) {
    return `${label(i)}: missing feature ${JSON.stringify(key)} (${
      _expected(feature)
    }; send null when it is unknown)`;
  }
  return `${label(i, key)}: expected ${_expected(feature)} or null, found ${_shown(value)}`;
}
function _expected(f: Feature): string {
  if (f.type === "number") return "a finite number";
  if (f.type === "boolean") return "true or false";
  return "a category level (text, a number or true/false)";
}

function _shown(v: unknown): string {
  if (Array.isArray(v)) return "an array";
  if (v === null) return "null";
  if (typeof v === "object") return "an object";
  const text = typeof v === "number" && !Number.isFinite(v) ? String(v) : JSON.stringify(v);
  return text.length > 40 ? text.slice(0, 40) + "…" : text;
}
