import assert from "node:assert/strict";
import { join } from "node:path";
import { duckdb } from "./duckdb.ts";
import { writePiecesSynced } from "../store/mod.ts";
import { type ParquetColumn, parquetPieces } from "./parquet_write.ts";
import { ThriftWriter } from "./thrift_compact.ts";

/** A seeded generator, so that a failure is the same on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["", "pro", "basic", "café ☕", "a'b\"c", "日本", "x".repeat(300)];

/** Columns of `rows` rows, missing values at a rate of `missing`. */
function columnsOf(rows: number, missing: number, seed: number): ParquetColumn[] {
  const r = random(seed);
  const gap = () => r() < missing;
  const ids = WORDS.map((w) => new TextEncoder().encode(`id-${w}`));
  const ends = new Int32Array(rows);
  const chosen: Uint8Array[] = [];
  let end = 0;
  for (let i = 0; i < rows; i++) {
    const id = new TextEncoder().encode(`r${i}-`);
    const word = ids[i % ids.length]!;
    const both = new Uint8Array(id.length + word.length);
    both.set(id);
    both.set(word, id.length);
    chosen.push(both);
    ends[i] = end += both.length;
  }
  const bytes = new Uint8Array(end);
  chosen.forEach((b, i) => bytes.set(b, i === 0 ? 0 : ends[i - 1]!));
  const numbers = (f: () => number) => Float64Array.from({ length: rows }, () => gap() ? NaN : f());
  return [
    { name: "request_id", kind: "utf8", bytes, ends },
    {
      name: "request_time",
      kind: "timestamp",
      values: numbers(() => Math.round(Date.UTC(2026, 10, 27) + (r() - 0.5) * 1e12)),
    },
    { name: "x", kind: "double", values: numbers(() => (r() - 0.5) * 10 ** (r() * 40 - 20)) },
    {
      name: "edge",
      kind: "double",
      values: numbers(() => [0, -0, 1e308, -5e-324, 1 / 3][oneOfFive(r)]!),
    },
    { name: "vip", kind: "boolean", values: numbers(() => (r() < 0.5 ? 1 : 0)) },
    {
      name: "plan",
      kind: "text",
      codes: Int32Array.from({ length: rows }, () => gap() ? -1 : Math.floor(r() * WORDS.length)),
      dictionary: WORDS,
    },
  ];
}

function oneOfFive(r: () => number): number {
  return Math.floor(r() * 5);
}

/** What each row should read back as, in DuckDB's JSON form. */
function expected(rows: number, columns: readonly ParquetColumn[]): unknown[][] {
  const decoder = new TextDecoder();
  return Array.from({ length: rows }, (_, i) =>
    columns.map((c) => {
      switch (c.kind) {
        case "utf8":
          return decoder.decode(c.bytes.subarray(i === 0 ? 0 : c.ends[i - 1]!, c.ends[i]!));
        case "text":
          return c.codes[i]! < 0 ? null : c.dictionary[c.codes[i]!]!;
        case "boolean":
          return Number.isNaN(c.values[i]!) ? null : c.values[i] !== 0;
        case "timestamp":
          return Number.isNaN(c.values[i]!) ? null : c.values[i]!;
        case "double":
          return Number.isNaN(c.values[i]!) ? null : c.values[i]!;
      }
    }));
}

Deno.test("Thrift compact: long field jumps, negative and 64-bit integers, long lists, nested structs", () => {
  const w = new ThriftWriter();
  w.struct(() => {
    w.i32(1, -1);
    w.i64(20, 2 ** 40);
    w.bool(21, true);
    w.i32List(22, Array.from({ length: 16 }, (_, i) => i));
    w.structField(23, () => w.bool(1, false));
  });
  assert.deepEqual([...w.bytes()], [
    0x15,
    1, // field 1 i32, zigzag(-1) = 1
    0x06,
    40,
    0x80,
    0x80,
    0x80,
    0x80,
    0x80,
    0x40, // field 20 by id (zigzag 20 = 40), zigzag(2^40) = 2^41
    0x11, // field 21 (delta 1), true
    0x19,
    0xf5,
    16,
    ...Array.from({ length: 16 }, (_, i) => 2 * i), // list<i32> of 16
    0x1c,
    0x12,
    0, // struct field 23 { field 1 false }
    0, // stop
  ]);
});

/** The whole file, as the pieces join (every page is made). */
function joined(rows: number, columns: readonly ParquetColumn[]): Uint8Array {
  const bytes = [...parquetPieces(rows, columns)].flat();
  const file = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  bytes.reduce((at, b) => (file.set(b, at), at + b.length), 0);
  return file;
}

