/**
 * The zod schema of `dataset.json`: the single source of its runtime checks
 * and of `schema/dataset.schema.json`. The types users read are in
 * `dataset.ts`; the check at the end keeps the two equal.
 *
 * @module
 */
import { z } from "zod";
import {
  COLUMN_TYPES,
  DATASET_FORMAT,
  type DatasetColumn,
  type DatasetColumnType,
  type DatasetDescriptor,
  type DatasetHistoryEntry,
  type DatasetPartition,
  type Grain,
  GRAINS,
} from "./dataset.ts";

const time = z.iso.datetime({ offset: true }).describe("ISO 8601 date and time");
const count = z.number().int().min(0);

/** A partition grain. */
export const GrainSchema = z.enum(GRAINS as [Grain, ...Grain[]]);

/** One column: name and value type. */
export const DatasetColumnSchema = z.strictObject({
  name: z.string().min(1).describe("the column name, as in the files"),
  type: z.enum(COLUMN_TYPES as [DatasetColumnType, ...DatasetColumnType[]]).describe(
    "number (stored as DOUBLE), string, boolean, date, or timestamp (UTC)",
  ),
});

/** One partition and the files it is made of. */
export const DatasetPartitionSchema = z.strictObject({
  label: z.string().min(1).describe("the partition label, e.g. 2015-03 for a month"),
  rows: count.describe("rows in its files"),
  files: z.array(
    z.string().regex(
      /^[A-Za-z]+=[^/\\]+\/part-[A-Za-z0-9-]+\.parquet$/,
      "expected <key>=<label>/part-<id>.parquet",
    ),
  ).min(1).describe("its Parquet files, relative to the dataset folder; nothing else is read"),
  imported: time.describe("when it was last written"),
});

/** One import. */
export const DatasetHistoryEntrySchema = z.strictObject({
  date: time,
  action: z.enum(["import", "append", "replace"]),
  partitions: z.array(z.string()).describe("labels of the partitions written"),
  rows: count,
  source: z.array(z.string()).describe("the input files as given"),
});

/** The whole descriptor. */
export const DatasetSchema = z.strictObject({
  format: z.literal(DATASET_FORMAT),
  name: z.string().min(1).describe("the dataset name; the same as its folder's"),
  time: z.string().min(1).describe("the time column that partitions the rows"),
  grain: GrainSchema.describe("day, week (ISO 8601), month, quarter or year"),
  key: z.string().regex(/^[A-Za-z]+$/).describe("the partition folder key: month in month=2015-03"),
  columns: z.array(DatasetColumnSchema).min(1),
  partitions: z.array(DatasetPartitionSchema).describe("sorted by label"),
  history: z.array(DatasetHistoryEntrySchema).describe("every import, oldest first"),
});

// dataset.ts spells these types out because deno doc cannot show zod's
// inferred ones; this fails to compile the moment the two disagree.
type _Flat<T> = { [K in keyof T]: T[K] };
type _Same<A, B> = (<T>() => T extends _Flat<A> ? 1 : 2) extends
  (<T>() => T extends _Flat<B> ? 1 : 2) ? true
  : false;
const _inSync: [
  _Same<DatasetColumn, z.infer<typeof DatasetColumnSchema>>,
  _Same<DatasetPartition, z.infer<typeof DatasetPartitionSchema>>,
  _Same<DatasetHistoryEntry, z.infer<typeof DatasetHistoryEntrySchema>>,
  _Same<DatasetDescriptor, z.infer<typeof DatasetSchema>>,
] = [true, true, true, true];
