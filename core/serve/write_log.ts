/**
 * Writing the prediction log into datasets with core's import machinery:
 * the buffered columns are written as a Parquet file in JavaScript (about a
 * copy of each typed array; no DuckDB work), which `importDataset` moves
 * into its day partition, or, when the rows cross midnight, has DuckDB
 * split among the days (atomically, under the dataset's import lock).
 * Outcomes that arrive after their rows were written are
 * joined into those rows by rewriting the files that hold them, and the
 * many small files frequent flushes leave are compacted as they pile up;
 * both replace files in place (`replaceFiles`), never whole partitions.
 *
 * @module
 */
import { dirname, join } from "node:path";
import type { Label } from "../artifact/mod.ts";
import {
  connectDuckdb,
  datasetDir,
  type DatasetPartition,
  importDataset,
  type ParquetColumn,
  parquetPieces,
  quoteIdentifier,
  quoteString,
  readDataset,
  type TimeSpan,
} from "../data/mod.ts";
import type { LogChunk } from "./log_columns.ts";
import { writePiecesSynced } from "../store/mod.ts";
import { LOG_ID, LOG_SOURCE, LOG_TIME, type LogColumn } from "./log_schema.ts";
import { compactLogInChild, filesToMerge, logFiles, smallFiles } from "./compact_log.ts";

/**
 * A partition whose small files (under 250,000 rows) outnumber
 * `_MAX_FILES` has them rewritten, up to that many rows into each new file,
 * in a process of its own (`compact_log.ts`); bigger files stay as they
 * are and do not count: a long busy day does not compact at every flush.
 * Each row is then rewritten about once (a file just short of 250,000 rows
 * perhaps twice), however long the day, each merge holds a bounded number
 * of rows, and a partition holds at most `_MAX_FILES` small files plus one
 * per 250,000 rows.
 */
const _MAX_FILES = 24;

/** The files a flush writes beside the datasets before the import takes them in. */
const _PENDING = ".ratchet-log-";

/**
 * A pending file older than this was left by a process that stopped
 * between writing it and importing it (its rows are lost with the buffer of
 * that process; the file only takes room).
 */
const _STALE_MS = 10 * 60_000;

/**
 * Appends the rows of `chunk` to `dataset`, creating it (partitioned by
 * day on `request_time`) on the first write. Returns the rows written.
 *
 * @example
 * ```ts ignore
 * await appendLog(".", "live-churn", rows.close(() => undefined), new Date());
 * ```
 */
export async function appendLog(
  root: string,
  dataset: string,
  chunk: LogChunk,
  now: Date,
): Promise<number> {
  const data = dirname(datasetDir(root, dataset));
  Deno.mkdirSync(data, { recursive: true });
  _removeStale(data);
  // Beside the dataset (one file system: the import moves it in), outside its folder.
  const file = join(data, `${_PENDING}${crypto.randomUUID()}.parquet`);
  try {
    await writePiecesSynced(file, parquetPieces(chunk.rows, _parquetColumns(chunk)), _breathe);
    const result = await importDataset(
      root,
      [{
        name: LOG_SOURCE,
        from: `read_parquet(${quoteString(file)}, hive_partitioning = false)`,
        file,
        known: {
          columns: chunk.columns.map((c) => ({
            name: c.name,
            duckdbType: c.sql,
            type: c.type,
            empty: false,
          })),
          rows: chunk.rows,
          span: _span(chunk),
        },
      }],
      // Rows across midnight are copied by DuckDB, in snappy: a fifth less work than zstd on
      // the serving machine; compaction rewrites them in zstd.
      { dataset, time: LOG_TIME, grain: "day", now, mergeHistory: true, compression: "snappy" },
    );
    const written = new Set(result.partitions.map((p) => p.label));
    // The rows are written: a compaction that fails must not fail the append (the log would
    // write them again). Its files stay as they were, and the next flush tries again.
    try {
      const partitions = readDataset(datasetDir(root, dataset))?.partitions ?? [];
      for (const p of partitions) {
        if (
          written.has(p.label) && p.files.length > _MAX_FILES &&
          smallFiles(await logFiles(datasetDir(root, dataset), p.files)) > _MAX_FILES
        ) {
          await compactLogInChild(root, dataset, p.label, now);
        }
      }
      await _settleFinishedDay(root, dataset, partitions, written, now);
    } catch (e) {
      console.error(
        `warning: ${dataset} was not compacted (its files stay as they are; the next flush ` +
          `tries again): ${(e as Error).message}`,
      );
    }
    return result.rows;
  } finally {
    try {
      Deno.removeSync(file);
    } catch { /* moved into the dataset */ }
  }
}

