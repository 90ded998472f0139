import assert from "node:assert/strict";
import { join } from "node:path";
import { RatchetError } from "../errors/mod.ts";
import type { Table } from "../table/mod.ts";
import { type DailyRow, dailyRows, withRoot, writeCsv } from "./_test_data.ts";
import { type DatasetDescriptor, datasetDir } from "./dataset.ts";
import { saveDataset } from "./dataset_file.ts";
import { importDataset } from "./import_dataset.ts";
import { loadDataset } from "./load_dataset.ts";
import { scanPartition } from "./scan_partition.ts";
import { scanPartitions, type ScanPartitionsOptions } from "./scan_partitions.ts";
import { connectDuckdb } from "./duckdb.ts";
import { NATIVE_SLICE_MS } from "./read_partitions.ts";

const COLUMNS = ["day", "x", "kind", "flag", "at"];
/** Columns DuckDB's C library reads (dates, numbers, times): the native ways read these. */
const NUMERIC = ["day", "x", "at"];

/** Every row's values, as a scan gives them, in scan order. */
function rowsOf(tables: Table[], columns = COLUMNS): unknown[][] {
  return tables.flatMap((t) =>
    Array.from({ length: t.n }, (_, i) => columns.map((c) => t.column(c)![i]))
  );
}

/** The expected values of a generated row. */
function expected(r: DailyRow, columns = COLUMNS): unknown[] {
  const all: Record<string, unknown> = {
    day: r.day,
    x: r.x ?? NaN,
    kind: r.kind,
    flag: r.flag,
    at: new Date(r.at).toISOString(),
  };
  return columns.map((c) => all[c]);
}

/** A dataset of 6 months whose partitions are two files each (even days, then odd days). */
async function twoFilesPerMonth(root: string): Promise<{ d: DatasetDescriptor; rows: DailyRow[] }> {
  const rows = dailyRows("2015-01-01", 181);
  for (const parity of [0, 1]) {
    const part = rows.filter((_, i) => i % 2 === parity);
    await importDataset(root, [writeCsv(root, `in${parity}.csv`, part)], {
      dataset: "daily",
      time: "day",
      grain: "month",
    });
  }
  const d = loadDataset(root, "daily");
  assert.ok(d.partitions.every((p) => p.files.length === 2));
  return { d, rows };
}

/** Reads every partition; a failed one gives its error message instead of rows. */
async function scanAll(
  root: string,
  d: DatasetDescriptor,
  options: ScanPartitionsOptions,
  keep: (label: string) => number = () => Infinity,
  columns = COLUMNS,
): Promise<Map<string, Table[] | string>> {
  const out = new Map<string, Table[] | string>();
  for await (
    const { partition, batches } of scanPartitions(root, d, d.partitions, columns, options)
  ) {
    const tables: Table[] = [];
    try {
      for await (const t of batches) {
        if (tables.length >= keep(partition.label)) break;
        tables.push(t);
      }
      out.set(partition.label, tables);
    } catch (e) {
      assert.ok(e instanceof RatchetError, String(e));
      out.set(partition.label, e.message);
    }
  }
  return out;
}

/** Ways to read, and the columns read: node-api reads every type; DuckDB's C library, numbers and times. */
const WAYS: [string, ScanPartitionsOptions, string[]][] = [
  ["here", { worker: false, batchRows: 7 }, COLUMNS],
  ["here, nothing read ahead", { worker: false, lookahead: 0, batchRows: 7 }, COLUMNS],
  ["here, three queries ahead", { worker: false, lookahead: 3, batchRows: 7 }, COLUMNS],
  ["in a worker", { worker: true, batchRows: 7 }, COLUMNS],
  ["here, natively", { worker: false, native: true, batchRows: 7 }, NUMERIC],
  ["here, natively, nothing ahead", { native: true, lookahead: 0, batchRows: 7 }, NUMERIC],
  ["in a worker, natively", { worker: true, batchRows: 7 }, NUMERIC],
  ["in a worker, through node-api", { worker: true, native: false, batchRows: 7 }, NUMERIC],
];

