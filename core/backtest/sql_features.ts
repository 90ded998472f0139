/**
 * A model's raw features in SQL, read as the JavaScript engine reads them
 * (`readFeature`): numbers as DOUBLE with NULL for missing, booleans as
 * 0/1, categories as level codes; a value of the wrong kind is refused with
 * the same words.
 *
 * @module
 */
import type { Feature, Label } from "../artifact/mod.ts";
import { quoteString } from "../data/mod.ts";
import { describeSql, nonFiniteSql, sqlText, type SqlValueKind } from "./sql_js_text.ts";
import { levelCodeSql } from "./sql_level_code.ts";
import type { SqlCheck } from "./sql_check.ts";
import type { SqlSource } from "./sql_source.ts";

/** A column of the preprocessing frame in SQL: the value of a number, or the level code of a category. */
export type SqlFrameColumn =
  | {
    /** A DOUBLE column; NULL (or NaN) is missing. */
    readonly kind: "number";
    /** Its SQL expression (a column alias of the current layer). */
    readonly sql: string;
    /** The raw feature it comes from, for messages. */
    readonly origin: string;
  }
  | {
    /** A category: level codes, -1 missing, -2 unknown. */
    readonly kind: "category";
    /** Its SQL expression (a column alias of the current layer). */
    readonly sql: string;
    /** The raw feature it comes from, for messages. */
    readonly origin: string;
    /** The raw value, to name an unknown one. */
    readonly raw: string;
    /** How the raw value is held. */
    readonly rawKind: SqlValueKind;
    /** The feature's levels, which the codes index. */
    readonly levels: readonly Label[];
  };

/** The features in SQL: what to select, the frame it makes, and the refusals. */
export interface SqlFeatures {
  /** `expression AS alias`, one per feature that is not read as it is. */
  readonly select: string[];
  /** Each feature's frame column, by name. */
  readonly frame: Map<string, SqlFrameColumn>;
  /** Values of the wrong kind, one rank per feature (the JavaScript engine reads feature by feature). */
  readonly checks: SqlCheck[];
}

/**
 * Reads every feature of a model from `source`, into aliases `alias(k)`;
 * checks get ranks from `rank` on. A number's NaN becomes NULL only when
 * `nanAsNull` (the plugin takes missing values, as NULL): otherwise a
 * missing input is imputed or refused, and both treat NaN as NULL, so the
 * raw value spares a `nullif` per row.
 *
 * @example
 * ```ts
 * import { featuresSql } from "./sql_features.ts";
 * const source = { column: (n: string) => `"${n}"`, kind: () => "text" as const, rowLabel: "'row'" };
 * const f = featuresSql([{ name: "age", type: "number" }], source, (k) => `_f${k}`, 0);
 * if (f.select[0] !== 'CAST(NULL AS DOUBLE) AS _f0' || f.checks.length !== 1) throw new Error(f.select[0]);
 * ```
 */
export function featuresSql(
  features: readonly Feature[],
  source: SqlSource,
  alias: (k: number) => string,
  rank: number,
  nanAsNull = true,
): SqlFeatures {
  const select: string[] = [];
  const frame = new Map<string, SqlFrameColumn>();
  const checks: SqlCheck[] = [];
  features.forEach((f, k) => {
    const raw = source.column(f.name), kind = source.kind(f.name), name = alias(k);
    const wrong = (when: string, expected: string, found?: string, infinite?: string) =>
      checks.push({
        rank: rank + k,
        when,
        message: sqlText`${source.rowLabel}: feature ${
          quoteString(JSON.stringify(f.name))
        } expects ${quoteString(expected)}, found ${found ?? describeSql(raw, kind)}`,
        ...(infinite === undefined ? {} : { nonFinite: infinite, infiniteOnly: true }),
      });
    if (f.type === "category") {
      select.push(`${levelCodeSql(raw, kind, f.levels ?? [])} AS ${name}`);
      frame.set(f.name, {
        kind: "category",
        sql: name,
        origin: f.name,
        raw,
        rawKind: kind,
        levels: f.levels ?? [],
      });
      return;
    }
    let value: string;
    if (f.type === "number" && kind === "number") {
      wrong(`isinf(${raw})`, "a finite number", nonFiniteSql(raw), raw);
      value = nanAsNull ? `nullif(${raw}, 'NaN'::DOUBLE)` : raw;
    } else if (f.type === "boolean" && kind === "boolean") {
      value = `CAST(${raw} AS DOUBLE)`;
    } else if (f.type === "boolean" && kind === "number") {
      // A number column's NULL is NaN to the JavaScript engine, which is not 0 or 1 either.
      wrong(`NOT coalesce(${raw} = 0 OR ${raw} = 1, false)`, "true or false");
      value = raw;
    } else {
      // Text (or a boolean for a number feature): every value present is refused.
      wrong(`${raw} IS NOT NULL`, f.type === "number" ? "a number" : "true or false");
      value = "CAST(NULL AS DOUBLE)";
    }
    // The raw column itself needs no alias (and the checks then see one value, not two).
    if (value !== raw) select.push(`${value} AS ${name}`);
    frame.set(f.name, { kind: "number", sql: value === raw ? raw : name, origin: f.name });
  });
  return { select, frame, checks };
}
