/**
 * Choosing partitions by label range (`--from 2015-01 --to 2015-06`).
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import type { DatasetDescriptor, DatasetPartition } from "./dataset.ts";
import { parsePartitionLabel } from "./partition_label.ts";

/**
 * The partitions whose labels lie in `[from, to]` (both inclusive, both
 * optional), in label order. The bounds must be labels of the dataset's
 * grain; `from` after `to` is an error.
 *
 * @example
 * ```ts
 * import { selectPartitions } from "./select_partitions.ts";
 * import type { DatasetDescriptor } from "./dataset.ts";
 * const p = (label: string) => ({ label, rows: 1, files: [], imported: "2026-01-01T00:00:00Z" });
 * const d: DatasetDescriptor = {
 *   format: "ratchet.dataset/v1", name: "s", time: "date", grain: "month", key: "month",
 *   columns: [], partitions: [p("2015-01"), p("2015-02"), p("2015-03")], history: [],
 * };
 * if (selectPartitions(d, { from: "2015-02" }).map((x) => x.label).join() !== "2015-02,2015-03") throw new Error();
 * let msg = "";
 * try { selectPartitions(d, { from: "2015-03", to: "2015-01" }); } catch (e) { msg = String(e); }
 * if (!msg.includes("is after")) throw new Error(msg);
 * ```
 */
export function selectPartitions(
  d: DatasetDescriptor,
  range: { from?: string; to?: string },
): DatasetPartition[] {
  const from = range.from === undefined ? undefined : _bound(range.from, d, "--from");
  const to = range.to === undefined ? undefined : _bound(range.to, d, "--to");
  if (from !== undefined && to !== undefined && from > to) {
    throw invalid(
      `--from ${from} is after --to ${to}: give the earlier ${d.grain} first (the range is inclusive)`,
    );
  }
  return d.partitions.filter((p) =>
    (from === undefined || p.label >= from) && (to === undefined || p.label <= to)
  );
}

function _bound(text: string, d: DatasetDescriptor, option: string): string {
  try {
    return parsePartitionLabel(text, d.grain);
  } catch (e) {
    throw invalid(
      `${option}: ${(e as Error).message} (dataset ${d.name} is partitioned by ${d.grain})`,
    );
  }
}