Deno.test("scanPartitions gives each partition's rows, in its files' order, whichever way it reads", async (t) => {
  await withRoot(async (root) => {
    const { d, rows } = await twoFilesPerMonth(root);
    const alone = new Map<string, unknown[][]>();
    for (const p of d.partitions) {
      const tables: Table[] = [];
      for await (const table of scanPartition(root, d, p, COLUMNS, { batchRows: 7 })) {
        tables.push(table);
      }
      alone.set(p.label, rowsOf(tables));
    }
    for (const [way, options, columns] of WAYS) {
      await t.step(way, async () => {
        const byDay = new Map(rows.map((r) => [r.day, expected(r, columns)]));
        const pick = columns.map((c) => COLUMNS.indexOf(c));
        const scanned = await scanAll(root, d, options, undefined, columns);
        assert.deepEqual([...scanned.keys()], d.partitions.map((p) => p.label));
        for (const p of d.partitions) {
          const tables = scanned.get(p.label) as Table[];
          assert.deepEqual(tables.map((x) => x.n).slice(0, -1), tables.slice(1).map(() => 7));
          assert.equal(tables[0]!.rowLabel(0), `${p.label} row 1`);
          assert.equal(tables.at(-1)!.rowLabel(0), `${p.label} row ${7 * (tables.length - 1) + 1}`);
          const got = rowsOf(tables, columns);
          assert.deepEqual(got, alone.get(p.label)!.map((r) => pick.map((j) => r[j])), p.label);
          assert.equal(got.length, p.rows);
          for (const row of got) assert.deepEqual(row, byDay.get(row[0] as string));
        }
      });
    }
  });
});

Deno.test("a bad file fails its own partition only, naming the file, whichever way it reads", async (t) => {
  await withRoot(async (root) => {
    const { d } = await twoFilesPerMonth(root);
    const dir = datasetDir(root, "daily");
    const [jan, feb, mar, apr, may, jun] = d.partitions;
    const truncated = join(dir, feb!.files[1]!);
    const bytes = Deno.readFileSync(truncated);
    Deno.writeFileSync(truncated, bytes.subarray(0, bytes.length >> 1));
    Deno.writeFileSync(join(dir, mar!.files[0]!), new Uint8Array());
    d.partitions[3] = { ...apr!, rows: apr!.rows + 1 };
    // Garbage amid the data pages, the footer intact: DuckDB fails only while reading rows.
    const corrupt = join(dir, may!.files[0]!);
    const data = Deno.readFileSync(corrupt);
    data.fill(0x55, 8, data.length >> 1);
    Deno.writeFileSync(corrupt, data);
    saveDataset(dir, d);
    for (const [way, options, columns] of WAYS) {
      await t.step(way, async () => {
        const scanned = await scanAll(
          root,
          loadDataset(root, "daily"),
          options,
          undefined,
          columns,
        );
        const unreadable = (file: string) => new RegExp(`file ${file} is unreadable`);
        assert.match(String(scanned.get(feb!.label)), unreadable(feb!.files[1]!));
        assert.match(String(scanned.get(mar!.label)), unreadable(mar!.files[0]!));
        assert.match(
          String(scanned.get(apr!.label)),
          new RegExp(
            `has ${apr!.rows} rows in its files, but dataset\\.json says ${apr!.rows + 1}`,
          ),
        );
        assert.match(String(scanned.get(may!.label)), unreadable(may!.files[0]!));
        for (const p of [jan!, jun!]) {
          const tables = scanned.get(p.label);
          assert.ok(Array.isArray(tables), `${p.label}: ${tables}`);
          assert.equal(tables.reduce((s, x) => s + x.n, 0), p.rows);
        }
      });
    }
  });
});

