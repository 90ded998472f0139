/**
 * What is wrong with a dataset on disk, for `data show`: partitions whose
 * files are missing, unreadable (zero bytes, truncated) or hold another row
 * count than the descriptor says — those partitions fail — and what readers
 * ignore: malformed partition folders, unlisted files, staging folders.
 * Reading the Parquet footers only, this is quick however large the data.
 *
 * @module
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { type DatasetDescriptor, datasetDir, type DatasetPartition } from "./dataset.ts";
import { connectDuckdb } from "./duckdb.ts";
import { isLockHolderAlive, readLock } from "./import_lock.ts";
import { quoteString } from "./sql_quote.ts";
import { surveyFolder } from "./survey_folder.ts";

/** One problem: where, which partition (when it makes one fail), and what. */
export interface DatasetProblem {
  /** The file or folder, relative to the dataset folder. */
  path: string;
  /** The partition that fails because of it, if any. */
  partition?: string;
  /** What is wrong and what to do. */
  message: string;
}

/**
 * Checks a dataset's folder against its descriptor; the files of
 * `options.partitions` only (default: all), the folder as a whole always.
 *
 * @example
 * ```ts ignore
 * import { checkDataset, loadDataset } from "./mod.ts";
 * for (const p of await checkDataset(".", loadDataset(".", "seattle"))) console.log(p.path, p.message);
 * ```
 */
export async function checkDataset(
  root: string,
  d: DatasetDescriptor,
  options: { partitions?: readonly DatasetPartition[] } = {},
): Promise<DatasetProblem[]> {
  const chosen = new Set((options.partitions ?? d.partitions).map((p) => p.label));
  const dir = datasetDir(root, d.name);
  const survey = surveyFolder(dir, d);
  const lock = readLock(dir);
  const running = lock !== undefined && isLockHolderAlive(lock);
  const problems: DatasetProblem[] = [
    ...survey.malformed.map(({ path, why }) => ({
      path,
      message: `malformed partition folder, never read: ${why}`,
    })),
    ...survey.staging.map((path) => ({
      path,
      message: running
        ? `staging folder of the import running now (process ${lock.pid})`
        : "staging folder left by an interrupted import; never read, removed by the next import",
    })),
    ...survey.unlisted.map((path) => ({
      path,
      message: running
        ? "not in dataset.json yet: the import running now will list it"
        : "not in dataset.json (left by an interrupted import); never read, removed by the next import",
    })),
    ...survey.unexpected.map((path) => ({
      path,
      message: "not part of the dataset; never read",
    })),
    ...survey.missing.filter((m) => chosen.has(m.partition)).map(({ partition, file }) => ({
      path: file,
      partition,
      message:
        `partition ${partition} failed: the file is missing; import that ${d.grain} again with --replace`,
    })),
  ];
  const gone = new Set(survey.missing.map((m) => m.file));
  const db = await connectDuckdb();
  try {
    for (const p of d.partitions.filter((x) => chosen.has(x.label))) {
      const files = p.files.filter((f) => !gone.has(f));
      if (files.length) problems.push(...await _checkFiles(db, dir, d, p, files));
    }
  } finally {
    db.disconnectSync();
  }
  return problems;
}

async function _checkFiles(
  db: DuckDBConnection,
  dir: string,
  d: DatasetDescriptor,
  p: DatasetPartition,
  files: string[],
): Promise<DatasetProblem[]> {
  const rows = async (list: string[]) =>
    (await db.runAndReadAll(
      `SELECT sum(num_rows) AS n FROM parquet_file_metadata([${
        list.map((f) => quoteString(`${dir}/${f}`)).join(", ")
      }])`,
    )).getRowObjectsJson()[0]?.n;
  try {
    const n = Number(await rows(files));
    if (files.length === p.files.length && n !== p.rows) {
      return [{
        path: `${d.key}=${p.label}`,
        partition: p.label,
        message:
          `partition ${p.label} failed: its files hold ${n} rows, but dataset.json says ${p.rows}; import that ${d.grain} again with --replace`,
      }];
    }
    return [];
  } catch {
    const out: DatasetProblem[] = [];
    for (const file of files) {
      try {
        await rows([file]);
      } catch (e) {
        const why = String(e instanceof Error ? e.message : e).split("\n")[0]!.replace(
          /^Error: /,
          "",
        );
        out.push({
          path: file,
          partition: p.label,
          message:
            `partition ${p.label} failed: the file is unreadable (${why}); import that ${d.grain} again with --replace`,
        });
      }
    }
    return out;
  }
}
