/**
 * `ratchet data import`: CSV, Parquet, JSON or JSON Lines files into
 * `data/<name>/` as Hive-partitioned Parquet. New files are written under
 * fresh names into a staging folder, moved into their partition folders,
 * and only then listed in `dataset.json`, which is replaced atomically: a
 * reader sees every partition as it was before the import or as it is after,
 * never half of one, and an interrupted import leaves the earlier partitions
 * intact (its unlisted files are removed by the next import).
 *
 * @module
 */
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { invalid, RatchetError } from "../errors/mod.ts";
import { syncDir } from "../store/mod.ts";
import {
  type DatasetColumn,
  type DatasetDescriptor,
  datasetDir,
  type DatasetHistoryEntry,
  type Grain,
  GRAINS,
  partitionFolder,
} from "./dataset.ts";
import { readDataset, saveDataset } from "./dataset_file.ts";
import { connectDuckdb } from "./duckdb.ts";
import { quoteString } from "./sql_quote.ts";
import { lockImport } from "./import_lock.ts";
import { type ImportInput, type ImportRelation, readInput, readRelation } from "./read_input.ts";
import { schemaDifferences } from "./schema_differences.ts";
import { nextDescriptor, type PartitionChange } from "./next_descriptor.ts";
import { type ParquetCompression, type StagedFile, stageInput } from "./stage_import.ts";
import { STAGING_PREFIX, surveyFolder } from "./survey_folder.ts";

/** Options of {@linkcode importDataset}. */
export interface ImportOptions {
  /** The dataset name. */
  dataset: string;
  /** The time column; required for a new dataset, and must match an existing one's. */
  time?: string;
  /** The grain; required for a new dataset, and must match an existing one's. */
  grain?: Grain;
  /** Replace the partitions the input touches instead of appending to them. */
  replace?: boolean;
  /**
   * Fold this import into the history entry of an earlier one with the same
   * action and source, when only imports from that source came since.
   */
  mergeHistory?: boolean;
  /**
   * Files of the dataset (paths in its folder, as `dataset.json` lists them)
   * that the input takes the place of, in the partitions it writes; the
   * other files stay. An import that compacts small files does this. Each
   * must be listed when the import commits, else nothing changes.
   */
  replaceFiles?: readonly string[];
  /**
   * How the new Parquet files are compressed: `zstd` (the default: smaller
   * files) or `snappy` (about a fifth less work to write, for writes that
   * must be cheap and are compacted later, like the prediction log's).
   */
  compression?: ParquetCompression;
  /** The time to record (default: now). */
  now?: Date;
  /** Called before each input file is read. */
  onProgress?: (done: number, total: number, file: string) => void;
  /** Called once the new files are in place, just before `dataset.json` lists them (tests inject failures here). */
  beforeCommit?: () => void | Promise<void>;
}

/** What an import did. */
export interface ImportResult {
  /** The dataset name. */
  dataset: string;
  /** The dataset folder. */
  dir: string;
  /** `import` (a new dataset), `append` or `replace`. */
  action: DatasetHistoryEntry["action"];
  /** Rows written. */
  rows: number;
  /** Each partition written: its label, the rows written, and whether it is new, appended to or replaced. */
  partitions: PartitionChange[];
  /** Leftovers of interrupted imports that were removed first (paths relative to the folder). */
  cleaned: string[];
}

/**
 * Imports `files` into a dataset, creating it on first import. An entry
 * may instead be rows already in DuckDB (an {@linkcode ImportRelation} of
 * the connection `connectDuckdb()` gives), which are imported alike.
 *
 * @example
 * ```ts ignore
 * import { importDataset } from "./import_dataset.ts";
 * await importDataset(".", ["data/samples/seattle-days.csv"], { dataset: "seattle", time: "date", grain: "month" });
 * ```
 */
export async function importDataset(
  root: string,
  files: readonly (string | ImportRelation)[],
  options: ImportOptions,
): Promise<ImportResult> {
  const name = options.dataset;
  const dir = datasetDir(root, name);
  if (files.length === 0) throw invalid("Give at least one file to import");
  if (options.grain !== undefined && !GRAINS.includes(options.grain)) {
    throw invalid(`Invalid grain ${JSON.stringify(options.grain)}: use ${GRAINS.join(", ")}`);
  }
  const existed = _exists(dir);
  Deno.mkdirSync(dir, { recursive: true });
  const release = lockImport(dir, name);
  const staging = join(dir, STAGING_PREFIX + crypto.randomUUID());
  const moved: string[] = [];
  let current: DatasetDescriptor | undefined;
  let committed = false;
  let db: DuckDBConnection | undefined;
  try {
    current = readDataset(dir);
    const { time, grain } = _timeAndGrain(name, current, options);
    const cleaned = _cleanLeftovers(dir, current ?? { key: grain, grain, partitions: [] });
    db = await connectDuckdb();
    const inputs: ImportInput[] = [];
    for (const [i, file] of files.entries()) {
      options.onProgress?.(i, files.length * 2, _nameOf(file));
      inputs.push(
        typeof file === "string"
          ? await readInput(db, file, time)
          : await readRelation(db, file, time),
      );
    }
    const columns = current?.columns ?? _columnsOf(inputs[0]!);
    for (const input of inputs) _checkSchema(name, current, columns, input);
    const rows = inputs.reduce((sum, x) => sum + x.rows, 0);
    if (rows === 0) {
      throw invalid(
        `Nothing to import into ${name}: ${files.map(_nameOf).join(", ")} ${
          files.length === 1 ? "is" : "are"
        } empty (no rows)`,
      );
    }
    const staged: StagedFile[] = [];
    for (const [i, input] of inputs.entries()) {
      options.onProgress?.(files.length + i, files.length * 2, input.path);
      staged.push(
        ...await stageInput(db, input, columns, time, grain, staging, String(i), {
          compression: options.compression ?? "zstd",
        }),
      );
    }
    options.onProgress?.(files.length * 2, files.length * 2, "");
    for (const f of staged) {
      const folder = join(dir, partitionFolder({ key: grain }, f.label));
      Deno.mkdirSync(folder, { recursive: true });
      Deno.renameSync(f.path, join(folder, f.name));
      moved.push(join(folder, f.name));
      syncDir(folder);
    }
    await options.beforeCommit?.();
    const replaceFiles = await _replacedRows(db, dir, name, current, options.replaceFiles, staged);
    const now = (options.now ?? new Date()).toISOString();
    const { next, replaced, action, partitions } = nextDescriptor(current, staged, {
      name,
      columns,
      time,
      grain,
      now,
      replace: options.replace ?? false,
      source: files.map(_nameOf),
      mergeHistory: options.mergeHistory ?? false,
      replaceFiles,
    });
    saveDataset(dir, next);
    committed = true;
    for (const file of replaced) _remove(join(dir, file));
    return { dataset: name, dir, action, rows, partitions, cleaned };
  } catch (e) {
    if (!committed) { for (const file of moved) _remove(file); }
    throw e;
  } finally {
    db?.disconnectSync();
    _remove(staging);
    release();
    if (!committed && !existed && current === undefined) _remove(dir);
  }
}

