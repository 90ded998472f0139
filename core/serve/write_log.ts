/**
 * Writing the prediction log into datasets with core's import machinery:
 * DuckDB types the buffered lines and writes one Parquet file, which
 * `importDataset` appends to the day partitions it touches (atomically,
 * under the dataset's import lock). Outcomes that arrive after their rows
 * were written are joined into those rows by rewriting their partitions,
 * which also compacts the many small files frequent flushes leave.
 *
 * @module
 */
import { join } from "node:path";
import type { Label } from "../artifact/mod.ts";
import {
  connectDuckdb,
  type DatasetDescriptor,
  datasetDir,
  importDataset,
  quoteIdentifier,
  quoteString,
  readDataset,
} from "../data/mod.ts";
import { LOG_ID, LOG_TIME, type LogColumn } from "./log_schema.ts";

/**
 * A partition is rewritten into one file once it holds more than this many,
 * while it holds at most `_COMPACT_ROWS` rows: rewriting a bigger one at
 * every few flushes would cost more than reading its many files.
 */
const _MAX_FILES = 24;
const _COMPACT_ROWS = 250_000;

/**
 * Appends log lines (JSON Lines, UTF-8; see `openLines`) to `dataset`, creating it (partitioned
 * by day on `request_time`) on the first write. Returns the rows written.
 *
 * @example
 * ```ts ignore
 * await appendLog(".", "live-churn", logSchema(served).columns, text, new Date());
 * ```
 */
export async function appendLog(
  root: string,
  dataset: string,
  columns: readonly LogColumn[],
  lines: Uint8Array,
  now: Date,
): Promise<number> {
  return await _withTemp(async (tmp) => {
    const jsonl = join(tmp, "rows.jsonl");
    await Deno.writeFile(jsonl, lines);
    const parquet = join(tmp, `${dataset}-${now.toISOString().replace(/[:.]/g, "")}.parquet`);
    const select = columns.map((c) =>
      `CAST(${quoteIdentifier(c.name)} AS ${c.sql}) AS ${quoteIdentifier(c.name)}`
    );
    await _run(
      `COPY (SELECT ${select.join(", ")} FROM ${_readLines(jsonl, columns)}) ` +
        `TO ${quoteString(parquet)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    const result = await importDataset(root, [parquet], {
      dataset,
      time: LOG_TIME,
      grain: "day",
      now,
    });
    const written = new Set(result.partitions.map((p) => p.label));
    const crowded = (readDataset(datasetDir(root, dataset))?.partitions ?? [])
      .filter((p) => written.has(p.label) && p.files.length > _MAX_FILES && p.rows <= _COMPACT_ROWS)
      .map((p) => p.label);
    if (crowded.length > 0) await _rewrite(root, dataset, crowded, undefined, now);
    return result.rows;
  });
}

/**
 * Writes outcomes into the target column of the logged rows whose
 * `request_id` they name (a later outcome replaces an earlier one) and
 * returns the ids found. Only partitions holding such rows are rewritten.
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
    const labelOf = new Map(
      d.partitions.flatMap((p) => p.files.map((f) => [join(dir, f), p.label])),
    );
    if (labelOf.size === 0) return new Set();
    const found = await _run(
      `SELECT DISTINCT ${quoteIdentifier(LOG_ID)} AS id, ratchet_file AS file ` +
        `FROM read_parquet([${[...labelOf.keys()].map(quoteString).join(", ")}], ` +
        `hive_partitioning = false, filename = 'ratchet_file') ` +
        `WHERE ${quoteIdentifier(LOG_ID)} IN (SELECT id FROM ${source})`,
    );
    const matched = new Set(found.map((r) => String(r.id)));
    const labels = [...new Set(found.map((r) => labelOf.get(String(r.file))!))].sort();
    if (labels.length > 0) await _rewrite(root, dataset, labels, { source, target }, now);
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

/** Rewrites partitions `labels` of a dataset, one file each, with outcomes joined in when given. */
async function _rewrite(
  root: string,
  dataset: string,
  labels: readonly string[],
  outcomes: { source: string; target: string } | undefined,
  now: Date,
): Promise<void> {
  const dir = datasetDir(root, dataset);
  const d = readDataset(dir) as DatasetDescriptor;
  const files = d.partitions.filter((p) => labels.includes(p.label))
    .flatMap((p) => p.files.map((f) => quoteString(join(dir, f))));
  const rows = `read_parquet([${files.join(", ")}], hive_partitioning = false)`;
  const t = outcomes && quoteIdentifier(outcomes.target);
  const select = outcomes
    ? `SELECT r.* REPLACE (coalesce(o.outcome, r.${t}) AS ${t}) FROM ${rows} r ` +
      `LEFT JOIN ${outcomes.source} o ON r.${quoteIdentifier(LOG_ID)} = o.id`
    : `SELECT * FROM ${rows} r`;
  await _withTemp(async (tmp) => {
    const parquet = join(tmp, `${dataset}-rewrite.parquet`);
    await _run(
      `COPY (${select}) TO ${quoteString(parquet)} ` +
        `(FORMAT parquet, COMPRESSION zstd)`,
    );
    await importDataset(root, [parquet], { dataset, replace: true, now });
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
