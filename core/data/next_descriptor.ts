/**
 * The descriptor after an import: the new files added to their partitions
 * (append) or in place of their files (replace), and one history entry.
 *
 * @module
 */
import {
  type DatasetColumn,
  type DatasetDescriptor,
  type DatasetHistoryEntry,
  type DatasetPartition,
  type Grain,
  partitionFolder,
} from "./dataset.ts";

/** A partition an import wrote: its label, the rows written, and how. */
export interface PartitionChange {
  /** The partition label. */
  label: string;
  /** Rows the import wrote into it. */
  rows: number;
  /** A partition that did not exist, one appended to, or one whose files were replaced. */
  change: "new" | "appended" | "replaced";
}

/** What an import wrote and how it is recorded. */
export interface ImportPlan {
  /** The dataset name. */
  name: string;
  /** Its columns. */
  columns: DatasetColumn[];
  /** Its time column. */
  time: string;
  /** Its grain. */
  grain: Grain;
  /** When (ISO 8601). */
  now: string;
  /** Replace the partitions written instead of appending to them. */
  replace: boolean;
  /** The input files as given. */
  source: string[];
  /**
   * Fold this import into the history entry of an earlier one with the same
   * action and source, when only imports from that source came since (a
   * service's log flushes, say, which would otherwise add one per flush).
   */
  mergeHistory?: boolean;
  /**
   * Files (paths in the dataset folder, with their rows) that the written
   * files take the place of, in the partitions written: the rest of those
   * partitions stays (a compaction of some of their files).
   */
  replaceFiles?: ReadonlyMap<string, number>;
}

/**
 * The next descriptor, the files it no longer lists (to delete once it is
 * written), the action and what changed per partition.
 *
 * @example
 * ```ts
 * import { nextDescriptor } from "./next_descriptor.ts";
 * const plan = {
 *   name: "s", columns: [{ name: "t", type: "date" as const }], time: "t", grain: "year" as const,
 *   now: "2026-01-01T00:00:00.000Z", replace: false, source: ["a.csv"],
 * };
 * const first = nextDescriptor(undefined, [{ label: "2015", name: "part-a.parquet", rows: 2 }], plan);
 * const second = nextDescriptor(first.next, [{ label: "2015", name: "part-b.parquet", rows: 3 }], plan);
 * if (second.next.partitions[0]?.rows !== 5 || second.action !== "append") throw new Error();
 * const third = nextDescriptor(second.next, [{ label: "2015", name: "part-c.parquet", rows: 1 }], { ...plan, replace: true });
 * if (third.replaced.join() !== "year=2015/part-a.parquet,year=2015/part-b.parquet") throw new Error();
 * ```
 */
export function nextDescriptor(
  current: DatasetDescriptor | undefined,
  written: readonly { label: string; name: string; rows: number }[],
  plan: ImportPlan,
): {
  next: DatasetDescriptor;
  replaced: string[];
  action: DatasetHistoryEntry["action"];
  partitions: PartitionChange[];
} {
  const partitions = new Map<string, DatasetPartition>(
    (current?.partitions ?? []).map((p) => [p.label, p]),
  );
  const byLabel = new Map<string, { name: string; rows: number }[]>();
  for (const f of written) byLabel.set(f.label, [...byLabel.get(f.label) ?? [], f]);
  const replaced: string[] = [];
  const changes: PartitionChange[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const files = byLabel.get(label)!;
    const rows = files.reduce((sum, f) => sum + f.rows, 0);
    const folder = partitionFolder({ key: plan.grain }, label);
    const paths = files.map((f) => `${folder}/${f.name}`).sort();
    const old = partitions.get(label);
    const swapped = old?.files.filter((f) => plan.replaceFiles?.has(f)) ?? [];
    if (old && swapped.length > 0) {
      const gone = swapped.reduce((sum, f) => sum + plan.replaceFiles!.get(f)!, 0);
      const kept = old.files.filter((f) => !plan.replaceFiles!.has(f));
      partitions.set(label, {
        label,
        rows: old.rows - gone + rows,
        files: [...kept, ...paths],
        imported: plan.now,
      });
      replaced.push(...swapped);
    } else if (old && !plan.replace) {
      const all = [...old.files, ...paths];
      partitions.set(label, { label, rows: old.rows + rows, files: all, imported: plan.now });
    } else {
      partitions.set(label, { label, rows, files: paths, imported: plan.now });
      if (old) replaced.push(...old.files);
    }
    const change = !old ? "new" : plan.replace || swapped.length > 0 ? "replaced" : "appended";
    changes.push({ label, rows, change });
  }
  const action = !current
    ? "import"
    : plan.replace || (plan.replaceFiles?.size ?? 0) > 0
    ? "replace"
    : "append";
  const next: DatasetDescriptor = {
    format: "ratchet.dataset/v1",
    name: plan.name,
    time: plan.time,
    grain: plan.grain,
    key: plan.grain,
    columns: plan.columns,
    partitions: [...partitions.values()].sort((a, b) => a.label < b.label ? -1 : 1),
    history: _history(current?.history ?? [], {
      date: plan.now,
      action,
      partitions: changes.map((c) => c.label),
      rows: changes.reduce((sum, c) => sum + c.rows, 0),
      source: plan.source,
    }, plan.mergeHistory ?? false),
  };
  return { next, replaced, action, partitions: changes };
}

/** The history with `entry` last: added, or folded into its kin at the end of the history. */
function _history(
  history: readonly DatasetHistoryEntry[],
  entry: DatasetHistoryEntry,
  merge: boolean,
): DatasetHistoryEntry[] {
  const source = JSON.stringify(entry.source);
  let k = history.length - 1;
  while (merge && k >= 0 && JSON.stringify(history[k]!.source) === source) {
    const kin = history[k]!;
    if (kin.action === entry.action) {
      const partitions = [...new Set([...kin.partitions, ...entry.partitions])].sort();
      return [...history.slice(0, k), ...history.slice(k + 1), {
        ...entry,
        partitions,
        rows: kin.rows + entry.rows,
      }];
    }
    k--;
  }
  return [...history, entry];
}
