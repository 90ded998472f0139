/**
 * Reading back one streaming query over several partitions' files. DuckDB
 * keeps the files' order (insertion order is preserved) and each row
 * carries its file's index, so each partition's rows are a run cut out by
 * its files, never by the counts the descriptor claims. When the query
 * fails (some file cannot be read), the partition being read is read again
 * alone, after the rows already given: only a partition whose own file is
 * bad fails, and the next partitions are read one query each.
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";
import type { ChunkColumns } from "./chunk_columns.ts";
import type { ChunkSource } from "./chunk_source.ts";
import type { DatasetColumnType, DatasetDescriptor, DatasetPartition } from "./dataset.ts";
import { ScanBatch } from "./scan_batch.ts";

/** How a group is read: its columns, batches, and the queries behind it. */
export interface GroupRead {
  /** The dataset. */
  d: DatasetDescriptor;
  /** The types of the selected columns, in query order. */
  types: readonly DatasetColumnType[];
  /** Rows per batch. */
  batchRows: number;
  /** A partition's batches share one set of arrays: each is overwritten by the next. */
  recycle?: boolean;
  /** Starts a query over `partitions` (with each row's file index when there are several). */
  open(partitions: readonly DatasetPartition[]): Promise<ChunkSource>;
  /**
   * The error to report for partition `p` read alone: its query failed with
   * `cause`, or (null) gave another row count than the descriptor's.
   */
  failure(p: DatasetPartition, cause: unknown): Promise<RatchetError>;
}

/**
 * The partitions of one query, in order.
 *
 * @example
 * ```ts ignore
 * const reader = new PartitionGroupReader(read, [p1, p2], read.open([p1, p2]));
 * for await (const t of reader.batches(0)) console.log(t.n);
 * await reader.skipBefore(1);
 * ```
 */
export class PartitionGroupReader {
  /** The partitions, in query order. */
  readonly partitions: readonly DatasetPartition[];
  readonly #read: GroupRead;
  /** The partition of each file index. */
  readonly #partitionOf: Int32Array;
  #stream: Promise<ChunkSource>;
  #chunk: ChunkColumns | null = null;
  #row = 0;
  #lastFile = -1;
  /** The partition read by a query of its own, or -1 while the group's query serves. */
  #alone: number;
  /** Rows of the partition read alone already given before its own query started. */
  #skip = 0;
  #ended = false;
  #broken = false;
  /** With `recycle`, the arrays every batch is read into. */
  #spare: ScanBatch | undefined;

  /** A reader of `stream`, the query over `partitions`' files (started by `read.open`). */
  constructor(
    read: GroupRead,
    partitions: readonly DatasetPartition[],
    stream: Promise<ChunkSource>,
  ) {
    this.partitions = partitions;
    this.#read = read;
    this.#stream = stream;
    this.#partitionOf = Int32Array.from(partitions.flatMap((p, k) => p.files.map(() => k)));
    this.#alone = partitions.length === 1 ? 0 : -1;
    stream.catch(() => {}); // a failed start is reported when the rows are read
  }

  /**
   * True once the group's query failed: partitions after the one read alone
   * are not read by this reader.
   */
  get broken(): boolean {
    return this.#broken;
  }

  /**
   * The rows of partition `k` in batches (each a new one, or with `recycle`
   * the same arrays over again); a `RatchetError`
   * when it cannot be read or its files hold another row count than the
   * descriptor's. Rows of earlier partitions must have been read or skipped.
   */
  async *batches(k: number): AsyncGenerator<ScanBatch> {
    const p = this.partitions[k]!, { types, batchRows, recycle } = this.#read;
    const next = (offset: number) =>
      new ScanBatch(types, batchRows, offset, recycle ? this.#spare : undefined);
    let done = 0, batch = next(0);
    if (recycle) this.#spare = batch;
    for (;;) {
      let at: number;
      try {
        at = await this.#peek();
      } catch (e) {
        if (this.#alone === k) throw await this.#read.failure(p, e);
        this.#readAlone(k, done);
        batch = next(done); // its rows come again
        continue;
      }
      if (at !== k) {
        if (done + batch.n === p.rows) break;
        // A streaming query that fails just ends, so a group's query ending short of this
        // partition's rows may have failed on a later file: read this partition alone.
        if (this.#alone !== k && at === this.partitions.length) {
          this.#readAlone(k, done);
          batch = next(done);
          continue;
        }
        throw await this.#read.failure(p, null);
      }
      const c = this.#chunk!, end = this.#runEnd(k);
      while (this.#row < end) {
        const take = Math.min(end - this.#row, batchRows - batch.n);
        batch.append(c, this.#row, take);
        this.#row += take;
        if (batch.n === batchRows) {
          yield batch;
          done += batch.n;
          batch = next(done);
        }
      }
    }
    if (batch.n > 0) yield batch;
  }

  /** Skips the unread rows of partitions before `k` (after a failure, gives up instead). */
  async skipBefore(k: number): Promise<void> {
    try {
      for (let at = await this.#peek(); at < k; at = await this.#peek()) {
        this.#row = this.#runEnd(at);
      }
    } catch {
      this.#broken = true; // the caller reads the rest one query each
      this.#ended = true;
    }
  }

  /** Waits for the query's fetch in flight, so that its connection may run another. */
  async close(): Promise<void> {
    this.#ended = true;
    try {
      await (await this.#stream).settle();
    } catch { /* the query never started: nothing in flight */ }
  }

  /** The partition of the next row (fetching the next chunk when needed), or the count at the end. */
  async #peek(): Promise<number> {
    for (;;) {
      const c = this.#chunk;
      if (c !== null && this.#row < c.rows) {
        if (this.#alone >= 0) return this.#alone;
        return c.files === null ? 0 : this.#partitionOf[c.files[this.#row]!]!;
      }
      if (this.#ended) return this.partitions.length;
      const chunk = await (await this.#stream).next();
      if (chunk === null) {
        this.#ended = true;
        return this.#alone >= 0 ? this.#alone + 1 : this.partitions.length;
      }
      this.#chunk = chunk;
      this.#row = Math.min(this.#skip, this.#chunk.rows);
      this.#skip -= this.#row;
      this.#checkOrder();
    }
  }

  /** Reads partition `k` with a query of its own from now on, after its first `done` rows. */
  #readAlone(k: number, done: number): void {
    this.#broken = true;
    this.#alone = k;
    this.#skip = done;
    this.#chunk = null;
    this.#ended = false;
    this.#stream = this.#stream.then(
      (s) => s.settle(),
      () => {},
    ).then(() => this.#read.open([this.partitions[k]!]));
  }

  /** Where the current run of partition `k`'s rows ends in the current chunk. */
  #runEnd(k: number): number {
    const c = this.#chunk!;
    if (c.files === null) return c.rows;
    let end = this.#row + 1;
    while (end < c.rows && this.#partitionOf[c.files[end]!] === k) end++;
    return end;
  }

  /** Rows must come in file order, or a partition's rows could be split in two runs. */
  #checkOrder(): void {
    const files = this.#chunk!.files;
    if (files === null) return;
    let last = this.#lastFile;
    for (let i = 0; i < files.length; i++) {
      if (files[i]! < last) {
        throw new RatchetError(
          "internal",
          "DuckDB returned the rows of several files out of order (is preserve_insertion_order off?)",
        );
      }
      last = files[i]!;
    }
    this.#lastFile = last;
  }
}
