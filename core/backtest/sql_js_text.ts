/**
 * JavaScript's text of a value, computed in DuckDB SQL: the SQL engine of
 * back-tests builds its error messages in the query, and they must read
 * exactly as the JavaScript engine's (`JSON.stringify(v)`, `String(v)`).
 *
 * @module
 */
import { quoteString } from "../data/mod.ts";

/** How a SQL value is held: a DOUBLE, a VARCHAR (text, dates and timestamps as ISO text) or a BOOLEAN. */
export type SqlValueKind = "number" | "text" | "boolean";

/**
 * `String(x)` of a finite DOUBLE `x` as JavaScript writes it: the shortest
 * digits that read back as `x` (DuckDB's own text has them too, in another
 * layout), fixed notation from 1e-7 up to 1e21, exponent form (`1.5e+21`,
 * `1e-7`) beyond, `0` for ±0.
 *
 * @example
 * ```ts
 * import { jsNumberSql } from "./sql_js_text.ts";
 * import { duckdb } from "../data/mod.ts";
 * const db = await duckdb();
 * const sql = `SELECT ${jsNumberSql("x")} AS t FROM (VALUES (1e-7), (0.5e0), (3e0), (1.5e21)) v(x)`;
 * const got = (await db.runAndReadAll(sql)).getRowObjectsJS().map((r) => r.t);
 * if (got.join() !== "1e-7,0.5,3,1.5e+21") throw new Error(got.join());
 * ```
 */
export function jsNumberSql(x: string): string {
  // DuckDB writes e.g. 1.5e-05, 123.456 or 3.0: split into digits d and the decimal point's place n
  // (x = 0.d × 10^n), then lay them out as ECMAScript's Number::toString does.
  const parts = `regexp_extract(CAST(abs(${x}) AS VARCHAR), ` +
    `'^([0-9]+)(?:\\.([0-9]+))?(?:e([-+]?[0-9]+))?$', ['i', 'f', 'e'])`;
  const layout =
    `CASE WHEN length(r.d) <= r.n AND r.n <= 21 THEN r.d || repeat('0', r.n - length(r.d)) ` +
    `WHEN 0 < r.n AND r.n <= 21 THEN substr(r.d, 1, r.n) || '.' || substr(r.d, r.n + 1) ` +
    `WHEN -6 < r.n AND r.n <= 0 THEN '0.' || repeat('0', -r.n) || r.d ` +
    `ELSE substr(r.d, 1, 1) || CASE WHEN length(r.d) > 1 THEN '.' || substr(r.d, 2) ELSE '' END || 'e' || ` +
    `CASE WHEN r.n > 0 THEN '+' ELSE '-' END || CAST(abs(r.n - 1) AS VARCHAR) END`;
  const general = `list_transform([${parts}], lambda m: ` +
    `list_transform([{'d': ltrim(m.i || m.f, '0'), 'n': length(m.i) + ` +
    `CAST(coalesce(nullif(m.e, ''), '0') AS INTEGER) - (length(m.i || m.f) - length(ltrim(m.i || m.f, '0')))}], ` +
    `lambda q: list_transform([{'d': rtrim(q.d, '0'), 'n': q.n}], lambda r: ${layout})[1])[1])[1]`;
  // Below 2^53 an integer's shortest digits are the integer itself.
  return `(CASE WHEN ${x} = 0 THEN '0' ` +
    `WHEN ${x} = trunc(${x}) AND abs(${x}) < 9007199254740992 THEN CAST(CAST(${x} AS BIGINT) AS VARCHAR) ` +
    `ELSE CASE WHEN ${x} < 0 THEN '-' ELSE '' END || ${general} END)`;
}

/**
 * `JSON.stringify(v)` of a SQL value, as the JavaScript engine sees it: a
 * number column's NULL and NaN are NaN there, so `null`, as are ±Infinity;
 * text is a JSON string (control characters escaped in lower-case hex, as
 * JavaScript does); booleans are `true`/`false`. A NULL of text or boolean
 * gives `null`.
 *
 * @example
 * ```ts
 * import { jsonSql } from "./sql_js_text.ts";
 * import { duckdb } from "../data/mod.ts";
 * const db = await duckdb();
 * const row = (await db.runAndReadAll(
 *   `SELECT ${jsonSql("'say \"hi\"'", "text")} AS a, ${jsonSql("'NaN'::DOUBLE", "number")} AS b, ${jsonSql("2.5e0", "number")} AS c`,
 * )).getRowObjectsJS()[0]!;
 * if (row.a !== '"say \\"hi\\""' || row.b !== "null" || row.c !== "2.5") throw new Error(JSON.stringify(row));
 * ```
 */
