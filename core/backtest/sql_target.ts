/**
 * The target column in SQL, encoded as `encodeTarget` does for the
 * JavaScript engine: a class index, or the value; a missing, unknown or
 * non-numeric target is refused with the same words.
 *
 * @module
 */
import { quoteString } from "../data/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import { MISSING, UNKNOWN } from "../preprocess/mod.ts";
import type { SqlCheck } from "./sql_check.ts";
import { jsonSql, sqlText, type SqlValueKind } from "./sql_js_text.ts";
import { levelCodeSql } from "./sql_level_code.ts";

/** The target in SQL, and its check. */
export interface TargetSql {
  /** The encoded target: a class index (INTEGER) or the value (DOUBLE). */
  readonly y: string;
  /** Refusals of one rank (the JavaScript engine checks the target in one loop), over `_y` and `raw`. */
  readonly checks: SqlCheck[];
}

/**
 * The target `name`, whose raw value is `raw` held as `kind`, as the model
 * scores it; the checks refer to the encoded target as `_y`.
 *
 * @example
 * ```ts
 * import { targetSql } from "./sql_target.ts";
 * const t = targetSql({ task: "binary", labels: ["no", "yes"] }, "y", "_r0", "text", "'row'", 5);
 * if (!t.y.includes("WHEN _r0 = 'yes' THEN 1") || t.checks.length !== 2) throw new Error(t.y);
 * ```
 */
export function targetSql(
  model: Pick<CompiledModel, "task" | "labels">,
  name: string,
  raw: string,
  kind: SqlValueKind,
  rowLabel: string,
  rank: number,
): TargetSql {
  const json = jsonSql(raw, kind);
  const missing: SqlCheck = {
    rank,
    when: `${raw} IS NULL`,
    message: sqlText`${rowLabel}: the target ${
      quoteString(JSON.stringify(name))
    } is missing; drop unlabelled rows first`,
  };
  if (model.task !== "regression") {
    const classes = model.labels.map((l) => JSON.stringify(l)).join(", ");
    return {
      y: levelCodeSql(raw, kind, model.labels),
      checks: [
        { ...missing, when: `_y = ${MISSING}` },
        {
          rank,
          when: `_y = ${UNKNOWN}`,
          message: sqlText`${rowLabel}: target ${json} is not a class of the model (classes: ${
            quoteString(classes)
          })`,
        },
      ],
    };
  }
  const notFinite = (when: string, nonFinite?: string): SqlCheck => ({
    rank,
    when,
    message: sqlText`${rowLabel}: target ${json} is not a finite number`,
    ...(nonFinite === undefined ? {} : { nonFinite }),
  });
  // A number column's NULL is NaN to the JavaScript engine: not missing, but not finite.
  if (kind === "number") {
    return { y: raw, checks: [notFinite(`NOT coalesce(isfinite(${raw}), false)`, raw)] };
  }
  return { y: "CAST(NULL AS DOUBLE)", checks: [missing, notFinite(`${raw} IS NOT NULL`)] };
}
