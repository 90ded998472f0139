/**
 * DuckDB SQL of a model's arithmetic, rewritten for PostgreSQL: the two
 * differ in a few spellings, and in how they type a literal like `2e0`
 * (DuckDB: DOUBLE; PostgreSQL: NUMERIC, whose exact decimal arithmetic would
 * not round as ratchet's doubles do).
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";

/** DuckDB functions PostgreSQL lacks that the rewrite does not translate. */
const _DUCKDB_ONLY =
  /\b(regexp_full_match|list_\w+|lambda|try_cast|ubigint|isinf|isfinite|error)\s*\(/i;

/**
 * Rewrites DuckDB SQL (no refusal checks) for PostgreSQL: every number in
 * exponent form (as `sqlNumber` writes them) becomes
 * `CAST(… AS DOUBLE PRECISION)`, `DOUBLE` becomes `DOUBLE PRECISION`,
 * `isnan(x)` becomes `(x) = 'NaN'` (PostgreSQL's NaN equals itself) and
 * `trim(x, chars)` becomes `btrim(x, chars)`. Quoted text and names are
 * left alone. Throws when a DuckDB function without a translation remains.
 *
 * @example
 * ```ts
 * import { postgresSql } from "./postgres_dialect.ts";
 * const sql = postgresSql(`CASE WHEN x IS NULL OR isnan(x) THEN 2e0 ELSE x END * (-1.5e-1) + 'e1'`);
 * if (sql !== "CASE WHEN x IS NULL OR ((x) = CAST('NaN' AS DOUBLE PRECISION)) THEN CAST(2e0 AS DOUBLE PRECISION) ELSE x END * (-CAST(1.5e-1 AS DOUBLE PRECISION)) + 'e1'") {
 *   throw new Error(sql);
 * }
 * ```
 */
export function postgresSql(duckdb: string): string {
  const sql = _rewrite(duckdb);
  const left = _DUCKDB_ONLY.exec(_unquoted(sql));
  if (left) {
    throw new RatchetError(
      "unsupported",
      `This model's SQL uses DuckDB's ${
        left[1]
      }(), which PostgreSQL lacks: export with --sql duckdb`,
    );
  }
  return sql;
}

function _rewrite(sql: string): string {
  let out = "";
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = _quoteEnd(sql, i);
      out += sql.slice(i, end);
      i = end;
      continue;
    }
    const word = /^[A-Za-z_][\w$]*|^\d+(?:\.\d+)?(?:e[-+]?\d+)?/i.exec(sql.slice(i))?.[0];
    if (!word) {
      out += c;
      i++;
      continue;
    }
    const after = i + word.length;
    const lower = word.toLowerCase();
    if (/^\d/.test(word)) {
      out += /e/i.test(word) ? `CAST(${word} AS DOUBLE PRECISION)` : word;
    } else if (lower === "double" && !/^\s+precision\b/i.test(sql.slice(after))) {
      out += "DOUBLE PRECISION";
    } else if ((lower === "isnan" || lower === "trim") && sql[after] === "(") {
      const close = _closing(sql, after);
      const inner = _rewrite(sql.slice(after + 1, close));
      out += lower === "isnan"
        ? `((${inner}) = CAST('NaN' AS DOUBLE PRECISION))`
        : `btrim(${inner})`;
      i = close + 1;
      continue;
    } else out += word;
    i = after;
  }
  return out;
}

/** The index just after the quoted text or name starting at `start` (doubled quotes escape). */
function _quoteEnd(sql: string, start: number): number {
  const q = sql[start]!;
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === q) {
      if (sql[i + 1] === q) i += 2;
      else return i + 1;
    } else i++;
  }
  throw new RatchetError("internal", `Unterminated ${q} in generated SQL`);
}

/** The index of the `)` closing the `(` at `open`. */
function _closing(sql: string, open: number): number {
  let depth = 0;
  for (let i = open; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      i = _quoteEnd(sql, i) - 1;
    } else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  throw new RatchetError("internal", "Unbalanced parentheses in generated SQL");
}

/** The SQL with quoted text and names blanked, to look for function names. */
function _unquoted(sql: string): string {
  let out = "";
  for (let i = 0; i < sql.length;) {
    if (sql[i] === "'" || sql[i] === '"') {
      const end = _quoteEnd(sql, i);
      out += " ";
      i = end;
    } else out += sql[i++];
  }
  return out;
}
