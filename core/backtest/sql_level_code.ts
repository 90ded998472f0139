/**
 * `levelLookup` in SQL: a category value (or class label) to its level's
 * index, with the same cross-type matching as the JavaScript engine.
 *
 * @module
 */
import type { Label } from "../artifact/mod.ts";
import { quoteString } from "../data/mod.ts";
import { MISSING, UNKNOWN } from "../preprocess/mod.ts";
import { sqlNumber } from "../sql/mod.ts";
import type { SqlValueKind } from "./sql_js_text.ts";

/** The characters JavaScript's `String.prototype.trim` removes (white space and line terminators). */
const _JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008" +
  "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

/** Decimal numerals `Number(text)` reads (hexadecimal, octal and binary ones separately). */
const _DECIMAL = "^[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?$";

/**
 * An INTEGER SQL expression: the index of the level `value` matches, as
 * `levelLookup(levels)` gives it to the JavaScript engine, {@linkcode MISSING}
 * (-1) for a missing value, {@linkcode UNKNOWN} (-2) otherwise. Text matches
 * a text level exactly, else the number level equal to `Number(text.trim())`,
 * else a `true`/`false` level; a number matches the number level equal to
 * it, else the text level `String(x)`; a boolean matches the boolean level,
 * else the text level `"true"`/`"false"`. A number column's NULL and NaN
 * are NaN to the JavaScript engine: not missing, but unknown (or the text
 * level `"NaN"`).
 *
 * @example
 * ```ts
 * import { levelCodeSql } from "./sql_level_code.ts";
 * import { duckdb } from "../data/mod.ts";
 * const db = await duckdb();
 * const code = levelCodeSql("v", "text", [3, "basic", true]);
 * const rows = await db.runAndReadAll(`SELECT ${code} AS c FROM (VALUES ('basic'), (' 3.0 '), ('true'), ('pro'), (NULL)) t(v)`);
 * if (rows.getRowObjectsJS().map((r) => r.c).join() !== "1,0,2,-2,-1") throw new Error();
 * ```
 */
export function levelCodeSql(value: string, kind: SqlValueKind, levels: readonly Label[]): string {
  const when: string[] = [];
  const first = <T extends Label>(test: (l: Label) => l is T) =>
    levels.flatMap((l, k) => (test(l) ? [[l, k] as const] : []));
  const texts = first((l): l is string => typeof l === "string");
  const numbers = first((l): l is number => typeof l === "number");
  const booleans = first((l): l is boolean => typeof l === "boolean");
  const textLevel = (s: string) => texts.find(([l]) => l === s)?.[1];
  if (kind === "text") {
    when.push(`WHEN ${value} IS NULL THEN ${MISSING}`);
    for (const [l, k] of texts) when.push(`WHEN ${value} = ${quoteString(l)} THEN ${k}`);
    if (numbers.length > 0) {
      const x = _jsNumberOfText(`trim(${value}, ${quoteString(_JS_SPACE)})`);
      for (const [l, k] of numbers) when.push(`WHEN ${x} = ${sqlNumber(l)} THEN ${k}`);
    }
    for (const [l, k] of booleans) {
      when.push(`WHEN trim(${value}, ${quoteString(_JS_SPACE)}) = '${l}' THEN ${k}`);
    }
  } else if (kind === "number") {
    when.push(`WHEN ${value} IS NULL OR isnan(${value}) THEN ${textLevel("NaN") ?? UNKNOWN}`);
    for (const [l, k] of numbers) when.push(`WHEN ${value} = ${sqlNumber(l)} THEN ${k}`);
    // The text level String(x) of the one double x whose text it is (±Infinity included).
    for (const [l, k] of texts) {
      const x = Number(l);
      if (!Number.isNaN(x) && String(x) === l) {
        when.push(`WHEN ${value} = ${_doubleSql(x)} THEN ${k}`);
      }
    }
  } else {
    when.push(`WHEN ${value} IS NULL THEN ${MISSING}`);
    for (const b of [true, false]) {
      const k = booleans.find(([l]) => l === b)?.[1] ?? textLevel(String(b));
      if (k !== undefined) when.push(`WHEN ${b ? "" : "NOT "}${value} THEN ${k}`);
    }
  }
  return `(CASE ${when.join(" ")} ELSE ${UNKNOWN} END)`;
}

/** `Number(text)` for text already trimmed, as a DOUBLE; NULL where JavaScript gives NaN or the text is empty. */
function _jsNumberOfText(t: string): string {
  // Hexadecimal and binary integers (unsigned, as in JavaScript) up to 2^64, octal ones digit by
  // digit (exact up to 2^53), then decimals.
  const prefixed = `'0' || lower(substr(${t}, 2, 1)) || substr(${t}, 3)`;
  const octal = `list_reduce(list_transform(string_split(substr(${t}, 3), ''), ` +
    `lambda c: CAST(c AS DOUBLE)), lambda a, d: a * 8 + d)`;
  return `(CASE WHEN regexp_full_match(${t}, '0[xX][0-9a-fA-F]+|0[bB][01]+') ` +
    `THEN CAST(TRY_CAST(${prefixed} AS UBIGINT) AS DOUBLE) ` +
    `WHEN regexp_full_match(${t}, '0[oO][0-7]+') THEN ${octal} ` +
    `WHEN regexp_full_match(${t}, '${_DECIMAL}') THEN TRY_CAST(${t} AS DOUBLE) END)`;
}

function _doubleSql(x: number): string {
  return Number.isFinite(x) ? sqlNumber(x) : `'${x}'::DOUBLE`;
}
