/**
 * Compacting a day of the prediction log: the small files that frequent
 * flushes leave in a partition are rewritten into one. It runs in a
 * short-lived process of its own (`compactLogInChild`), not in the serving
 * one: DuckDB reads and compresses up to 250,000 rows at a time, and the
 * memory that takes is handed back to the system only when a process ends.
 * In the service's own process it stayed allocated, and the service's
 * memory swung by 150 MB with each compaction.
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  columnTypeOf,
  connectDuckdb,
  datasetDir,
  importDataset,
  type InputColumn,
  quoteString,
  readDataset,
} from "../data/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import { lowerThreadPriority } from "./background_priority.ts";
import { limitLogDuckdb } from "./log_duckdb.ts";
import { LOG_SOURCE } from "./log_schema.ts";

/** Files of fewer rows are small; a compaction takes small files up to this many rows in all. */
const _COMPACT_ROWS = 250_000;

/**
 * What `logFiles` read of each file, by path: a log file is never changed
 * (a compaction writes a new one under a new name), so once read, its rows
 * and compression hold. Bounded: cleared when it would pass `_KNOWN_MAX`.
 */
const _known = new Map<string, Omit<LogFile, "file">>();
const _KNOWN_MAX = 50_000;

const _SELF = fileURLToPath(import.meta.url);
const _CONFIG = fileURLToPath(new URL("../../deno.json", import.meta.url));

/**
 * Rewrites the small files of partition `label` of `dataset` (under
 * 250,000 rows each), here, in this process, in zstd: the smallest first,
 * up to that many rows into each new file, until no two small files are
 * left; bigger files stay. A lone small file is rewritten only if it is
 * uncompressed. Each merge holds at most about 250,000 rows, and every row
 * is so rewritten about once, however long the day.
 *
 * @example
 * ```ts ignore
 * await compactLogPartition(".", "live-churn", "2026-03-05", new Date());
 * ```
 */
export async function compactLogPartition(
  root: string,
  dataset: string,
  label: string,
  now: Date,
): Promise<void> {
  const dir = datasetDir(root, dataset);
  for (;;) {
    const d = readDataset(dir);
    const p = d?.partitions.find((x) => x.label === label);
    if (p === undefined) return;
    const small = filesToMerge(await logFiles(dir, p.files));
    if (small.length === 0) return;
    await _merge(root, dataset, d!.grain === "day" ? label : undefined, small, now);
  }
}

/**
 * How many of `files` are small (under 250,000 rows): those a compaction
 * merges. A partition is compacted once they outnumber a limit, whatever
 * number of full files it holds.
 *
 * @example
 * ```ts
 * import { smallFiles } from "./compact_log.ts";
 * const f = (file: string, rows: number) => ({ file, rows, compressed: true });
 * if (smallFiles([f("a", 10), f("big", 250_000), f("b", 249_999)]) !== 2) throw new Error();
 * ```
 */
export function smallFiles(files: readonly LogFile[]): number {
  let n = 0;
  for (const f of files) if (f.rows < _COMPACT_ROWS) n++;
  return n;
}

/**
 * The files a compaction of a partition rewrites into one: its small files
 * (under 250,000 rows), the smallest first, up to that
 * many rows in all; a lone small file only if it is uncompressed (the log
 * writes its flushes so). None when there is nothing to gain.
 *
 * @example
 * ```ts
 * import { filesToMerge } from "./compact_log.ts";
 * const f = (file: string, rows: number, compressed = false) => ({ file, rows, compressed });
 * const picked = filesToMerge([f("a", 10), f("big", 300_000), f("b", 5), f("c", 249_990)]);
 * if (picked.map((x) => x.file).join() !== "b,a") throw new Error(JSON.stringify(picked));
 * if (filesToMerge([f("a", 10, true), f("big", 300_000)]).length !== 0) throw new Error();
 * if (filesToMerge([f("a", 10, false)]).length !== 1) throw new Error();
 * ```
 */
export function filesToMerge(files: readonly LogFile[]): LogFile[] {
  const small: LogFile[] = [];
  let total = 0;
  for (const f of files.filter((f) => f.rows < _COMPACT_ROWS).sort((a, b) => a.rows - b.rows)) {
    if (small.length >= 2 && total + f.rows > _COMPACT_ROWS) break;
    small.push(f);
    total += f.rows;
  }
  return small.length === 1 && small[0]!.compressed ? [] : small;
}

