/**
 * Both models' predictions on the same rows: the dataset streams once, in
 * columnar batches, through champion and candidate, and each row's label
 * and two predictions are kept for the paired bootstrap — all of them up to
 * a cap, beyond it a seeded uniform sample (reservoir sampling), so memory
 * stays bounded however large the dataset.
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";
import { type DatasetDescriptor, type DatasetPartition, scanPartitions } from "../data/mod.ts";
import { accumulatorFor } from "../evaluate/mod.ts";
import type { MetricsReport } from "../metrics/mod.ts";
import { type CompiledModel, encodeTarget } from "../model/mod.ts";
import { createRandom } from "../random/mod.ts";

/** Rows kept for the bootstrap by default; above it, a seeded sample of this many. */
export const DEFAULT_MAX_PAIRED_ROWS = 50_000;

/** One model's side of the kept rows. */
export interface PairedSide {
  /** The label of each kept row, encoded for this model (value, or class index). */
  target: Float64Array;
  /** Row-major predictions: value `k` of kept row `i` at `i * width + k`. */
  outputs: Float64Array;
  /** Values per row. */
  width: number;
}

/** What {@linkcode collectPairedRows} kept. */
export interface PairedRows {
  /** Rows scored by both models. */
  rows: number;
  /** Rows kept (all of them, or the sample). */
  kept: number;
  /** True when `kept < rows`: a seeded uniform sample of the rows was kept. */
  sampled: boolean;
  /** Rows scored per partition, in order, to check against the back-tests. */
  partitionRows: { partition: string; rows: number }[];
  /** The champion's labels and predictions. */
  champion: PairedSide;
  /** The candidate's labels and predictions, on the same rows. */
  candidate: PairedSide;
  /** Every metric of each model on all the rows scored (not only those kept). */
  pooled: { champion: MetricsReport; candidate: MetricsReport };
}

/** Options of {@linkcode collectPairedRows}. */
export interface PairedRowsOptions {
  /** The label column. */
  target: string;
  /** Keep at most this many rows (default {@linkcode DEFAULT_MAX_PAIRED_ROWS}). */
  maxRows?: number;
  /** Seed of the row sample (default 1). */
  seed?: number;
  /** Rows per batch (default 65536). */
  batchRows?: number;
  /** Called after each partition. */
  onPartition?: (done: number, total: number, partition: string) => void;
}

/**
 * Streams `partitions` of a dataset through both models. A partition that
 * cannot be read or scored is an error here: callers pass only partitions
 * both back-tests scored.
 *
 * @example
 * ```ts ignore
 * const rows = await collectPairedRows(project.root, dataset, dataset.partitions, champion, candidate, { target: "rain_tomorrow" });
 * console.log(rows.rows, rows.kept, rows.sampled);
 * ```
 */
export async function collectPairedRows(
  root: string,
  dataset: DatasetDescriptor,
  partitions: readonly DatasetPartition[],
  champion: CompiledModel,
  candidate: CompiledModel,
  options: PairedRowsOptions,
): Promise<PairedRows> {
  const max = options.maxRows ?? DEFAULT_MAX_PAIRED_ROWS;
  const total = partitions.reduce((s, p) => s + p.rows, 0);
  // The descriptor's row counts size the buffers; they grow should a scan hold more.
  let capacity = Math.max(1, Math.min(max, total));
  const sides = [champion, candidate].map((model) => {
    const side: PairedSide = {
      target: new Float64Array(capacity),
      outputs: new Float64Array(capacity * model.width),
      width: model.width,
    };
    return { model, pooled: accumulatorFor(model), side };
  });
  const grow = () => {
    capacity = Math.min(max, capacity * 2);
    for (const { side } of sides) {
      side.target = _grown(side.target, capacity);
      side.outputs = _grown(side.outputs, capacity * side.width);
    }
  };
  const rng = createRandom(options.seed ?? 1);
  const columns = [
    ...new Set([
      ...champion.preprocessor.features.map((f) => f.name),
      ...candidate.preprocessor.features.map((f) => f.name),
      options.target,
    ]),
  ];
  const partitionRows: PairedRows["partitionRows"] = [];
  let seen = 0;
  const scans = scanPartitions(
    root,
    dataset,
    partitions,
    columns,
    options.batchRows ? { batchRows: options.batchRows } : {},
  );
  for await (const scan of scans) {
    let rows = 0;
    try {
      for await (const table of scan.batches) {
        const n = table.n;
        const predicted = sides.map(({ model, pooled }) => {
          const y = encodeTarget(table, options.target, model.task, model.labels);
          const out = model.predictTable(table);
          pooled.add(y, out, n);
          return { y, out };
        });
        for (let i = 0; i < n; i++, seen++) {
          // Algorithm R: row `seen` replaces a kept row with probability max / (seen + 1).
          const slot = seen < max ? seen : rng.int(seen + 1);
          if (slot >= max) continue;
          if (slot >= capacity) grow();
          sides.forEach(({ side }, s) => {
            const { y, out } = predicted[s]!;
            side.target[slot] = y[i]!;
            for (let k = 0; k < side.width; k++) {
              side.outputs[slot * side.width + k] = out[k * n + i]!;
            }
          });
        }
        rows += n;
      }
    } catch (e) {
      if (!(e instanceof RatchetError)) throw e;
      throw new RatchetError(
        e.kind,
        `Cannot pair the predictions of ${champion.label} and ${candidate.label} on partition ` +
          `${scan.partition.label}: ${e.message}`,
        { cause: e },
      );
    }
    partitionRows.push({ partition: scan.partition.label, rows });
    options.onPartition?.(partitionRows.length, partitions.length, scan.partition.label);
  }
  const kept = Math.min(seen, max);
  const trim = ({ target, outputs, width }: PairedSide): PairedSide => ({
    target: target.subarray(0, kept),
    outputs: outputs.subarray(0, kept * width),
    width,
  });
  return {
    rows: seen,
    kept,
    sampled: kept < seen,
    partitionRows,
    champion: trim(sides[0]!.side),
    candidate: trim(sides[1]!.side),
    pooled: { champion: sides[0]!.pooled.finish(), candidate: sides[1]!.pooled.finish() },
  };
}

function _grown(a: Float64Array, length: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(length);
  b.set(a);
  return b;
}
