/**
 * Turning DuckDB's failure to read a partition into an error that names the
 * file to fix.
 *
 * @module
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { RatchetError } from "../errors/mod.ts";
import type { DatasetDescriptor, DatasetPartition } from "./dataset.ts";
import { partitionSql } from "./partition_sql.ts";

/**
 * The error for a partition that could not be read whole: the query failed
 * with `cause`, or (`cause` null) it ended before the partition's rows did,
 * which is how a streaming query reports a failure. Each of the partition's
 * files is read again alone, to the last value (`select` is the scan's
 * column list): the first that fails is named; if none does, their row
 * counts are compared with the descriptor's.
 *
 * @example
 * ```ts ignore
 * throw await readError(db, d, p, dir, "x", e);
 * ```
 */
export async function readError(
  db: DuckDBConnection,
  d: DatasetDescriptor,
  p: DatasetPartition,
  dir: string,
  select: string,
  cause: unknown,
): Promise<RatchetError> {
  const what = `Cannot read partition ${p.label} of dataset ${d.name}`;
  let rows = 0;
  for (const file of p.files) {
    const one = { ...p, files: [file] };
    try {
      // Hashing every value makes DuckDB decode them all (a count alone reads only metadata).
      const [row] = (await db.runAndReadAll(
        `SELECT count(*)::DOUBLE AS n, sum(hash(${select})) AS h FROM ${partitionSql(d, one, dir)}`,
      )).getRowObjectsJson();
      rows += Number(row?.n ?? 0);
    } catch (e) {
      return new RatchetError(
        "invalid",
        `${what}: file ${file} is unreadable (${
          _message(e)
        }); import that ${d.grain} again with --replace`,
        { cause: e },
      );
    }
  }
  if (rows !== p.rows) return rowCountError(d, p, rows);
  return new RatchetError(
    "invalid",
    `${what} (files ${p.files.join(", ")}): ${
      cause === null ? "DuckDB ended its rows early; try again" : _message(cause)
    }`,
    cause === null ? undefined : { cause },
  );
}

/**
 * The error for a partition whose files hold another row count than the
 * descriptor lists.
 *
 * @example
 * ```ts
 * import { rowCountError } from "./read_error.ts";
 * const e = rowCountError({ name: "s", grain: "month" } as never, { label: "2015-03", rows: 9 } as never, 8);
 * if (!e.message.includes("has 8 rows in its files, but dataset.json says 9")) throw new Error(e.message);
 * ```
 */
export function rowCountError(
  d: DatasetDescriptor,
  p: DatasetPartition,
  rows: number,
): RatchetError {
  return new RatchetError(
    "invalid",
    `Partition ${p.label} of dataset ${d.name} has ${rows} rows in its files, but dataset.json ` +
      `says ${p.rows}: its files were changed after the import; import that ${d.grain} again with --replace`,
  );
}

function _message(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split("\n")[0]!.replace(/^Error: /, "");
}
