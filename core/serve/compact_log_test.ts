import assert from "node:assert/strict";
import { join } from "node:path";
import { datasetDir, loadDataset } from "../data/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import { compactLogInChild } from "./compact_log.ts";
import { LogColumns } from "./log_columns.ts";
import type { LogColumn } from "./log_schema.ts";
import { appendLog } from "./write_log.ts";

const COLUMNS: LogColumn[] = [
  { name: "request_id", type: "string", sql: "VARCHAR" },
  { name: "request_time", type: "timestamp", sql: "TIMESTAMP" },
  { name: "x", type: "number", sql: "DOUBLE" },
];
const DAY = Date.parse("2026-03-05T10:00:00.000Z");

function chunk(prefix: string, n: number) {
  const rows = new LogColumns(COLUMNS);
  for (let i = 0; i < n; i++) {
    rows.begin(`${prefix}${i}`);
    rows.number(DAY + i);
    rows.number(i);
  }
  return rows.close();
}

Deno.test("a compaction in its own process merges a day's small files; the rows stay", async () => {
  const root = Deno.makeTempDirSync();
  try {
    for (const prefix of ["a", "b", "c"]) {
      await appendLog(root, "live-m", chunk(prefix, 4), new Date());
    }
    assert.equal(loadDataset(root, "live-m").partitions[0]!.files.length, 3);
    await compactLogInChild(root, "live-m", "2026-03-05", new Date());
    const p = loadDataset(root, "live-m").partitions[0]!;
    assert.deepEqual([p.files.length, p.rows], [1, 12]);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});

Deno.test("a compaction that fails is an error naming the day and the cause; the files stay", async () => {
  const root = Deno.makeTempDirSync();
  try {
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
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});