Deno.test("parquetPieces: DuckDB reads back every value, missing ones as NULL, in DuckDB's own types", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "ratchet-parquet-" });
  try {
    const db = await duckdb();
    for (
      const [rows, missing, seed] of [[1, 0, 1], [1, 1, 2], [3000, 0, 3], [3000, 0.3, 4], [
        777,
        0.97,
        5,
      ], [0, 0, 6]] as const
    ) {
      const columns = columnsOf(rows, missing, seed);
      const path = join(dir, `f${seed}.parquet`);
      // As the prediction log writes it: group by group, pausing between them.
      await writePiecesSynced(path, parquetPieces(rows, columns), () => Promise.resolve());
      const read = (await db.runAndReadAll(
        `SELECT request_id, epoch_ms(request_time) AS t, x, edge, vip, plan FROM read_parquet('${path}')`,
      )).getRowsJS();
      const want = expected(rows, columns);
      assert.equal(read.length, rows, `rows of seed ${seed}`);
      for (let i = 0; i < rows; i++) {
        const got = read[i]!.map((v) => typeof v === "bigint" ? Number(v) : v);
        assert.deepEqual(got, want[i], `row ${i} of seed ${seed}`);
        const edge = got[3] as number | null;
        if (edge === 0) {
          assert.equal(Object.is(edge, -0), Object.is(want[i]![3], -0), `-0, row ${i}`);
        }
      }
      // The types DuckDB gives our file are those it gives its own copy of it.
      const copy = join(dir, `copy${seed}.parquet`);
      await db.run(`COPY (SELECT * FROM read_parquet('${path}')) TO '${copy}' (FORMAT parquet)`);
      const types = async (f: string) =>
        (await db.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${f}')`)).getRowsJS()
          .map((r) => `${r[0]} ${r[1]}`);
      assert.deepEqual(await types(path), [
        "request_id VARCHAR",
        "request_time TIMESTAMP",
        "x DOUBLE",
        "edge DOUBLE",
        "vip BOOLEAN",
        "plan VARCHAR",
      ]);
      assert.deepEqual(await types(path), await types(copy));
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("parquetPieces: one group per column, each made only when asked for, then the footer", () => {
  for (const [rows, missing, seed] of [[3000, 0.3, 4], [1, 0, 1], [0, 0, 6]] as const) {
    const columns = columnsOf(rows, missing, seed);
    const groups = [...parquetPieces(rows, columns)];
    assert.equal(groups.length, columns.length + 1, `seed ${seed}`);
    const magic = (b: Uint8Array | undefined) => new TextDecoder().decode(b) === "PAR1";
    assert.ok(magic(groups[0]![0]), "the file opens with PAR1");
    assert.ok(magic(groups.at(-1)!.at(-1)!.subarray(4)), "and ends with it");
  }
  // A column too short fails when its page is asked for, not before: the pages before it are out.
  const good = { name: "a", kind: "double", values: new Float64Array([1, 2]) } as const;
  const short = { name: "b", kind: "double", values: new Float64Array([1]) } as const;
  const pieces = parquetPieces(2, [good, short]);
  assert.equal(pieces.next().done, false);
  assert.throws(() => pieces.next(), /Column b holds fewer than 2 rows/);
  // No column: the magic number and the footer in one group.
  const empty = [...parquetPieces(0, [])];
  assert.equal(empty.length, 1);
  assert.equal(empty[0]!.length, 3);
});

Deno.test("parquetPieces refuses a row count no page can hold, and columns shorter than the rows", () => {
  const x = { name: "x", kind: "double", values: new Float64Array([1, 2]) } as const;
  for (const rows of [-1, 1.5, 2 ** 31]) {
    assert.throws(() => joined(rows, [x]), /Cannot write .* rows to one Parquet page/);
  }
  assert.throws(() => joined(3, [x]), /Column x holds fewer than 3 rows/);
  const ids = {
    name: "id",
    kind: "utf8",
    bytes: new Uint8Array([97]),
    ends: new Int32Array([1]),
  } as const;
  assert.throws(() => joined(2, [ids]), /Column id holds fewer than 2 rows/);
  const plan = {
    name: "plan",
    kind: "text",
    codes: new Int32Array([0]),
    dictionary: ["a"],
  } as const;
  assert.throws(() => joined(2, [plan]), /Column plan holds fewer than 2 rows/);
});
