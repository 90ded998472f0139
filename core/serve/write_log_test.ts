import assert from "node:assert/strict";
import { join } from "node:path";
import { connectDuckdb, datasetDir, loadDataset, quoteString } from "../data/mod.ts";
import { LogColumns } from "./log_columns.ts";
import type { LogColumn } from "./log_schema.ts";
import { appendLog, applyOutcomes } from "./write_log.ts";

const COLUMNS: LogColumn[] = [
  { name: "request_id", type: "string", sql: "VARCHAR" },
  { name: "request_time", type: "timestamp", sql: "TIMESTAMP" },
  { name: "x", type: "number", sql: "DOUBLE" },
  { name: "vip", type: "boolean", sql: "BOOLEAN" },
  { name: "plan", type: "string", sql: "VARCHAR" },
  { name: "y", type: "string", sql: "VARCHAR" },
];

/** Text a log must keep byte for byte: quotes, backslashes, newlines, non-ASCII, SQL quotes. */
const TEXTS = ['say "hi"', "back\\slash", "two\nlines", "ünïcødé ✓ 𝄞", "it's", "", "%_*"];

async function rowsOf(root: string, name: string): Promise<Record<string, unknown>[]> {
  const d = loadDataset(root, name);
  const files = d.partitions.flatMap((p) =>
    p.files.map((f) => quoteString(join(datasetDir(root, name), f)))
  );
  const db = await connectDuckdb();
  try {
    const sql = `SELECT request_id, strftime(request_time, '%Y-%m-%dT%H:%M:%S.%g') AS t, x, vip, ` +
      `plan, y FROM read_parquet([${files.join(", ")}], hive_partitioning = false) ` +
      `ORDER BY request_time, request_id`;
    return (await db.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    db.disconnectSync();
  }
}

/** `n` log rows from `start`, one a millisecond, with missing values, booleans and any text. */
function richRows(start: number, n: number) {
  const rows = new LogColumns(COLUMNS);
  const expected: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const id = i % 97 === 0 ? `ïd "${i}"` : `r${i}`;
    const time = start + i;
    const x = i % 10 === 3 ? NaN : i * 0.1 - 7.25;
    const vip = i % 7 === 0 ? NaN : i % 2;
    const plan = i % 11 === 5 ? undefined : TEXTS[i % TEXTS.length]!;
    rows.begin(id);
    rows.number(time);
    rows.number(x);
    rows.number(vip);
    rows.text(plan);
    expected.push({
      request_id: id,
      t: new Date(time).toISOString().slice(0, -1),
      x: Number.isNaN(x) ? null : x,
      vip: Number.isNaN(vip) ? null : vip === 1,
      plan: plan ?? null,
      y: i % 3 === 0 ? TEXTS[i % TEXTS.length]! : null,
    });
  }
  const byId = new Map(expected.map((r) => [r.request_id, r]));
  const chunk = rows.close((id) => (byId.get(id)!.y as string | null) ?? undefined);
  expected.sort((a, b) =>
    a.t === b.t ? String(a.request_id).localeCompare(String(b.request_id)) : a.t! < b.t! ? -1 : 1
  );
  return { chunk, expected };
}

