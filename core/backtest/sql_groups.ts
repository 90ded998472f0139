/**
 * Which partitions the SQL engine reads in one query.
 *
 * @module
 */
import type { DatasetDescriptor, DatasetPartition } from "../data/mod.ts";

/** How the SQL engine groups partitions into queries. */
export interface SqlGrouping {
  /** Most files one query reads (64); 1 reads each partition alone. */
  readonly files: number;
  /**
   * The first query stops once it holds this many rows (65536): its worst
   * rows bound the later queries', which then only list the rows above.
   */
  readonly firstRows: number;
  /**
   * A query stops once it holds this many rows (2M), so its memory stays
   * bounded: a classifier's sort for the ROC AUC holds them all (at 10M
   * rows a back-test peaks at 0.7 GB with 4M, 0.47 with 2M, as fast), and
   * however far the rows above the worst rows' bound go (a model whose loss
   * grows over time), the list of them stays within a few bytes per row.
   */
  readonly rows: number;
}

/** The default {@linkcode SqlGrouping}. */
export const SQL_GROUPING: SqlGrouping = { files: 64, firstRows: 65536, rows: 2_000_000 };

/**
 * Splits `partitions` into groups, in order, one query each: a query pays
 * DuckDB's planning once (about 10 ms) and decodes its files on every core,
 * however small the partitions. A partition's files stay together (a
 * partition of more files than `files` is a group of its own). A dataset
 * with a column named `file_index` (which hides DuckDB's, that tells rows
 * apart) is read a partition per query.
 *
 * @example
 * ```ts
 * import { sqlGroups } from "./sql_groups.ts";
 * const p = (label: string, rows: number) => ({ label, rows, files: [`${label}.parquet`], imported: "" });
 * const d = { columns: [{ name: "x", type: "number" }] } as never;
 * const groups = sqlGroups(d, [p("a", 50_000), p("b", 50_000), p("c", 10), p("d", 10)], { files: 2, firstRows: 65536, rows: 1e6 });
 * if (groups.map((g) => g.map((x) => x.label).join("")).join() !== "ab,cd") throw new Error();
 * ```
 */
export function sqlGroups(
  d: DatasetDescriptor,
  partitions: readonly DatasetPartition[],
  grouping: SqlGrouping = SQL_GROUPING,
): DatasetPartition[][] {
  const maxFiles = d.columns.some((c) => c.name === "file_index") ? 1 : grouping.files;
  const groups: DatasetPartition[][] = [];
  let current: DatasetPartition[] = [], files = 0, rows = 0;
  for (const p of partitions) {
    const full = files + p.files.length > maxFiles || rows + p.rows > grouping.rows ||
      (groups.length === 0 && rows >= grouping.firstRows);
    if (current.length && full) {
      groups.push(current);
      current = [];
      files = 0;
      rows = 0;
    }
    current.push(p);
    files += p.files.length;
    rows += p.rows;
  }
  if (current.length) groups.push(current);
  return groups;
}
