/**
 * From DuckDB's types to a dataset's five: number, string, boolean, date,
 * timestamp. Numbers are stored as DOUBLE (what models read), timestamps as
 * TIMESTAMP in UTC, so files of different imports agree on physical types.
 *
 * @module
 */
import type { DatasetColumnType } from "./dataset.ts";

const _NUMBER =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL\(\d+,\s*\d+\))$/;
const _TIMESTAMP = /^(TIMESTAMP|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS|TIMESTAMP WITH TIME ZONE)$/;

/**
 * The dataset type of a DuckDB type name (as `DESCRIBE` prints it), or
 * `undefined` for types a dataset does not hold (lists, structs, blobs, …).
 *
 * @example
 * ```ts
 * import { columnTypeOf } from "./column_type.ts";
 * if (columnTypeOf("DECIMAL(10,2)") !== "number" || columnTypeOf("INTEGER[]") !== undefined) throw new Error();
 * ```
 */
export function columnTypeOf(duckdbType: string): DatasetColumnType | undefined {
  if (_NUMBER.test(duckdbType)) return "number";
  // NULL: a JSON key that is always null; such a column later fits any type.
  if (
    duckdbType === "VARCHAR" || duckdbType === "UUID" || duckdbType === "NULL" ||
    duckdbType.startsWith("ENUM(")
  ) {
    return "string";
  }
  if (duckdbType === "BOOLEAN") return "boolean";
  if (duckdbType === "DATE") return "date";
  if (_TIMESTAMP.test(duckdbType)) return "timestamp";
  return undefined;
}

/**
 * The SQL that turns `expr`, of DuckDB type `from`, into the stored form of
 * dataset type `to`.
 *
 * @example
 * ```ts
 * import { storedSql } from "./column_type.ts";
 * if (storedSql('"x"', "BIGINT", "number") !== 'CAST("x" AS DOUBLE)') throw new Error();
 * if (storedSql('"t"', "TIMESTAMP WITH TIME ZONE", "timestamp") !== `timezone('UTC', "t")`) throw new Error();
 * ```
 */
export function storedSql(expr: string, from: string, to: DatasetColumnType): string {
  switch (to) {
    case "number":
      return from === "DOUBLE" ? expr : `CAST(${expr} AS DOUBLE)`;
    case "string":
      return from === "VARCHAR" ? expr : `CAST(${expr} AS VARCHAR)`;
    case "boolean":
      return from === "BOOLEAN" ? expr : `CAST(${expr} AS BOOLEAN)`;
    case "date":
      return from === "DATE" ? expr : `CAST(${expr} AS DATE)`;
    case "timestamp":
      if (from === "TIMESTAMP") return expr;
      return from === "TIMESTAMP WITH TIME ZONE"
        ? `timezone('UTC', ${expr})`
        : `CAST(${expr} AS TIMESTAMP)`;
  }
}