/**
 * The pause between the columns of a log file: a millisecond's sleep, so
 * that the thread answering requests, or the load generator or client
 * beside it, gets the core back at once. On a 2-core machine the few
 * milliseconds of making a 50,000-row file in one burst took a core from
 * one of them until the kernel's next tick (up to 4 ms at 250 Hz): under
 * wrk that was most of the answers slower than 2 ms.
 */
function _breathe(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1));
}

/** The earliest and latest request time of a chunk. */
function _span(chunk: LogChunk): TimeSpan | undefined {
  const data = chunk.data[chunk.columns.findIndex((c) => c.name === LOG_TIME)];
  if (data?.kind !== "number") return undefined;
  let first = Infinity, last = -Infinity;
  for (let i = 0; i < chunk.rows; i++) {
    const t = data.values[i]!;
    if (t < first) first = t;
    if (t > last) last = t;
  }
  return first <= last ? { first: new Date(first), last: new Date(last) } : undefined;
}

/** A chunk's columns as Parquet writes them: each log column in its DuckDB type. */
function _parquetColumns(chunk: LogChunk): ParquetColumn[] {
  return chunk.columns.map((c, k): ParquetColumn => {
    const d = chunk.data[k]!;
    if (d.kind === "id") return { name: c.name, kind: "utf8", ...chunk.ids };
    if (d.kind === "text") {
      return { name: c.name, kind: "text", codes: d.codes, dictionary: d.dictionary };
    }
    const kind = c.sql === "TIMESTAMP" ? "timestamp" : c.sql === "BOOLEAN" ? "boolean" : "double";
    return { name: c.name, kind, values: d.values };
  });
}

/** Removes pending files of `data` that a stopped process left behind. */
function _removeStale(data: string): void {
  const now = Date.now(); // file times are the wall clock's
  for (const entry of Deno.readDirSync(data)) {
    if (!entry.isFile || !entry.name.startsWith(_PENDING)) continue;
    const path = join(data, entry.name);
    try {
      const mtime = Deno.statSync(path).mtime?.getTime() ?? now;
      if (now - mtime > _STALE_MS) Deno.removeSync(path);
    } catch { /* another writer took it in, or removed it */ }
  }
}

/**
 * Writes outcomes into the target column of the logged rows whose
 * `request_id` they name (a later outcome replaces an earlier one) and
 * returns the ids found. Only the files holding such rows are rewritten.
 *
 * @example
 * ```ts ignore
 * const matched = await applyOutcomes(".", "live-churn", "churned", new Map([["r-1", "yes"]]), new Date());
 * ```
 */
export async function applyOutcomes(
  root: string,
  dataset: string,
  target: string,
  outcomes: ReadonlyMap<string, Label>,
  now: Date,
): Promise<Set<string>> {
  const d = readDataset(datasetDir(root, dataset));
  const column = d?.columns.find((c) => c.name === target);
  if (!d || !column || outcomes.size === 0) return new Set();
  return await _withTemp(async (tmp) => {
    const jsonl = join(tmp, "outcomes.jsonl");
    let text = "";
    for (const [id, value] of outcomes) {
      text += JSON.stringify({ id, outcome: column.type === "string" ? String(value) : value }) +
        "\n";
    }
    await Deno.writeTextFile(jsonl, text);
    const sql = column.type === "string"
      ? "VARCHAR"
      : column.type === "boolean"
      ? "BOOLEAN"
      : "DOUBLE";
    const source = _readLines(jsonl, [
      { name: "id", type: "string", sql: "VARCHAR" },
      { name: "outcome", type: column.type, sql },
    ]);
    const dir = datasetDir(root, dataset);
    const fileOf = new Map(d.partitions.flatMap((p) => p.files.map((f) => [join(dir, f), f])));
    if (fileOf.size === 0) return new Set();
    const found = await _run(
      `SELECT DISTINCT ${quoteIdentifier(LOG_ID)} AS id, ratchet_file AS file ` +
        `FROM read_parquet([${[...fileOf.keys()].map(quoteString).join(", ")}], ` +
        `hive_partitioning = false, filename = 'ratchet_file') ` +
        `WHERE ${quoteIdentifier(LOG_ID)} IN (SELECT id FROM ${source})`,
    );
    const matched = new Set(found.map((r) => String(r.id)));
    const files = [...new Set(found.map((r) => fileOf.get(String(r.file))!))].sort();
    if (files.length > 0) await _rewrite(root, dataset, files, { source, target }, now);
    return matched;
  });
}

