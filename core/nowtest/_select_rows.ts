/**
 * A table of some rows of another: the rows of a time window inside an edge
 * partition, or the labelled rows of a batch.
 *
 * @module
 */
import type { Table } from "../table/mod.ts";

/**
 * The rows `rows` (indices, ascending) of `table`, as a table of their own.
 * Columns are copied when first read, numbers into a `Float64Array`; each row
 * keeps its label in the source (`2015-03 row 17`). All rows: `table` itself.
 *
 * @example
 * ```ts
 * import { selectRows } from "./_select_rows.ts";
 * import { tableFromColumns } from "../table/mod.ts";
 * const t = tableFromColumns({ x: Float64Array.of(1, 2, 3), c: ["a", null, "c"] }, 3);
 * const s = selectRows(t, [0, 2]);
 * if (s.n !== 2 || s.column("x")![1] !== 3 || s.column("c")![1] !== "c" || s.rowLabel(1) !== "row 3") {
 *   throw new Error();
 * }
 * ```
 */
export function selectRows(table: Table, rows: readonly number[]): Table {
  if (rows.length === table.n) return table;
  const copies = new Map<string, ArrayLike<unknown> | undefined>();
  return {
    n: rows.length,
    names: table.names,
    textual: table.textual,
    column(name) {
      if (!copies.has(name)) {
        const source = table.column(name);
        copies.set(
          name,
          source instanceof Float64Array
            ? Float64Array.from(rows, (i) => source[i]!)
            : source && rows.map((i) => source[i]),
        );
      }
      return copies.get(name);
    },
    rowLabel: (i) => table.rowLabel(rows[i]!),
  };
}