Deno.test("partitions the caller leaves early are skipped, and the next ones are read whole", async (t) => {
  await withRoot(async (root) => {
    const { d } = await twoFilesPerMonth(root);
    for (const [way, options, columns] of WAYS) {
      await t.step(way, async () => {
        const scanned = await scanAll(
          root,
          d,
          options,
          (label) => label === "2015-02" ? 1 : Infinity,
          columns,
        );
        for (const p of d.partitions) {
          const n = (scanned.get(p.label) as Table[]).reduce((s, x) => s + x.n, 0);
          assert.equal(n, p.label === "2015-02" ? 7 : p.rows, p.label);
        }
        // Leaving the whole scan early ends it cleanly (no query or worker left running).
        for await (const { batches } of scanPartitions(root, d, d.partitions, columns, options)) {
          for await (const _ of batches) break;
          break;
        }
      });
    }
  });
});

Deno.test("a dataset with a column named file_index reads one query per partition, rightly", async () => {
  await withRoot(async (root) => {
    const rows = dailyRows("2015-01-01", 70).map((r, i) => ({ ...r, file_index: i }));
    await importDataset(root, [writeCsv(root, "in.csv", rows)], {
      dataset: "daily",
      time: "day",
      grain: "month",
    });
    const d = loadDataset(root, "daily");
    const seen: number[] = [];
    for await (const { batches } of scanPartitions(root, d, d.partitions, ["file_index"])) {
      for await (const t of batches) seen.push(...(t.column("file_index") as Float64Array));
    }
    assert.deepEqual(seen.sort((a, b) => a - b), rows.map((_, i) => i));
  });
});

Deno.test("scanPartitions refuses an unknown column and bad options before reading", async () => {
  await withRoot(async (root) => {
    const { d } = await twoFilesPerMonth(root);
    const first = (columns: string[], options: ScanPartitionsOptions) =>
      scanPartitions(root, d, d.partitions, columns, options).next();
    await assert.rejects(() => first(["x", "tenure"], {}), /has no column "tenure"/);
    await assert.rejects(() => first(["x"], { batchRows: 0 }), /batchRows/);
    await assert.rejects(() => first(["x"], { lookahead: -1 }), /lookahead/);
  });
});

Deno.test("a native scan here lets timers and I/O run while it reads", async () => {
  await withRoot(async (root) => {
    const parquet = join(root, "big.parquet");
    const db = await connectDuckdb();
    try {
      await db.run(
        `COPY (SELECT DATE '2020-01-01' + (range % 28)::INTEGER AS day, range::DOUBLE AS x
          FROM range(300000)) TO '${parquet}' (FORMAT parquet)`,
      );
    } finally {
      db.disconnectSync();
    }
    await importDataset(root, [parquet], { dataset: "big", time: "day", grain: "month" });
    const d = loadDataset(root, "big");
    let ticks = 0, rows = 0;
    const timer = setInterval(() => ticks++, 0);
    const t0 = performance.now();
    try {
      const options = { worker: false, native: true, recycle: true, batchRows: 4096 };
      for await (const { batches } of scanPartitions(root, d, d.partitions, ["x"], options)) {
        for await (const t of batches) {
          const x = t.column("x") as Float64Array;
          for (let i = 0; i < t.n; i++) rows += x[i]! >= 0 ? 1 : 0;
          // Scoring takes time: 74 batches × 5 ms make a scan of several slices.
          for (const until = performance.now() + 5; performance.now() < until;);
        }
      }
    } finally {
      clearInterval(timer);
    }
    const ms = performance.now() - t0;
    assert.equal(rows, 300_000);
    // Without pacing no timer fires until the scan ends; with it, about one every NATIVE_SLICE_MS.
    assert.ok(ms > 4 * NATIVE_SLICE_MS, `the scan took ${ms} ms`);
    assert.ok(ticks >= 2, `${ticks} timer ticks in a ${ms.toFixed(0)} ms scan`);
  });
});