/** What compaction needs to know of a log file. */
export interface LogFile {
  /** Its path in the dataset's folder. */
  readonly file: string;
  /** Its rows. */
  readonly rows: number;
  /** Whether its columns are compressed (the log's own flushes are not). */
  readonly compressed: boolean;
}

/**
 * The rows and compression of `files` (paths in the dataset folder `dir`),
 * from their Parquet footers (each file's read once: files never change).
 *
 * @example
 * ```ts ignore
 * const files = await logFiles(datasetDir(".", "live-churn"), partition.files);
 * ```
 */
export async function logFiles(dir: string, files: readonly string[]): Promise<LogFile[]> {
  const unknown = new Set(files.map((f) => join(dir, f)).filter((path) => !_known.has(path)));
  if (unknown.size > 0) {
    const list = `[${[...unknown].map(quoteString).join(", ")}]`;
    const db = await connectDuckdb();
    try {
      const sql = `SELECT f.file_name, f.num_rows, c.plain FROM parquet_file_metadata(${list}) f ` +
        `LEFT JOIN (SELECT file_name, bool_and(compression = 'UNCOMPRESSED') AS plain ` +
        `FROM parquet_metadata(${list}) GROUP BY file_name) c USING (file_name)`;
      const rows = (await db.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
      if (_known.size + rows.length > _KNOWN_MAX) _known.clear();
      for (const r of rows) {
        const path = String(r.file_name);
        if (unknown.has(path)) {
          _known.set(path, { rows: Number(r.num_rows ?? 0), compressed: r.plain !== true });
        }
      }
    } finally {
      db.disconnectSync();
    }
  }
  return files.map((file) => ({
    file,
    ...(_known.get(join(dir, file)) ?? { rows: 0, compressed: true }),
  }));
}

/**
 * Rewrites `small` into one file. What the footers and the partition tell
 * (the columns, the row count, the `day` they all fall in, for a log by
 * day) is given to the import, which then neither scans the rows to
 * describe them nor partitions them again: the merge reads each value once.
 */
async function _merge(
  root: string,
  dataset: string,
  day: string | undefined,
  small: readonly LogFile[],
  now: Date,
): Promise<void> {
  const dir = datasetDir(root, dataset);
  const from = `read_parquet([${
    small.map((f) => quoteString(join(dir, f.file))).join(", ")
  }], hive_partitioning = false)`;
  const db = await connectDuckdb();
  let columns: InputColumn[];
  try {
    const described = (await db.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`))
      .getRowObjectsJson();
    columns = described.map((r) => ({
      name: String(r.column_name),
      duckdbType: String(r.column_type),
      type: columnTypeOf(String(r.column_type))!,
      empty: false,
    }));
  } finally {
    db.disconnectSync();
  }
  const start = day === undefined ? NaN : Date.parse(`${day}T00:00:00Z`);
  await importDataset(
    root,
    [{
      name: LOG_SOURCE,
      from,
      known: {
        columns,
        rows: small.reduce((sum, f) => sum + f.rows, 0),
        span: Number.isFinite(start)
          ? { first: new Date(start), last: new Date(start + 86_400_000 - 1) }
          : undefined,
      },
    }],
    { dataset, replaceFiles: small.map((f) => f.file), now, mergeHistory: true },
  );
}

/**
 * {@linkcode compactLogPartition} in a child process (this module run by
 * the same Deno, with the project's configuration), awaited; a failure is
 * an error carrying the child's message. The dataset's import lock keeps
 * the child and any other writer apart.
 *
 * @example
 * ```ts ignore
 * await compactLogInChild(".", "live-churn", "2026-03-05", new Date());
 * ```
 */
export async function compactLogInChild(
  root: string,
  dataset: string,
  label: string,
  now: Date,
): Promise<void> {
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      "--allow-all",
      "--config",
      _CONFIG,
      _SELF,
      root,
      dataset,
      label,
      now.toISOString(),
    ],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).output();
  if (code !== 0) {
    const message = new TextDecoder().decode(stderr).trim().split("\n").slice(-5).join(" ");
    throw new RatchetError(
      "internal",
      `Compacting day ${label} of ${dataset} failed (its files stay as they were): ${message}`,
    );
  }
}

if (import.meta.main) {
  const [root, dataset, label, now] = Deno.args;
  lowerThreadPriority(); // requests first: the merge waits for idle time on a busy machine
  try {
    if (now === undefined) throw new Error("usage: compact_log.ts ROOT DATASET LABEL NOW");
    await limitLogDuckdb();
    await compactLogPartition(root!, dataset!, label!, new Date(now));
  } catch (e) {
    console.error((e as Error).message);
    Deno.exit(1);
  }
}
