import assert from "node:assert/strict";
import { join } from "node:path";
import { datasetDir, loadDataset } from "../data/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import { compactLogInChild, logFiles } from "./compact_log.ts";
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
