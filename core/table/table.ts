/**
 * A table of input rows, column by column, as read from CSV, JSON or JSON
 * Lines. Values stay raw (strings from CSV, JSON values otherwise): turning
 * them into model features is preprocessing's job, which knows the types.
 *
 * @module
 */

/** Rows of named columns. */
export interface Table {
  /** Number of rows. */
  readonly n: number;
  /** Column names, in first-seen order. */
  readonly names: readonly string[];
  /** True when every value is text to be parsed (CSV), false for JSON values. */
  readonly textual: boolean;
  /**
   * A column's values, one per row: a string or `null` (empty cell) for CSV;
   * any JSON value, or `undefined` where a row lacks the key, for JSON.
   * `undefined` when no row has the column.
   */
  column(name: string): ArrayLike<unknown> | undefined;
  /** How errors name row `i` (0-based): `row 3 (line 4 of data.csv)`. */
  rowLabel(i: number): string;
}

/**
 * A table over JSON objects (one per row). `lines` gives each row's line
 * number in the source, for error messages.
 *
 * @example
 * ```ts
 * import { tableFromRows } from "./table.ts";
 * const t = tableFromRows([{ a: 1 }, { a: 2, b: "x" }]);
 * if (t.n !== 2 || t.names.join() !== "a,b" || t.column("b")?.[0] !== undefined) throw new Error();
 * ```
 */
export function tableFromRows(
  rows: readonly Readonly<Record<string, unknown>>[],
  options: { source?: string; lines?: readonly number[] } = {},
): Table {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const k of Object.keys(row)) {
      if (!seen.has(k)) {
        seen.add(k);
        names.push(k);
      }
    }
  }
  const cache = new Map<string, unknown[]>();
  return {
    n: rows.length,
    names,
    textual: false,
    column(name) {
      if (!seen.has(name)) return undefined;
      let col = cache.get(name);
      if (!col) {
        col = rows.map((r) => Object.hasOwn(r, name) ? r[name] : undefined);
        cache.set(name, col);
      }
      return col;
    },
    rowLabel: (i) => _rowLabel(i, options.lines?.[i], options.source),
  };
}

/**
 * A table over columns that are already arrays (CSV reader, DuckDB results).
 *
 * @example
 * ```ts
 * import { tableFromColumns } from "./table.ts";
 * const t = tableFromColumns({ a: ["1", "2"] }, 2, { textual: true });
 * if (t.column("a")?.[1] !== "2" || !t.textual) throw new Error();
 * ```
 */
export function tableFromColumns(
  columns: Readonly<Record<string, ArrayLike<unknown>>>,
  n: number,
  options: { textual?: boolean; source?: string; firstLine?: number; lines?: readonly number[] } =
    {},
): Table {
  const names = Object.keys(columns);
  return {
    n,
    names,
    textual: options.textual ?? false,
    column: (name) => Object.hasOwn(columns, name) ? columns[name] : undefined,
    rowLabel: (i) =>
      _rowLabel(
        i,
        options.lines?.[i] ?? (options.firstLine !== undefined ? options.firstLine + i : undefined),
        options.source,
      ),
  };
}

function _rowLabel(i: number, line: number | undefined, source: string | undefined): string {
  if (line === undefined) return `row ${i + 1}`;
  return `row ${i + 1} (line ${line}${source ? ` of ${source}` : ""})`;
}

/**
 * This module's definitions as exported code embeds them (see `jsSource` in
 * core/contract): a bundle names rows in errors exactly as ratchet does.
 *
 * @example
 * ```ts
 * import { TABLE_JS } from "./table.ts";
 * import { jsSource } from "../contract/mod.ts";
 * const rows = new Function(`${jsSource(TABLE_JS)}\nreturn tableFromRows;`)();
 * if (rows([{ a: 1 }]).rowLabel(0) !== "row 1") throw new Error();
 * ```
 */
export const TABLE_JS = { tableFromRows, tableFromColumns, _rowLabel };
