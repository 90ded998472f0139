import assert from "node:assert/strict";
import { ChunkStream } from "./chunk_stream.ts";
import { type ChunkSource, chunkSource } from "./chunk_source.ts";
import type { DatasetColumnType } from "./dataset.ts";
import { connectDuckdb } from "./duckdb.ts";
import { duckdbNativeLibrary } from "./duckdb_native_library.ts";
import { NativeDuckdb } from "./native_duckdb.ts";

/** Where node-api ships `libduckdb` (linux x64 here): the library must load, or scans silently slow down. */
const SHIPPED = Deno.build.os === "linux" && Deno.build.arch === "x86_64";

/** A test of a native database, opened for it and closed after; ignored where the library is not shipped. */
function nativeTest(name: string, fn: (native: NativeDuckdb) => void | Promise<void>): void {
  Deno.test({
    name,
    ignore: !SHIPPED,
    fn: async () => {
      const native = openNative();
      try {
        await fn(native);
      } finally {
        native.close();
      }
    },
  });
}

function openNative(): NativeDuckdb {
  const db = NativeDuckdb.open();
  assert.ok(db, "DuckDB's C library loads");
  return db;
}

/** Every row of a source: each column's value (null when missing), file index last. */
async function rowsOf(source: ChunkSource, types: readonly DatasetColumnType[]) {
  const rows: unknown[][] = [];
  for (let c = await source.next(); c; c = await source.next()) {
    for (let i = 0; i < c.rows; i++) {
      const row = c.columns.map(({ values, valid, raw }, j) => {
        if (raw) return new Deno.UnsafePointerView(raw).getFloat64(8 * i);
        if (valid !== null && (valid[i >> 3]! & (1 << (i & 7))) === 0) return null;
        return types[j] === "timestamp"
          ? values![2 * i + 1]! * 2 ** 32 + (values![2 * i]! >>> 0)
          : values![i];
      });
      if (c.files) row.push(c.files[i]);
      rows.push(row);
    }
  }
  return rows;
}

Deno.test({
  name: "DuckDB's C library loads where node-api ships it",
  ignore: !SHIPPED,
  fn: () => {
    const lib = duckdbNativeLibrary();
    assert.ok(lib, "libduckdb next to node-api's duckdb.node, loaded through Deno FFI");
    assert.equal(lib.duckdb_vector_size(), 2048n);
  },
});

Deno.test({
  name:
    "the C library gives the same rows as node-api: numbers, missing values, dates, times, file indexes",
  ignore: !SHIPPED,
  fn: async () => {
    const types: DatasetColumnType[] = ["number", "date", "timestamp", "number"];
    const sql = `SELECT
        CASE WHEN range % 7 = 3 THEN NULL ELSE (hash(range) % 2000001)::DOUBLE / 7 - 1e5 END,
        CASE WHEN range % 11 = 5 THEN NULL ELSE DATE '1970-01-01' + (range * 37 % 80001 - 40000)::INTEGER END,
        CASE WHEN range % 13 = 1 THEN NULL
          ELSE make_timestamp((hash(range + 1) % 8000000000000000)::BIGINT - 4000000000000000) END,
        CASE WHEN range < 4100 THEN NULL ELSE -range::DOUBLE END,
        CAST(range // 1500 AS INTEGER)
      FROM range(9000)`;
    const db = await connectDuckdb();
    const native = openNative();
    try {
      const theirs = await rowsOf(
        chunkSource(new ChunkStream(await db.stream(sql)), types, true),
        types,
      );
      const ours = await rowsOf(native.connect().stream(sql, types, true), types);
      assert.equal(ours.length, 9000);
      assert.deepEqual(ours, theirs);
      // The data is what it claims: missing values, negative days and microseconds, all files.
      assert.ok(ours.some((r) => r[0] === null) && ours.some((r) => (r[1] as number) < 0));
      assert.ok(ours.some((r) => (r[2] as number) < 0) && ours.at(-1)![4] === 5);
    } finally {
      native.close();
      db.disconnectSync();
    }
  },
});

nativeTest("a native database reads times in UTC, whatever the machine's zone", async (native) => {
  const rows = await rowsOf(
    native.connect().stream(
      "SELECT CAST(TIMESTAMPTZ '2020-01-01 00:00:00+00' AS TIMESTAMP)",
      ["timestamp"],
      false,
    ),
    ["timestamp"],
  );
  assert.deepEqual(rows, [[Date.UTC(2020, 0, 1) * 1000]]);
});

nativeTest(
  "a native stream refuses columns of other types than expected (memory is read raw)",
  (native) => {
    const conn = native.connect();
    assert.throws(
      () => conn.stream("SELECT 1", ["number"], false),
      /expected DuckDB types \[11\] but the query gives \[4\]/,
    );
    assert.throws(
      () => conn.stream("SELECT 1.5::DOUBLE", ["number"], true),
      /expected DuckDB types \[11,4\] but the query gives \[11\]/,
    );
    assert.throws(() => conn.stream("SELEC 1", ["number"], false), /syntax error/);
    // The connection still serves after refusals.
    assert.ok(conn.stream("SELECT 1.5::DOUBLE", ["number"], false));
  },
);

nativeTest(
  "a native query that fails midway throws DuckDB's message after the rows before it",
  async (native) => {
    const conn = native.connect();
    // One thread: with more, the failing thread's error can reach the client as another
    // thread's "Interrupted!" (DuckDB stops the others), which is not what this test is about.
    conn.run("SET threads = 1");
    const source = conn.stream(
      "SELECT CASE WHEN range = 2000000 THEN error('boom at 2000000') ELSE range::DOUBLE END " +
        "FROM range(3000000)",
      ["number"],
      false,
    );
    let rows = 0;
    await assert.rejects(async () => {
      for (let c = await source.next(); c; c = await source.next()) rows += c.rows;
    }, /boom at 2000000/);
    assert.ok(rows > 0 && rows <= 2000000, String(rows));
    assert.equal(await source.next(), null, "a failed stream stays ended");
  },
);

nativeTest(
  "a connection's next statement ends its stream; a closed connection refuses use",
  async (native) => {
    const conn = native.connect();
    const first = conn.stream("SELECT range::DOUBLE FROM range(100000)", ["number"], false);
    assert.equal((await first.next())!.rows > 0, true);
    conn.run("SELECT 1");
    assert.equal(await first.next(), null);
    await first.settle(); // settling twice is harmless
    conn.close();
    conn.close();
    assert.throws(() => conn.run("SELECT 1"), /a closed DuckDB connection was used/);
  },
);

nativeTest(
  "a chunk's raw numbers stay DuckDB's until the next fetch, whatever else DuckDB runs",
  async (native) => {
    const source = native.connect().stream(
      "SELECT (range * 3)::DOUBLE FROM range(50000)",
      ["number"],
      false,
    );
    const other = native.connect();
    let at = 0;
    for (let c = await source.next(); c; c = await source.next()) {
      const raw = c.columns[0]!.raw;
      assert.ok(raw, "numbers without missing values come raw");
      // DuckDB allocates and frees vectors meanwhile: freed memory would be reused.
      other.run("SELECT list(range::DOUBLE * 7) FROM range(20000) GROUP BY range % 3");
      const view = new Deno.UnsafePointerView(raw);
      for (let i = 0; i < c.rows; i++) assert.equal(view.getFloat64(8 * i), (at + i) * 3);
      at += c.rows;
    }
    assert.equal(at, 50000);
  },
);
