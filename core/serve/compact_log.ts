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
import { connectDuckdb, datasetDir, importDataset, quoteString, readDataset } from "../data/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import { limitLogDuckdb } from "./log_duckdb.ts";

/** Files of fewer rows are small; a compaction takes small files up to this many rows in all. */
export const COMPACT_ROWS = 250_000;

/** The source compactions name in the dataset's history (as the log's other writes do). */
const _SOURCE = "the prediction log";

const _SELF = fileURLToPath(import.meta.url);
const _CONFIG = fileURLToPath(new URL("../../deno.json", import.meta.url));

/**
 * Rewrites the smallest files of partition `label` of `dataset` (under
 * {@linkcode COMPACT_ROWS} rows each, the smallest first, up to that many
 * rows in all) into one file, here, in this process; other files stay.
 * Does nothing when fewer than two files are small. Every row is so
 * rewritten about once, however long the day.
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
  const p = readDataset(dir)?.partitions.find((x) => x.label === label);
  if (p === undefined || p.files.length < 2) return;
  const db = await connectDuckdb();
  let sizes: Record<string, unknown>[];
  try {
    const sql = `SELECT file_name, num_rows FROM parquet_file_metadata([${
      p.files.map((f) => quoteString(join(dir, f))).join(", ")
    }])`;
    sizes = (await db.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    db.disconnectSync();
  }
  const rows = new Map(sizes.map((r) => [String(r.file_name), Number(r.num_rows)]));
  const size = (f: string) => rows.get(join(dir, f)) ?? 0;
  const small: string[] = [];
  let total = 0;
  for (
    const f of p.files.filter((f) => size(f) < COMPACT_ROWS).sort((a, b) => size(a) - size(b))
  ) {
    if (small.length >= 2 && total + size(f) > COMPACT_ROWS) break;
    small.push(f);
    total += size(f);
  }
  if (small.length < 2) return;
  const files = small.map((f) => quoteString(join(dir, f))).join(", ");
  await importDataset(
    root,
    [{ name: _SOURCE, from: `read_parquet([${files}], hive_partitioning = false)` }],
    { dataset, replaceFiles: small, now, mergeHistory: true },
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
  try {
    if (now === undefined) throw new Error("usage: compact_log.ts ROOT DATASET LABEL NOW");
    await limitLogDuckdb();
    await compactLogPartition(root!, dataset!, label!, new Date(now));
  } catch (e) {
    console.error((e as Error).message);
    Deno.exit(1);
  }
}
