/**
 * Refusals in SQL: the row checks the JavaScript engine makes while it
 * reads, preprocesses and scores a batch, as conditions and messages; the
 * CASE expressions that raise them or find the first, and the aggregates
 * that tell cheaply whether a partition has any.
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
  /**
   * Set when `when` holds only where `nonFinite` is ±Infinity: a NULL or a
   * NaN there passes (a missing value, which an imputer may fill).
   */
  readonly infiniteOnly?: boolean;
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

/** Aggregates that tell whether any row of a partition may be refused (see {@linkcode checkSuspectSql}). */
export interface SuspectSql {
  /** Columns each row carries (`expression AS alias`). */
  readonly scored: string[];
  /** Aggregates over a group of rows (`aggregate AS alias`). */
  readonly aggregates: string[];
  /** Over a partition's groups (whose rows are `sum(_n)`): `… AS _suspect`, 0 when no row is refused. */
  readonly select: string;
}

/**
 * Aggregates that find, per partition, whether a row may fail a check,
 * without raising or naming it: most partitions have none, and a cheap sum
 * tells. The values that must be finite (`nonFinite`) are added up row by
 * row and the sums summed: a NULL leaves a row out of the count, a NaN or
 * an infinity makes the total non-finite; the other checks (and those of
 * values that may be missing, `infiniteOnly`) are counted.
 * `_suspect` is 0 when no row is refused; otherwise (or when the sum
 * overflows) the partition's first refusal is looked for row by row.
 *
 * A value in `covered` is left out of the sum, and its checks are not
 * counted either: it is one the sum's other terms carry, NULL or not
 * finite wherever it is (an input of a plugin with `strict_outputs`,
 * whose outputs are summed). A linear model's sum is then its output and
 * its target, not every feature too.
 *
 * @example
 * ```ts
 * import { checkSuspectSql } from "./sql_check.ts";
 * const s = checkSuspectSql([
 *   { rank: 0, when: "isinf(a)", message: "'a'", nonFinite: "a" },
 *   { rank: 1, when: "b IS NULL", message: "'b'", nonFinite: "b" },
 *   { rank: 2, when: "c = -2", message: "'c'" },
 *   { rank: 3, when: "isinf(d)", message: "'d'", nonFinite: "d", infiniteOnly: true },
 * ]);
 * if (s.scored.join() !== "a + b AS _guard,((c = -2) OR (isinf(d))) AS _other") throw new Error(s.scored.join());
 * const o = checkSuspectSql([
 *   { rank: 0, when: "isinf(a)", message: "'a'", nonFinite: "a", infiniteOnly: true },
 *   { rank: 1, when: "a IS NULL", message: "'a'", nonFinite: "a" },
 *   { rank: 2, when: "NOT isfinite(_o0)", message: "'o'", nonFinite: "_o0" },
 * ], new Set(["a"]));
 * if (o.scored.join() !== "_o0 AS _guard") throw new Error(o.scored.join());
 * ```
 */
export function checkSuspectSql(
  checks: readonly SqlCheck[],
  covered: ReadonlySet<string> = new Set(),
): SuspectSql {
  // A value that may be missing (only its infinities are refused) joins the other conditions,
  // unless another check refuses it whenever it is not finite.
  const values = [
    ...new Set(
      checks.flatMap((c) => c.nonFinite !== undefined && !c.infiniteOnly ? c.nonFinite : []),
    ),
  ];
  const others = checks
    .filter((c) =>
      c.nonFinite === undefined ||
      (c.infiniteOnly && !values.includes(c.nonFinite) && !covered.has(c.nonFinite))
    )
    .map((c) => `(${c.when})`);
  const scored: string[] = [], aggregates: string[] = [], terms: string[] = [];
  const summed = values.filter((v) => !covered.has(v));
  if (summed.length > 0) {
    scored.push(`${summed.join(" + ")} AS _guard`);
    aggregates.push("sum(_guard) AS _guard_sum", "count(_guard) AS _guard_n");
    terms.push(
      "sum(_n) - sum(_guard_n)",
      "CASE WHEN coalesce(isfinite(sum(_guard_sum)), true) THEN 0 ELSE 1 END",
    );
  }
  if (others.length > 0) {
    scored.push(`(${others.join(" OR ")}) AS _other`);
    aggregates.push("count_if(_other) AS _other_n");
    terms.push("sum(_other_n)");
  }
  return { scored, aggregates, select: `${terms.join(" + ") || "0"} AS _suspect` };
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
