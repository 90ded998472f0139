/**
 * Quoting names and text for DuckDB SQL built from user input (column names,
 * file paths): nothing a user types can end a literal early.
 *
 * @module
 */

/**
 * A SQL identifier: `"name"`, with inner quotes doubled.
 *
 * @example
 * ```ts
 * import { quoteIdentifier } from "./sql_quote.ts";
 * if (quoteIdentifier('a "b"') !== '"a ""b"""') throw new Error();
 * ```
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A SQL string literal: `'text'`, with inner quotes doubled.
 *
 * @example
 * ```ts
 * import { quoteString } from "./sql_quote.ts";
 * if (quoteString("it's") !== "'it''s'") throw new Error();
 * ```
 */
export function quoteString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
