import assert from "node:assert/strict";
import { RatchetError } from "../errors/mod.ts";
import { ChunkStream } from "./chunk_stream.ts";
import { chunkSource } from "./chunk_source.ts";
import type { DatasetPartition } from "./dataset.ts";
import { connectDuckdb } from "./duckdb.ts";
import { NativeDuckdb } from "./native_duckdb.ts";
import { type GroupRead, PartitionGroupReader } from "./partition_group_reader.ts";

const ROWS = 3_000_000, SPLIT = 2_000_000;

function partition(label: string, rows: number): DatasetPartition {
  return { label, rows, files: [`${label}.parquet`], imported: "2026-01-01T00:00:00Z" };
}

/**
 * The ways queries are read: node-api's streams and, where node-api ships
 * `libduckdb` (linux x64 here), DuckDB's C library in this thread.
 */
const SOURCES: readonly ("node-api" | "native")[] =
  Deno.build.os === "linux" && Deno.build.arch === "x86_64" ? ["node-api", "native"] : ["node-api"];

/**
 * Two partitions whose group query fails at row `failAt` (if any), while
 * each read alone succeeds: rows are numbered 0…ROWS-1 across both.
 */
async function reader(failAt: number | null, batchRows: number, via: (typeof SOURCES)[number]) {
  const db = await connectDuckdb();
  const native = via === "native" ? NativeDuckdb.open() : null;
  if (via === "native") assert.ok(native, "DuckDB's C library loads here");
  const conn = native?.connect();
  const opened: string[] = [];
  const parts = [partition("a", SPLIT), partition("b", ROWS - SPLIT)];
  const read: GroupRead = {
    d: { name: "t", grain: "month" } as never,
    types: ["number"],
    batchRows,
    open: async (ps) => {
      opened.push(ps.map((p) => p.label).join("+"));
      const sql = ps.length > 1
        ? `SELECT CASE WHEN range = ${failAt ?? -1} THEN error('boom') ELSE range::DOUBLE END, ` +
          `CAST(range >= ${SPLIT} AS INTEGER) FROM range(${ROWS})`
        : ps[0]!.label === "a"
        ? `SELECT range::DOUBLE FROM range(${SPLIT})`
        : `SELECT (${SPLIT} + range)::DOUBLE FROM range(${ROWS - SPLIT})`;
      if (conn) return conn.stream(sql, ["number"], ps.length > 1);
      return chunkSource(new ChunkStream(await db.stream(sql)), ["number"], ps.length > 1);
    },
    failure: (p, cause) => Promise.resolve(new RatchetError("invalid", `${p.label}: ${cause}`)),
  };
  const close = () => {
    native?.close();
    db.disconnectSync();
  };
  return { reader: new PartitionGroupReader(read, parts, read.open(parts)), opened, close };
}

/** Checks that partition k gave exactly its rows, in order. */
async function expectRows(r: PartitionGroupReader, k: number, from: number, to: number) {
  let next = from;
  for await (const batch of r.batches(k)) {
    const x = batch.columns()[0] as Float64Array;
    for (let i = 0; i < batch.n; i++) assert.equal(x[i], next++, `row ${i} of a batch of ${k}`);
  }
  assert.equal(next, to);
}

for (const via of SOURCES) {
  Deno.test(`${via}: a group query that fails midway: the partition being read goes on alone after the rows given`, async () => {
    const { reader: r, opened, close } = await reader(2_500_000, 65536, via);
    try {
      await expectRows(r, 0, 0, SPLIT);
      await r.skipBefore(1);
      assert.equal(r.broken, false);
      await expectRows(r, 1, SPLIT, ROWS);
      assert.equal(r.broken, true);
      assert.deepEqual(opened, ["a+b", "b"]);
    } finally {
      await r.close();
      close();
    }
  });

  Deno.test(`${via}: a group query that succeeds is cut into its partitions by file`, async () => {
    const { reader: r, opened, close } = await reader(null, 100_000, via);
    try {
      await expectRows(r, 0, 0, SPLIT);
      await r.skipBefore(1);
      await expectRows(r, 1, SPLIT, ROWS);
      assert.equal(r.broken, false);
      assert.deepEqual(opened, ["a+b"]);
    } finally {
      await r.close();
      close();
    }
  });
}
