/**
 * A window of a dataset's partitions read into one table, for training:
 * fitting needs every row at once, unlike back-tests, which stream.
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";
import {
  type DatasetDescriptor,
  loadDataset,
  scanPartition,
  selectPartitions,
} from "../data/mod.ts";
import { type Table, tableFromColumns } from "../table/mod.ts";

/** A dataset window read into memory. */
export interface DatasetWindow {
  /** The dataset's descriptor. */
  dataset: DatasetDescriptor;
  /** Every row of the window, all columns. */
  table: Table;
  /** First and last partition read. */
  window: { from: string; to: string };
}

/**
 * Reads the partitions `from`…`to` (inclusive; default all) of a dataset.
 *
 * @example
 * ```ts ignore
 * const { table, window } = await readDatasetWindow(".", "seattle", { to: "2014-12" });
 * ```
 */
export async function readDatasetWindow(
  root: string,
  name: string,
  range: { from?: string; to?: string } = {},
): Promise<DatasetWindow> {
  const dataset = loadDataset(root, name);
  const partitions = selectPartitions(dataset, range);
  if (partitions.length === 0) {
    throw new RatchetError(
      "not_found",
      `Dataset ${name} has no partitions in that window; see \`ratchet data show ${name}\``,
    );
  }
  const names = dataset.columns.map((c) => c.name);
  const parts = new Map<string, ArrayLike<unknown>[]>(names.map((c) => [c, []]));
  let n = 0;
  for (const p of partitions) {
    for await (const batch of scanPartition(root, dataset, p, names)) {
      for (const c of names) parts.get(c)!.push(batch.column(c)!);
      n += batch.n;
    }
  }
  const columns: Record<string, ArrayLike<unknown>> = {};
  for (const c of names) {
    const chunks = parts.get(c)!;
    if (chunks.every((x) => x instanceof Float64Array)) {
      const all = new Float64Array(n);
      let at = 0;
      for (const x of chunks as Float64Array[]) {
        all.set(x, at);
        at += x.length;
      }
      columns[c] = all;
    } else {
      columns[c] = chunks.flatMap((x) => Array.from(x));
    }
  }
  return {
    dataset,
    table: tableFromColumns(columns, n, { source: `dataset ${name}` }),
    window: { from: partitions[0]!.label, to: partitions.at(-1)!.label },
  };
}
