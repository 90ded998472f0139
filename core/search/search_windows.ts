/**
 * The training and validation windows of a search: checked against the
 * dataset (labels of its grain, not empty, not overlapping) before anything
 * is read, then read into memory.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import {
  type DatasetDescriptor,
  type DatasetPartition,
  loadDataset,
  parsePartitionLabel,
} from "../data/mod.ts";
import { readDatasetWindow } from "../train/mod.ts";
import type { Table } from "../table/mod.ts";
import type { PartitionWindow } from "./parse_window.ts";
import type { ReadWindow } from "./leaderboard.ts";

/** A window read into memory. */
export interface WindowRows {
  /** Every row of the window. */
  table: Table;
  /** The partitions read and the row count. */
  window: ReadWindow;
}

/** Both windows of a search, read. */
export interface SearchWindows {
  /** The dataset's descriptor. */
  dataset: DatasetDescriptor;
  /** The rows candidates are fitted on. */
  train: WindowRows;
  /** The rows candidates are scored on. */
  validate: WindowRows;
  /** Whether the windows share partitions (only when allowed). */
  overlap: boolean;
}

function _text(w: PartitionWindow): string {
  return `${w.from ?? ""}..${w.to ?? ""}`;
}

function _partitions(d: DatasetDescriptor, w: PartitionWindow, option: string): DatasetPartition[] {
  const fail = (why: string) => invalid(`${option} ${_text(w)}: ${why}`);
  for (const label of [w.from, w.to]) {
    if (label === undefined) continue;
    try {
      parsePartitionLabel(label, d.grain);
    } catch (e) {
      throw fail(`${(e as Error).message} (dataset ${d.name} is partitioned by ${d.grain})`);
    }
  }
  if (w.from !== undefined && w.to !== undefined && w.from > w.to) {
    throw fail(`${w.from} is after ${w.to}; give the earlier ${d.grain} first`);
  }
  const picked = d.partitions.filter((p) =>
    (w.from === undefined || p.label >= w.from) && (w.to === undefined || p.label <= w.to)
  );
  const rows = picked.reduce((n, p) => n + p.rows, 0);
  if (rows === 0) {
    const held = d.partitions.length
      ? `it holds ${d.partitions[0]!.label} … ${d.partitions.at(-1)!.label}`
      : "it holds no partitions yet";
    throw fail(`dataset ${d.name} has no rows in that window (${held})`);
  }
  return picked;
}

/**
 * Checks both windows against the dataset, refuses overlapping ones unless
 * `allowOverlap`, and reads them.
 *
 * @example
 * ```ts ignore
 * const { train, validate } = await readSearchWindows(".", "seattle",
 *   { from: "2012-01", to: "2013-12" }, { from: "2014-01", to: "2014-12" });
 * ```
 */
export async function readSearchWindows(
  root: string,
  name: string,
  train: PartitionWindow,
  validate: PartitionWindow,
  allowOverlap = false,
): Promise<SearchWindows> {
  const dataset = loadDataset(root, name);
  const fit = _partitions(dataset, train, "--train");
  const scored = _partitions(dataset, validate, "--validate");
  const fitLabels = new Set(fit.map((p) => p.label));
  const shared = scored.filter((p) => fitLabels.has(p.label)).map((p) => p.label);
  if (shared.length > 0 && !allowOverlap) {
    throw invalid(
      `--train ${_text(train)} and --validate ${_text(validate)} overlap (${shared[0]}` +
        `${shared.length > 1 ? ` … ${shared.at(-1)}` : ""}): candidates scored on rows they ` +
        `were fitted on look better than they are. Choose windows that do not overlap, e.g. ` +
        `validate on the months after training, or pass --allow-overlap`,
    );
  }
  const read = async (w: PartitionWindow): Promise<WindowRows> => {
    const { table, window } = await readDatasetWindow(root, name, w);
    return { table, window: { ...window, rows: table.n } };
  };
  return {
    dataset,
    train: await read(train),
    validate: await read(validate),
    overlap: shared.length > 0,
  };
}
