/**
 * Refusals in SQL: the row checks the JavaScript engine makes while it
 * reads, preprocesses and scores a batch, as conditions and messages, and
 * the CASE expressions that raise them or find the first.
 *
 * @module
 */

/** One way a row can be refused. */
export interface SqlCheck {
  /**
   * Checks of one rank run in one loop over a batch's rows in the
   * JavaScript engine, ranks in loop order: the batch's first refusal is
   * its earliest row failing a check of the lowest rank.
   */
  readonly rank: number;
  /** SQL condition, true where the row is refused. */
  readonly when: string;
  /** SQL text expression: the refusal's message, as the JavaScript engine words it. */
  readonly message: string;
  /**
   * A numeric SQL expression that is NULL, NaN or infinite wherever `when`
   * holds, when there is one (a feature's value, an output): rows where all
   * such expressions are finite pass these checks, which one sum tells.
   */
  readonly nonFinite?: string;
}

/**
 * A SQL expression that fails the query with DuckDB's `error()` carrying
 * the message of the first check a row fails (NULL when it passes). Most
 * rows pass, so when several checks say which value must not be finite,
 * the CASE of every check only runs on rows where the sum of those values
 * is not finite (or a check without such a value holds): one addition per
 * value instead of a test per check. A sum that overflows only costs the
 * full CASE for that row.
 *
 * @example
 * ```ts
 * import { checkErrorSql } from "./sql_check.ts";
 * const sql = checkErrorSql([{ rank: 0, when: "x < 0", message: "concat('negative: ', x)" }]);
 * if (sql !== "CASE WHEN x < 0 THEN error(concat('negative: ', x)) END") throw new Error(sql);
 * const guarded = checkErrorSql([
 *   { rank: 0, when: "isinf(a)", message: "'a'", nonFinite: "a" },
 *   { rank: 1, when: "b IS NULL", message: "'b'", nonFinite: "b" },
 * ]);
 * if (!guarded.startsWith("CASE WHEN NOT coalesce(isfinite(a + b), false) THEN CASE WHEN isinf(a)")) {
 *   throw new Error(guarded);
 * }
 * ```
 */
export function checkErrorSql(checks: readonly SqlCheck[]): string {
  const all = _case(checks, (c) => `error(${c.message})`);
  const values = [...new Set(checks.flatMap((c) => c.nonFinite ?? []))];
  if (values.length < 2) return all;
  const others = checks.filter((c) => c.nonFinite === undefined).map((c) => `(${c.when})`);
  const guard = [`NOT coalesce(isfinite(${values.join(" + ")}), false)`, ...others].join(" OR ");
  return `CASE WHEN ${guard} THEN ${all} END`;
}

/**
 * SQL expressions of the rank and the message of the first check a row
 * fails (both NULL when it passes), to find the refusal the JavaScript
 * engine reports first.
 *
 * @example
 * ```ts
 * import { checkFailureSql } from "./sql_check.ts";
 * const { rank } = checkFailureSql([{ rank: 3, when: "x < 0", message: "'negative'" }]);
 * if (rank !== "CASE WHEN x < 0 THEN 3 END") throw new Error(rank);
 * ```
 */
export function checkFailureSql(checks: readonly SqlCheck[]): { rank: string; message: string } {
  return { rank: _case(checks, (c) => String(c.rank)), message: _case(checks, (c) => c.message) };
}

function _case(checks: readonly SqlCheck[], then: (c: SqlCheck) => string): string {
  if (checks.length === 0) return "NULL";
  return `CASE ${checks.map((c) => `WHEN ${c.when} THEN ${then(c)}`).join(" ")} END`;
}
