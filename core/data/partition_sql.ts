/**
 * The SQL that reads one partition: exactly the files the descriptor lists,
 * never a glob, so files of an import still in progress (or interrupted)
 * are never seen.
 *
 * @module
 */
import { join, resolve } from "node:path";
import type { DatasetDescriptor, DatasetPartition } from "./dataset.ts";
import { quoteString } from "./sql_quote.ts";

/**
 * `read_parquet([...])` over a partition's files, as absolute paths under
 * `dir` (the dataset folder), for use in a FROM clause. Hive partitioning is
 * off: the label is `p.label`, and a data column may share the key's name
 * (a `month` column in a dataset partitioned by month).
 *
 * @example
 * ```ts
 * import { partitionSql } from "./partition_sql.ts";
 * const p = { label: "2015-03", rows: 9, files: ["month=2015-03/part-1.parquet"], imported: "2026-01-01T00:00:00Z" };
 * const sql = partitionSql({ key: "month" } as never, p, "/srv/data/seattle");
 * if (sql !== "read_parquet(['/srv/data/seattle/month=2015-03/part-1.parquet'], hive_partitioning = false)") throw new Error(sql);
 * ```
 */
export function partitionSql(_d: DatasetDescriptor, p: DatasetPartition, dir: string): string {
  const files = p.files.map((f) => quoteString(join(resolve(dir), f)));
  return `read_parquet([${files.join(", ")}], hive_partitioning = false)`;
}