export function jsonSql(value: string, kind: SqlValueKind): string {
  switch (kind) {
    case "number":
      return `(CASE WHEN ${value} IS NULL OR NOT isfinite(${value}) THEN 'null' ELSE ${
        jsNumberSql(value)
      } END)`;
    case "boolean":
      return `(CASE WHEN ${value} IS NULL THEN 'null' WHEN ${value} THEN 'true' ELSE 'false' END)`;
    case "text": {
      // yyjson writes \u001F where JavaScript writes \u001f; only these escapes have hex letters.
      let json = `CAST(to_json(${value}) AS VARCHAR)`;
      for (const hex of ["0B", "0E", "0F", "1A", "1B", "1C", "1D", "1E", "1F"]) {
        json = `replace(${json}, '\\u00${hex}', '\\u00${hex.toLowerCase()}')`;
      }
      return `coalesce(${json}, 'null')`;
    }
  }
}

/**
 * How the JavaScript engine shows a wrong value in "expects …, found …":
 * text as a JSON string, cut after 40 characters with `…`; numbers as
 * `String(x)` (a number column's NULL is NaN there); booleans as
 * `true`/`false`.
 *
 * @example
 * ```ts
 * import { describeSql } from "./sql_js_text.ts";
 * import { duckdb } from "../data/mod.ts";
 * const db = await duckdb();
 * const row = (await db.runAndReadAll(
 *   `SELECT ${describeSql("NULL::DOUBLE", "number")} AS a, ${describeSql("repeat('x', 41)", "text")} AS b`,
 * )).getRowObjectsJS()[0]!;
 * if (row.a !== "NaN" || row.b !== `"${"x".repeat(40)}…"`) throw new Error(JSON.stringify(row));
 * ```
 */
export function describeSql(value: string, kind: SqlValueKind): string {
  switch (kind) {
    case "number":
      return `(CASE WHEN isfinite(${value}) THEN ${jsNumberSql(value)} ELSE ${
        nonFiniteSql(value)
      } END)`;
    case "boolean":
      return jsonSql(value, "boolean");
    case "text":
      return jsonSql(
        `(CASE WHEN length(${value}) > 40 THEN substr(${value}, 1, 40) || '…' ELSE ${value} END)`,
        "text",
      );
  }
}

/**
 * `String(x)` of a DOUBLE known not to be finite (NULL counts as NaN):
 * `NaN`, `Infinity` or `-Infinity`. Far cheaper for DuckDB to plan than
 * {@linkcode describeSql}, where the refusal itself says the value is not finite.
 *
 * @example
 * ```ts
 * import { nonFiniteSql } from "./sql_js_text.ts";
 * if (!nonFiniteSql("x").includes("'-Infinity'")) throw new Error();
 * ```
 */
export function nonFiniteSql(x: string): string {
  return `(CASE WHEN ${x} IS NULL OR isnan(${x}) THEN 'NaN' WHEN ${x} > 0 THEN 'Infinity' ELSE '-Infinity' END)`;
}

/**
 * A SQL text expression from a template: the literal parts are quoted, the
 * interpolated parts are SQL expressions, joined with `concat`.
 *
 * @example
 * ```ts
 * import { sqlText } from "./sql_js_text.ts";
 * if (sqlText`row ${"_row + 1"} isn't right` !== "concat('row ', _row + 1, ' isn''t right')") throw new Error();
 * ```
 */
export function sqlText(literals: TemplateStringsArray, ...sql: string[]): string {
  const parts: string[] = [];
  literals.forEach((text, i) => {
    if (text !== "") parts.push(quoteString(text));
    if (i < sql.length) parts.push(sql[i]!);
  });
  return `concat(${parts.join(", ")})`;
}