Deno.test("appendLog writes buffered columns as they were given: numbers, missing values, booleans, any text, times by day", async () => {
  const root = Deno.makeTempDirSync();
  try {
    const start = Date.parse("2026-03-05T23:59:58.000Z");
    const n = 5000; // crosses midnight: two day partitions
    const { chunk, expected } = richRows(start, n);
    assert.equal(await appendLog(root, "live-m", chunk, new Date(start)), n);
    const d = loadDataset(root, "live-m");
    assert.deepEqual(d.partitions.map((p) => [p.label, p.rows]), [
      ["2026-03-05", 2000],
      ["2026-03-06", 3000],
    ]);
    assert.deepEqual(d.columns, COLUMNS.map(({ name, type }) => ({ name, type })));
    const written = await rowsOf(root, "live-m");
    assert.equal(written.length, n);
    for (let i = 0; i < n; i++) assert.deepEqual(written[i], expected[i], `row ${i}`);
    assert.deepEqual(leftovers(root), []);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});

Deno.test("appendLog moves the Parquet file it wrote itself into the day when the rows fall in one; a later day's rows fit alike", async () => {
  const root = Deno.makeTempDirSync();
  /** Who wrote each day's one file, and its rows. */
  const writers = async () => {
    const d = loadDataset(root, "live-m");
    const files = d.partitions.map((p) =>
      quoteString(join(datasetDir(root, "live-m"), p.files[0]!))
    );
    const db = await connectDuckdb();
    try {
      return (await db.runAndReadAll(
        `SELECT created_by, num_rows FROM parquet_file_metadata([${
          files.join(", ")
        }]) ORDER BY num_rows DESC`,
      )).getRowsJS().map(([by, rows]) => [String(by).split(" ")[0], rows]);
    } finally {
      db.disconnectSync();
    }
  };
  try {
    const first = richRows(Date.parse("2026-03-05T08:00:00.000Z"), 3000);
    assert.equal(await appendLog(root, "live-m", first.chunk, new Date()), 3000);
    assert.deepEqual(await writers(), [["ratchet", 3000n]]);
    const second = richRows(Date.parse("2026-03-06T00:00:00.000Z"), 10);
    assert.equal(await appendLog(root, "live-m", second.chunk, new Date()), 10);
    const d = loadDataset(root, "live-m");
    assert.deepEqual(d.partitions.map((p) => [p.label, p.rows, p.files.length]), [
      ["2026-03-05", 3000, 1],
      ["2026-03-06", 10, 1],
    ]);
    // The day before, now over, was compressed by DuckDB; the new day's file is the one written.
    assert.deepEqual(await writers(), [["DuckDB", 3000n], ["ratchet", 10n]]);
    const written = await rowsOf(root, "live-m");
    assert.deepEqual(written, [...first.expected, ...second.expected]);
    assert.deepEqual(leftovers(root), []);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});

/** Files the log wrote outside its datasets and left behind. */
function leftovers(root: string): string[] {
  return [...Deno.readDirSync(join(root, "data"))].map((e) => e.name).filter((n) =>
    n.startsWith(".ratchet-log-")
  );
}

Deno.test("appendLog appends: each chunk adds a file to its day partition, a column of no text stays text, the history grows by one entry per kind of write", async () => {
  const root = Deno.makeTempDirSync();
  try {
    const time = Date.parse("2026-03-05T10:00:00.000Z");
    for (const id of ["a", "b", "c"]) {
      const rows = new LogColumns(COLUMNS);
      rows.begin(id);
      rows.number(time);
      rows.number(1);
      rows.number(1);
      rows.text(undefined);
      assert.equal(await appendLog(root, "live-m", rows.close(() => undefined), new Date()), 1);
    }
    const d = loadDataset(root, "live-m");
    assert.deepEqual(d.partitions.map((p) => [p.label, p.rows, p.files.length]), [
      ["2026-03-05", 3, 3],
    ]);
    assert.deepEqual(d.history.map((h) => [h.action, h.rows, h.source]), [
      ["import", 1, ["the prediction log"]],
      ["append", 2, ["the prediction log"]],
    ]);
    assert.deepEqual(d.columns.find((c) => c.name === "plan"), { name: "plan", type: "string" });
    assert.deepEqual((await rowsOf(root, "live-m")).map((r) => [r.request_id, r.plan, r.y]), [
      ["a", null, null],
      ["b", null, null],
      ["c", null, null],
    ]);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});

/** A chunk of `n` rows at `time`, ids `${prefix}${i}`. */
function chunkOf(prefix: string, n: number, time: number) {
  const rows = new LogColumns(COLUMNS, n);
  for (let i = 0; i < n; i++) {
    rows.begin(`${prefix}${i}`);
    rows.number(time);
    rows.number(i);
    rows.number(1);
    rows.text("pro");
  }
  return rows.close();
}

Deno.test("small files are compacted as they pile up, big ones stay; outcomes rewrite only the files holding their rows", async () => {
  const root = Deno.makeTempDirSync();
  try {
    const time = Date.parse("2026-03-05T10:00:00.000Z");
    await appendLog(root, "live-m", chunkOf("big", 260_000, time), new Date());
    const [big] = loadDataset(root, "live-m").partitions[0]!.files;
    for (let k = 0; k < 25; k++) {
      await appendLog(root, "live-m", chunkOf(`s${k}-`, 3, time), new Date());
    }
    const p = loadDataset(root, "live-m").partitions[0]!;
    assert.equal(p.rows, 260_000 + 75);
    assert.equal(p.files.length, 2, "the big file, the 25 small ones merged");
    assert.equal(p.files[0], big, "the big file is not rewritten");
    const ids = (await rowsOf(root, "live-m")).map((r) => r.request_id as string);
    assert.equal(ids.length, 260_075);
    assert.equal(new Set(ids).size, 260_075);

    await appendLog(root, "live-m", chunkOf("late-", 2, time), new Date());
    const before = loadDataset(root, "live-m").partitions[0]!.files;
    const matched = await applyOutcomes(
      root,
      "live-m",
      "y",
      new Map([["late-1", "yes"]]),
      new Date(),
    );
    assert.deepEqual([...matched], ["late-1"]);
    const after = loadDataset(root, "live-m").partitions[0]!.files;
    assert.equal(after.length, 3);
    assert.deepEqual(after.slice(0, 2), before.slice(0, 2), "files without the row stay");
    assert.notEqual(after[2], before[2]);
    const late = (await rowsOf(root, "live-m")).filter((r) =>
      String(r.request_id).startsWith("late-")
    );
    assert.deepEqual(late.map((r) => [r.request_id, r.y]), [["late-0", null], ["late-1", "yes"]]);
    assert.equal(loadDataset(root, "live-m").partitions[0]!.rows, 260_077);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});

Deno.test("a compaction merges the small files up to 250,000 rows into each new file, until no two are left", async () => {
  const root = Deno.makeTempDirSync();
  try {
    const time = Date.parse("2026-03-05T10:00:00.000Z");
    for (let k = 0; k < 25; k++) {
      await appendLog(root, "live-m", chunkOf(`f${k}-`, 20_000, time), new Date());
    }
    const p = loadDataset(root, "live-m").partitions[0]!;
    assert.equal(p.rows, 500_000);
    // 12 files of 20,000 rows (a 13th would pass 250,000), 12 more, then the last with
    // the smallest merged file; the other one stays, alone.
    assert.deepEqual(await sizesOf(root, p.files), [240_000, 260_000]);
    assert.equal(new Set((await rowsOf(root, "live-m")).map((r) => r.request_id)).size, 500_000);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});

Deno.test("full files do not count: a long day is compacted when its small files pile up, not at every flush", async () => {
  const root = Deno.makeTempDirSync();
  try {
    const time = Date.parse("2026-03-05T10:00:00.000Z");
    for (let k = 0; k < 3; k++) {
      await appendLog(root, "live-m", chunkOf(`big${k}-`, 250_000, time), new Date());
    }
    const big = loadDataset(root, "live-m").partitions[0]!.files;
    for (let k = 0; k < 24; k++) {
      await appendLog(root, "live-m", chunkOf(`s${k}-`, 2, time), new Date());
    }
    let p = loadDataset(root, "live-m").partitions[0]!;
    assert.equal(p.files.length, 27, "24 small files, 27 in all: nothing to compact yet");
    await appendLog(root, "live-m", chunkOf("s24-", 2, time), new Date());
    p = loadDataset(root, "live-m").partitions[0]!;
    assert.deepEqual(p.files.slice(0, 3), big, "the full files stay as they are");
    assert.equal(p.files.length, 4, "the 25th small file merges the small ones into one");
    assert.deepEqual(await sizesOf(root, p.files), [50, 250_000, 250_000, 250_000]);
    assert.equal(p.rows, 750_050);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});

/** The rows of each of a dataset's `files`, fewest first. */
async function sizesOf(root: string, files: readonly string[]): Promise<number[]> {
  const dir = datasetDir(root, "live-m");
  const db = await connectDuckdb();
  try {
    return (await db.runAndReadAll(
      `SELECT num_rows FROM parquet_file_metadata([${
        files.map((f) => quoteString(join(dir, f))).join(", ")
      }]) ORDER BY num_rows`,
    )).getRowObjectsJson().map((r) => Number(r.num_rows));
  } finally {
    db.disconnectSync();
  }
}

Deno.test("appendLog removes pending files a stopped process left behind, not those of a writer at work", async () => {
  const root = Deno.makeTempDirSync();
  try {
    const data = join(root, "data");
    Deno.mkdirSync(data);
    const stale = join(data, ".ratchet-log-stale.parquet");
    const fresh = join(data, ".ratchet-log-fresh.parquet");
    const other = join(data, "notes.parquet");
    for (const f of [stale, fresh, other]) Deno.writeFileSync(f, new Uint8Array([1]));
    const hourAgo = new Date(Date.now() - 3600_000);
    Deno.utimeSync(stale, hourAgo, hourAgo);
    Deno.utimeSync(other, hourAgo, hourAgo);
    const rows = new LogColumns(COLUMNS);
    rows.begin("a");
    rows.number(Date.parse("2026-03-05T10:00:00.000Z"));
    rows.number(1);
    rows.number(1);
    rows.text("pro");
    assert.equal(await appendLog(root, "live-m", rows.close(() => undefined), new Date()), 1);
    assert.deepEqual(leftovers(root), [".ratchet-log-fresh.parquet"]);
    assert.ok(Deno.statSync(other).isFile);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});
