import assert from "node:assert/strict";
import { join } from "node:path";
import { connectDuckdb, datasetDir, importDataset, loadDataset, quoteString } from "../data/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import { compactLogInChild, compactLogPartition, logFiles } from "./compact_log.ts";
import { LogColumns } from "./log_columns.ts";
import type { LogColumn } from "./log_schema.ts";
import { appendLog } from "./write_log.ts";

const COLUMNS: LogColumn[] = [
  { name: "request_id", type: "string", sql: "VARCHAR" },
  { name: "request_time", type: "timestamp", sql: "TIMESTAMP" },
  { name: "x", type: "number", sql: "DOUBLE" },
];
const DAY = Date.parse("2026-03-05T10:00:00.000Z");

/** Runs `fn` in a fresh temporary project folder, removed afterwards. */
async function withRoot(fn: (root: string) => Promise<void>): Promise<void> {
  const root = Deno.makeTempDirSync();
  try {
    await fn(root);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
}

function chunk(prefix: string, n: number, day = DAY) {
  const rows = new LogColumns(COLUMNS);
  for (let i = 0; i < n; i++) {
    rows.begin(`${prefix}${i}`);
    rows.number(day + i);
    rows.number(i);
  }
  return rows.close();
}

Deno.test("a compaction in its own process merges a day's small files; the rows stay", () =>
  withRoot(async (root) => {
    for (const prefix of ["a", "b", "c"]) {
      await appendLog(root, "live-m", chunk(prefix, 4), new Date());
    }
    assert.equal(loadDataset(root, "live-m").partitions[0]!.files.length, 3);
    await compactLogInChild(root, "live-m", "2026-03-05", new Date());
    const p = loadDataset(root, "live-m").partitions[0]!;
    assert.deepEqual([p.files.length, p.rows], [1, 12]);
  }));

Deno.test("a compaction that fails is an error naming the day and the cause; the files stay", () =>
  withRoot(async (root) => {
    for (const prefix of ["a", "b"]) await appendLog(root, "live-m", chunk(prefix, 4), new Date());
    const before = loadDataset(root, "live-m").partitions[0]!.files;
    const broken = join(datasetDir(root, "live-m"), before[1]!);
    Deno.truncateSync(broken, 10);
    await assert.rejects(
      () => compactLogInChild(root, "live-m", "2026-03-05", new Date()),
      (e) => {
        assert.ok(e instanceof RatchetError);
        assert.match(e.message, /^Compacting day 2026-03-05 of live-m failed \(its files stay/);
        assert.match(e.message, /parquet/i);
        return true;
      },
    );
    assert.deepEqual(loadDataset(root, "live-m").partitions[0]!.files, before);
  }));

/** The files of a day of live-m, with their rows and compression. */
function filesOf(root: string, label: string) {
  const p = loadDataset(root, "live-m").partitions.find((x) => x.label === label)!;
  return logFiles(datasetDir(root, "live-m"), p.files);
}

Deno.test("a lone small file is rewritten only to compress it", () =>
  withRoot(async (root) => {
    await appendLog(root, "live-m", chunk("a", 4), new Date());
    const [written] = await filesOf(root, "2026-03-05");
    assert.equal(written!.compressed, false, "the log writes its flushes uncompressed");
    await compactLogInChild(root, "live-m", "2026-03-05", new Date());
    const [rewritten] = await filesOf(root, "2026-03-05");
    assert.deepEqual([rewritten!.rows, rewritten!.compressed], [4, true]);
    assert.notEqual(rewritten!.file, written!.file);
    await compactLogInChild(root, "live-m", "2026-03-05", new Date());
    assert.deepEqual(await filesOf(root, "2026-03-05"), [rewritten]);
  }));

Deno.test("once a flush writes to a later day, the day before is merged and compressed, once", () =>
  withRoot(async (root) => {
    for (const prefix of ["a", "b", "c"]) {
      await appendLog(root, "live-m", chunk(prefix, 4), new Date());
    }
    const next = DAY + 86_400_000;
    await appendLog(root, "live-m", chunk("d", 4, next), new Date());
    const day = await filesOf(root, "2026-03-05");
    assert.deepEqual(day.map((f) => [f.rows, f.compressed]), [[12, true]]);
    assert.deepEqual((await filesOf(root, "2026-03-06")).map((f) => f.compressed), [false]);
    await appendLog(root, "live-m", chunk("e", 4, next), new Date());
    assert.deepEqual(await filesOf(root, "2026-03-05"), day, "a finished day is settled once");
  }));

Deno.test("a compaction that fails does not fail the append: its rows are written once", () =>
  withRoot(async (root) => {
    for (const prefix of ["a", "b"]) await appendLog(root, "live-m", chunk(prefix, 4), new Date());
    const before = loadDataset(root, "live-m").partitions[0]!.files;
    Deno.truncateSync(join(datasetDir(root, "live-m"), before[1]!), 10);
    const rows = await appendLog(root, "live-m", chunk("c", 4, DAY + 86_400_000), new Date());
    assert.equal(rows, 4);
    const d = loadDataset(root, "live-m");
    assert.deepEqual(d.partitions.map((p) => [p.label, p.rows]), [["2026-03-05", 8], [
      "2026-03-06",
      4,
    ]]);
    assert.deepEqual(d.partitions[0]!.files, before);
  }));

Deno.test("a log partitioned by month is merged too: one file, each row keeps its time", () =>
  withRoot(async (root) => {
    // Three small files of one month, on three days.
    for (const [k, day] of ["2026-03-02", "2026-03-15", "2026-03-31"].entries()) {
      const csv = join(root, `m${k}.csv`);
      Deno.writeTextFileSync(csv, `request_id,request_time,x\nr${k},${day} 10:00:00,${k}\n`);
      await importDataset(root, [csv], {
        dataset: "live-m",
        time: "request_time",
        grain: "month",
        mergeHistory: true,
      });
    }
    assert.equal(loadDataset(root, "live-m").partitions[0]!.files.length, 3);
    await compactLogPartition(root, "live-m", "2026-03", new Date());
    const d = loadDataset(root, "live-m");
    assert.deepEqual(d.partitions.map((p) => [p.label, p.rows, p.files.length]), [[
      "2026-03",
      3,
      1,
    ]]);
    const file = join(datasetDir(root, "live-m"), d.partitions[0]!.files[0]!);
    const db = await connectDuckdb();
    let rows: unknown[][];
    try {
      rows = (await db.runAndReadAll(
        `SELECT request_id, strftime(request_time, '%Y-%m-%d') FROM read_parquet(${
          quoteString(file)
        }) ORDER BY 1`,
      )).getRowsJson() as unknown[][];
    } finally {
      db.disconnectSync();
    }
    assert.deepEqual(rows, [
      ["r0", "2026-03-02"],
      ["r1", "2026-03-15"],
      ["r2", "2026-03-31"],
    ]);
  }));
