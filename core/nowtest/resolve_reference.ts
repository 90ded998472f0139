/**
 * The reference window drift is measured against: `--reference FROM..TO`,
 * or else the partitions the model was trained on (`provenance.window`,
 * which `ratchet train --dataset` records).
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import {
  type DatasetDescriptor,
  type DatasetPartition,
  labelExample,
  parsePartitionLabel,
  selectPartitions,
} from "../data/mod.ts";

/** The reference window. */
export interface ResolvedReference {
  /** First partition label, inclusive. */
  from: string;
  /** Last partition label, inclusive. */
  to: string;
  /** Where the range came from: `--reference` or the artifact's `provenance.window`. */
  source: "option" | "provenance";
  /** Its partitions, in label order. */
  partitions: DatasetPartition[];
}

/**
 * Resolves the reference window. A range must lie inside the dataset
 * (from its first partition to its last) and hold a partition; `--reference`
 * that does not is an error, and so is a training window that does not
 * (or a missing one) when `--reference` is not given.
 *
 * @example
 * ```ts
 * import { resolveReference } from "./resolve_reference.ts";
 * import type { DatasetDescriptor } from "../data/mod.ts";
 * const p = (label: string) => ({ label, rows: 30, files: [], imported: "2026-01-01T00:00:00Z" });
 * const d: DatasetDescriptor = {
 *   format: "ratchet.dataset/v1", name: "s", time: "date", grain: "month", key: "month",
 *   columns: [], partitions: [p("2015-01"), p("2015-02"), p("2015-03")], history: [],
 * };
 * const r = resolveReference(d, undefined, { from: "2015-01", to: "2015-02" });
 * if (r.source !== "provenance" || r.partitions.length !== 2) throw new Error();
 * let msg = "";
 * try { resolveReference(d, "2014-01..2015-02", undefined); } catch (e) { msg = String(e); }
 * if (!msg.includes("outside")) throw new Error(msg);
 * ```
 */
export function resolveReference(
  d: DatasetDescriptor,
  option: string | undefined,
  trained: { from: string; to: string } | undefined,
): ResolvedReference {
  if (option !== undefined) {
    const m = /^([^.]+)\.\.([^.]+)$/.exec(option);
    if (!m) {
      const e = labelExample(d.grain);
      throw invalid(
        `Invalid --reference ${JSON.stringify(option)}: give FROM..TO, two ${d.grain} labels ` +
          `of dataset ${d.name}, e.g. ${e}..${e}`,
      );
    }
    return _inside(d, m[1]!, m[2]!, "option", `--reference ${option}`);
  }
  const hint = `pass --reference FROM..TO (partitions of ${d.name} to compare with)`;
  if (trained === undefined) {
    throw invalid(
      `The model records no training window (provenance.window) to measure drift against: ${hint}`,
    );
  }
  try {
    return _inside(d, trained.from, trained.to, "provenance", "the training window");
  } catch (e) {
    throw invalid(`${(e as Error).message}; ${hint}`);
  }
}

function _inside(
  d: DatasetDescriptor,
  from: string,
  to: string,
  source: ResolvedReference["source"],
  what: string,
): ResolvedReference {
  for (const label of [from, to]) {
    try {
      parsePartitionLabel(label, d.grain);
    } catch (e) {
      throw invalid(
        `${what}: ${(e as Error).message} (dataset ${d.name} is partitioned by ${d.grain})`,
      );
    }
  }
  if (from > to) {
    throw invalid(
      `${what}: ${from} is after ${to}; give the earlier ${d.grain} first (FROM..TO, inclusive)`,
    );
  }
  const first = d.partitions[0]?.label, last = d.partitions.at(-1)?.label;
  if (first === undefined || last === undefined || from < first || to > last) {
    throw invalid(
      `${what}: ${from}..${to} lies outside dataset ${d.name}, which ${
        first === undefined ? "has no partitions" : `holds ${first}..${last}`
      }`,
    );
  }
  const partitions = selectPartitions(d, { from, to });
  if (partitions.length === 0) {
    throw invalid(`${what}: dataset ${d.name} has no partition in ${from}..${to}`);
  }
  return { from, to, source, partitions };
}