function _timeAndGrain(
  name: string,
  current: DatasetDescriptor | undefined,
  options: ImportOptions,
): { time: string; grain: Grain } {
  if (!current) {
    if (options.time === undefined || options.grain === undefined) {
      throw invalid(
        `Dataset ${name} is new: give its time column and grain, e.g. --time date --grain month`,
      );
    }
    return { time: options.time, grain: options.grain };
  }
  if (options.time !== undefined && options.time !== current.time) {
    throw invalid(
      `Dataset ${name} is partitioned by its column ${current.time}, not ${options.time}: omit --time, or import into a new dataset`,
    );
  }
  if (options.grain !== undefined && options.grain !== current.grain) {
    throw invalid(
      `Dataset ${name} is partitioned by ${current.grain}, not ${options.grain}: omit --grain, or import into a new dataset`,
    );
  }
  return { time: current.time, grain: current.grain };
}

function _columnsOf(input: ImportInput): DatasetColumn[] {
  return input.columns.map((c) => ({ name: c.name, type: c.type }));
}

function _checkSchema(
  name: string,
  current: DatasetDescriptor | undefined,
  columns: readonly DatasetColumn[],
  input: ImportInput,
): void {
  const diff = schemaDifferences(columns, input.columns);
  if (diff.length === 0) return;
  throw invalid(
    `Cannot import ${input.path} into ${name}: its columns differ from ${
      current ? "the dataset's" : "those of the first file"
    }: ${
      diff.join("; ")
    }. A dataset keeps one schema: fix the file, or import it into a new dataset`,
  );
}

/** Removes staging folders and unlisted files of interrupted imports; returns what it removed. */
function _cleanLeftovers(
  dir: string,
  d: Parameters<typeof surveyFolder>[1],
): string[] {
  const survey = surveyFolder(dir, d);
  const removed = [...survey.staging, ...survey.unlisted];
  for (const path of removed) _remove(join(dir, path));
  const folders = new Set(survey.unlisted.map((p) => p.split("/")[0]!));
  for (const folder of folders) {
    try {
      Deno.removeSync(join(dir, folder)); // only when empty: a folder no partition lists
    } catch { /* still holds files */ }
  }
  return removed;
}

/** The rows of each file to replace, checked to be listed in a partition the import writes. */
async function _replacedRows(
  db: DuckDBConnection,
  dir: string,
  name: string,
  current: DatasetDescriptor | undefined,
  files: readonly string[] | undefined,
  staged: readonly StagedFile[],
): Promise<Map<string, number> | undefined> {
  if (!files || files.length === 0) return undefined;
  const labels = new Set(staged.map((f) => f.label));
  const listed = new Set(
    (current?.partitions ?? []).filter((p) => labels.has(p.label)).flatMap((p) => p.files),
  );
  const stray = files.filter((f) => !listed.has(f));
  if (stray.length > 0) {
    throw new RatchetError(
      "conflict",
      `Cannot replace ${stray.slice(0, 3).join(", ")} in ${name}: not a file of a partition ` +
        `this import writes (another import changed it?); run it again`,
    );
  }
  const rows = (await db.runAndReadAll(
    `SELECT file_name, num_rows FROM parquet_file_metadata([${
      files.map((f) => quoteString(join(dir, f))).join(", ")
    }])`,
  )).getRowObjectsJson();
  const byPath = new Map(rows.map((r) => [String(r.file_name), Number(r.num_rows)]));
  return new Map(files.map((f) => [f, byPath.get(join(dir, f)) ?? 0]));
}

function _nameOf(file: string | ImportRelation): string {
  return typeof file === "string" ? file : file.name;
}

function _exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

function _remove(path: string): void {
  try {
    Deno.removeSync(path, { recursive: true });
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) {
      console.error(`warning: could not remove ${path}: ${(e as Error).message}`);
    }
  }
}
