/**
 * A dataset: `data/<name>/` holds Hive-partitioned Parquet
 * (`<key>=<label>/part-<uuid>.parquet`) and `dataset.json`, the descriptor
 * that names the time column, the grain, the schema and — the part that
 * makes imports atomic — exactly which files each partition is made of.
 *
 * @module
 */
import { join } from "node:path";
import { RatchetError } from "../errors/mod.ts";
import { validateModelName } from "../store/mod.ts";

/** The format tag of `dataset.json`. */
export const DATASET_FORMAT = "ratchet.dataset/v1";

/** How finely a dataset is partitioned by its time column. */
export type Grain = "day" | "week" | "month" | "quarter" | "year";

/** Every grain, finest first. */
export const GRAINS: readonly Grain[] = ["day", "week", "month", "quarter", "year"];

/** The value types a dataset column can hold. */
export type DatasetColumnType = "number" | "string" | "boolean" | "date" | "timestamp";

/** Every column type, in the order error messages list them. */
export const COLUMN_TYPES: readonly DatasetColumnType[] = [
  "number",
  "string",
  "boolean",
  "date",
  "timestamp",
];

/** One column of a dataset. */
export interface DatasetColumn {
  /** The column name, as in the imported files. */
  name: string;
  /** What its values are: numbers are stored as DOUBLE, timestamps in UTC. */
  type: DatasetColumnType;
}

/** One partition: the files that hold its rows. */
export interface DatasetPartition {
  /** The partition label, e.g. `2015-03` for a month. */
  label: string;
  /** How many rows its files hold. */
  rows: number;
  /** Its Parquet files, relative to the dataset folder: `month=2015-03/part-<uuid>.parquet`. */
  files: string[];
  /** When it was last written (ISO 8601). */
  imported: string;
}

/** One import, as `dataset.json` records it. */
export interface DatasetHistoryEntry {
  /** When (ISO 8601). */
  date: string;
  /** The first import, an append to existing partitions, or a replacement of them. */
  action: "import" | "append" | "replace";
  /** The labels of the partitions it wrote. */
  partitions: string[];
  /** How many rows it wrote. */
  rows: number;
  /** The input files, as given on the command line. */
  source: string[];
}

/** The contents of `data/<name>/dataset.json`. */
export interface DatasetDescriptor {
  /** Always `ratchet.dataset/v1`. */
  format: "ratchet.dataset/v1";
  /** The dataset name, the same as its folder's. */
  name: string;
  /** The time column that partitions the rows. */
  time: string;
  /** How finely the time column partitions the rows. */
  grain: Grain;
  /** The partition folder key (`month` in `month=2015-03`); the grain's name. */
  key: string;
  /** The columns of every file, in file order. */
  columns: DatasetColumn[];
  /** The partitions, sorted by label. */
  partitions: DatasetPartition[];
  /** Every import, oldest first. */
  history: DatasetHistoryEntry[];
}

/**
 * Checks a dataset name: the same rules as model names (letters, digits,
 * `.`, `_`, `-`; no path separators or `..`), since it becomes a folder name.
 *
 * @example
 * ```ts
 * import { validateDatasetName } from "./dataset.ts";
 * validateDatasetName("seattle");
 * let msg = "";
 * try { validateDatasetName("../x"); } catch (e) { msg = String(e); }
 * if (!msg.includes("Invalid dataset name")) throw new Error(msg);
 * ```
 */
export function validateDatasetName(name: string): string {
  try {
    return validateModelName(name);
  } catch (e) {
    if (!(e instanceof RatchetError)) throw e;
    throw new RatchetError(
      e.kind,
      e.message.replace(/^Invalid model name/, "Invalid dataset name"),
    );
  }
}

/**
 * The folder of a dataset: `<root>/data/<name>`. The name is validated first.
 *
 * @example
 * ```ts
 * import { datasetDir } from "./dataset.ts";
 * if (datasetDir("/srv/project", "seattle") !== "/srv/project/data/seattle") throw new Error();
 * ```
 */
export function datasetDir(root: string, name: string): string {
  return join(root, "data", validateDatasetName(name));
}

/**
 * The folder of a partition, relative to the dataset folder: `month=2015-03`.
 *
 * @example
 * ```ts
 * import { partitionFolder } from "./dataset.ts";
 * if (partitionFolder({ key: "month" }, "2015-03") !== "month=2015-03") throw new Error();
 * ```
 */
export function partitionFolder(d: Pick<DatasetDescriptor, "key">, label: string): string {
  return `${d.key}=${label}`;
}