/**
 * Writes outcomes of a model into every log dataset of it (`live-<model>`,
 * and `live-<model>-v<N>` for versions logged apart) and returns the ids
 * found. The target is a log's last column (see `logSchema`).
 *
 * @example
 * ```ts ignore
 * const matched = await applyModelOutcomes(".", "churn", new Map([["r-1", "yes"]]), new Date());
 * ```
 */
export async function applyModelOutcomes(
  root: string,
  model: string,
  outcomes: ReadonlyMap<string, Label>,
  now: Date,
): Promise<Set<string>> {
  const matched = new Set<string>();
  const pending = new Map(outcomes);
  for (const dataset of _logDatasets(root, model)) {
    if (pending.size === 0) break;
    const target = readDataset(datasetDir(root, dataset))!.columns.at(-1)!.name;
    for (const id of await applyOutcomes(root, dataset, target, pending, now)) {
      matched.add(id);
      pending.delete(id);
    }
  }
  return matched;
}

/** The log datasets of a model that exist: `live-<model>` and `live-<model>-v<N>`. */
function _logDatasets(root: string, model: string): string[] {
  let entries: string[];
  try {
    entries = [...Deno.readDirSync(join(root, "data"))].map((e) => e.name);
  } catch {
    return [];
  }
  const base = `live-${model}`;
  return entries.filter((e) =>
    (e === base || (e.startsWith(`${base}-v`) && /^\d+$/.test(e.slice(base.length + 2)))) &&
    readDataset(datasetDir(root, e)) !== undefined
  ).sort();
}

/** Days known to need no more compaction, by root, dataset and label (this worker's lifetime). */
const _settled = new Set<string>();

/**
 * Once a flush writes only to days after the newest it did not write to,
 * that day is over: the files it was left with (the last flushes since its
 * last compaction, or all of a quiet day's) are merged and compressed, once.
 */
async function _settleFinishedDay(
  root: string,
  dataset: string,
  partitions: readonly DatasetPartition[],
  written: ReadonlySet<string>,
  now: Date,
): Promise<void> {
  const newest = [...written].sort().at(-1);
  const before = partitions.filter((p) => newest !== undefined && p.label < newest);
  const day = before.sort((a, b) => a.label < b.label ? -1 : 1).at(-1);
  if (day === undefined || written.has(day.label)) return;
  const key = `${root}\u0000${dataset}\u0000${day.label}`;
  if (_settled.has(key)) return;
  if (filesToMerge(await logFiles(datasetDir(root, dataset), day.files)).length > 0) {
    await compactLogInChild(root, dataset, day.label, now);
  }
  _settled.add(key);
}

/** Rewrites `files` of a dataset (paths in its folder) with outcomes joined in; its other files stay. */
async function _rewrite(
  root: string,
  dataset: string,
  files: readonly string[],
  outcomes: { source: string; target: string },
  now: Date,
): Promise<void> {
  const dir = datasetDir(root, dataset);
  const rows = `read_parquet([${
    files.map((f) => quoteString(join(dir, f))).join(", ")
  }], hive_partitioning = false)`;
  const t = quoteIdentifier(outcomes.target);
  const select = `SELECT r.* REPLACE (coalesce(o.outcome, r.${t}) AS ${t}) FROM ${rows} r ` +
    `LEFT JOIN ${outcomes.source} o ON r.${quoteIdentifier(LOG_ID)} = o.id`;
  await importDataset(root, [{ name: LOG_SOURCE, from: `(${select})` }], {
    dataset,
    replaceFiles: files,
    now,
    mergeHistory: true,
  });
}

function _readLines(path: string, columns: readonly LogColumn[]): string {
  const spec = columns.map((c) =>
    `${quoteString(c.name)}: '${c.sql === "TIMESTAMP" ? "VARCHAR" : c.sql}'`
  );
  return `read_json(${quoteString(path)}, format = 'newline_delimited', columns = {${
    spec.join(", ")
  }})`;
}

async function _run(sql: string): Promise<Record<string, unknown>[]> {
  const db = await connectDuckdb();
  try {
    return (await db.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    db.disconnectSync();
  }
}

async function _withTemp<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const tmp = await Deno.makeTempDir({ prefix: "ratchet-serve-log-" });
  try {
    return await fn(tmp);
  } finally {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
}
