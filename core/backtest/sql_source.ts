/**
 * Where the SQL of a model reads its raw values: one SQL expression per
 * dataset column, how that value is held, and how a row is named in
 * messages.
 *
 * @module
 */
import type { DatasetColumnType } from "../data/mod.ts";
import { quoteIdentifier } from "../data/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import type { SqlValueKind } from "./sql_js_text.ts";

/** The raw columns a model's SQL reads. */
export interface SqlSource {
  /** The SQL expression of a column's value as the JavaScript engine reads it (dates as ISO text). */
  column(name: string): string;
  /** How that value is held. */
  kind(name: string): SqlValueKind;
  /** A SQL text expression naming the current row in messages, e.g. `concat('2015-03 row ', _row + 1)`. */
  readonly rowLabel: string;
}

/**
 * How a dataset column's values reach SQL: numbers as DOUBLE, booleans as
 * BOOLEAN, text, dates and timestamps as text.
 *
 * @example
 * ```ts
 * import { sqlValueKind } from "./sql_source.ts";
 * if (sqlValueKind("date") !== "text" || sqlValueKind("number") !== "number") throw new Error();
 * ```
 */
export function sqlValueKind(type: DatasetColumnType): SqlValueKind {
  return type === "number" ? "number" : type === "boolean" ? "boolean" : "text";
}

/**
 * A dataset column's value as `scanPartition` hands it to the JavaScript
 * engine, from `value`, the SQL of the value as DuckDB reads it: numbers as
 * DOUBLE, dates and timestamps as ISO text, the rest as is.
 *
 * @example
 * ```ts
 * import { rawValueSql } from "./sql_source.ts";
 * if (rawValueSql('"day"', "date") !== `strftime("day", '%Y-%m-%d')`) throw new Error();
 * ```
 */
export function rawValueSql(value: string, type: DatasetColumnType): string {
  switch (type) {
    case "number":
      return `CAST(${value} AS DOUBLE)`;
    case "date":
      return `strftime(${value}, '%Y-%m-%d')`;
    case "timestamp":
      return `strftime(${value}, '%Y-%m-%dT%H:%M:%S.%gZ')`;
    default:
      return value;
  }
}

/**
 * A source whose columns are the model's features by name, each held as its
 * feature type suggests (numbers, booleans, category levels as text): for
 * checking that a model can be written in SQL before any data is seen.
 *
 * @example
 * ```ts ignore
 * const source = featureSource(model);
 * source.column("age"); // '"age"'
 * ```
 */
export function featureSource(model: Pick<CompiledModel, "preprocessor">): SqlSource {
  const types = new Map(model.preprocessor.features.map((f) => [f.name, f.type]));
  return {
    column: quoteIdentifier,
    kind: (name) => {
      const type = types.get(name);
      return type === "number" ? "number" : type === "boolean" ? "boolean" : "text";
    },
    rowLabel: "'a row'",
  };
}
