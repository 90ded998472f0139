import assert from "node:assert/strict";
import { join } from "node:path";
import { RatchetError } from "../errors/mod.ts";
import type { Table } from "../table/mod.ts";
import { dailyRows, withRoot, writeCsv } from "./_test_data.ts";
import { type DatasetDescriptor, datasetDir } from "./dataset.ts";
import { saveDataset } from "./dataset_file.ts";
import { importDataset } from "./import_dataset.ts";
import { loadDataset } from "./load_dataset.ts";
import { scanPartition } from "./scan_partition.ts";

async function collect(
  root: string,
  d: DatasetDescriptor,
  label: string,
  columns: string[],
  batchRows?: number,
): Promise<Table[]> {
  const p = d.partitions.find((x) => x.label === label)!;
  const out: Table[] = [];
  for await (const t of scanPartition(root, d, p, columns, batchRows ? { batchRows } : {})) {
    out.push(t);
  }
  return out;
}

function refused(...fragments: string[]) {
  return (e: unknown) => {
    assert.ok(e instanceof RatchetError, String(e));
    for (const f of fragments) assert.ok(e.message.includes(f), `${e.message} lacks ${f}`);
    return true;
  };
}

Deno.test("scanPartition gives back what was imported: numbers as Float64Array (NaN when missing), text, booleans, ISO dates and times", async () => {
  await withRoot(async (root) => {
    const rows = dailyRows("2015-01-01", 90);
    await importDataset(root, [writeCsv(root, "in.csv", rows)], {
      dataset: "daily",
      time: "day",
      grain: "month",
    });
    const d = loadDataset(root, "daily");
    const byDay = new Map(rows.map((r) => [r.day, r]));
    let seen = 0;
    for (const p of d.partitions) {
      const tables = await collect(root, d, p.label, ["day", "x", "kind", "flag", "at"], 10);
      const sizes = tables.map((t) => t.n);
      assert.deepEqual(sizes.slice(0, -1), sizes.slice(0, -1).map(() => 10));
      assert.equal(sizes.reduce((a, b) => a + b, 0), p.rows);
      let offset = 0;
      for (const t of tables) {
        assert.equal(t.textual, false);
        assert.ok(t.column("x") instanceof Float64Array);
        assert.equal(t.rowLabel(0), `${p.label} row ${offset + 1}`);
        for (let i = 0; i < t.n; i++) {
          const day = t.column("day")![i] as string;
          const want = byDay.get(day)!;
          assert.ok(want, day);
          assert.ok(day.startsWith(p.label));
          const x = (t.column("x") as Float64Array)[i]!;
          if (want.x === null) assert.ok(Number.isNaN(x), `${day}: ${x}`);
          else assert.equal(x, want.x);
          assert.equal(t.column("kind")![i], want.kind);
          assert.equal(t.column("flag")![i], want.flag);
          assert.equal(t.column("at")![i], new Date(want.at).toISOString());
          seen++;
        }
        offset += t.n;
      }
    }
    assert.equal(seen, rows.length);
  });
});

Deno.test("scanPartition gathers DuckDB's chunks into batches of batchRows, splitting chunks where needed", async () => {
  await withRoot(async (root) => {
    const t0 = Date.parse("2015-01-01T00:00:00Z");
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      at: new Date(t0 + i * 60_000).toISOString(),
      v: i % 1000 === 0 ? null : i / 2,
    }));
    await importDataset(root, [writeCsv(root, "in.csv", rows)], {
      dataset: "m",
      time: "at",
      grain: "month",
    });
    const d = loadDataset(root, "m");
    assert.deepEqual(d.partitions.map((p) => [p.label, p.rows]), [["2015-01", 10_000]]);
    for (const size of [4096, 3000, 2048, 2500]) {
      const tables = await collect(root, d, "2015-01", ["v"], size);
      assert.deepEqual(
        tables.map((t) => t.n),
        Array.from(
          { length: Math.ceil(10_000 / size) },
          (_, k) => Math.min(size, 10_000 - k * size),
        ),
      );
      const got = tables.flatMap((t) => [...(t.column("v") as Float64Array)]);
      const want = rows.map((r) => r.v ?? NaN);
      const key = (a: number, b: number) => (Number.isNaN(a) ? -1 : a) - (Number.isNaN(b) ? -1 : b);
      assert.deepEqual(got.sort(key), want.sort(key));
    }
    const [first] = await collect(root, d, "2015-01", ["v"]);
    assert.equal(first!.n, 10_000, "the default batch holds 65536 rows");
  });
});

Deno.test("scans of two partitions can interleave, and a scan left early does not disturb the next", async () => {
  await withRoot(async (root) => {
    await importDataset(root, [writeCsv(root, "in.csv", dailyRows("2015-01-01", 59))], {
      dataset: "daily",
      time: "day",
      grain: "month",
    });
    const d = loadDataset(root, "daily");
    const a = scanPartition(root, d, d.partitions[0]!, ["x"], { batchRows: 5 });
    const b = scanPartition(root, d, d.partitions[1]!, ["x"], { batchRows: 5 });
    let rowsA = 0, rowsB = 0;
    for (;;) {
      const [x, y] = await Promise.all([a.next(), b.next()]);
      if (!x.done) rowsA += x.value.n;
      if (!y.done) rowsB += y.value.n;
      if (x.done && y.done) break;
    }
    assert.deepEqual([rowsA, rowsB], [31, 28]);
    for await (const _ of scanPartition(root, d, d.partitions[0]!, ["x"], { batchRows: 3 })) break;
    assert.equal((await collect(root, d, "2015-01", ["x"])).reduce((s, t) => s + t.n, 0), 31);
  });
});

Deno.test("a column the dataset lacks (a feature a model needs) is an error naming it, the dataset and its columns", async () => {
  await withRoot(async (root) => {
    await importDataset(root, [writeCsv(root, "in.csv", dailyRows("2015-01-01", 5))], {
      dataset: "daily",
      time: "day",
      grain: "month",
    });
    const d = loadDataset(root, "daily");
    await assert.rejects(
      () => collect(root, d, "2015-01", ["x", "tenure"]),
      refused('Dataset daily has no column "tenure"', "its columns are day, x, kind, flag, at"),
    );
    await assert.rejects(() => collect(root, d, "2015-01", ["x"], 0.5), refused("batchRows"));
  });
});

Deno.test("a zero-byte, truncated or missing file fails its partition only, naming the file", async () => {
  await withRoot(async (root) => {
    await importDataset(root, [writeCsv(root, "in.csv", dailyRows("2015-01-01", 120))], {
      dataset: "daily",
      time: "day",
      grain: "month",
    });
    const d = loadDataset(root, "daily");
    const dir = datasetDir(root, "daily");
    const [jan, feb, mar, apr] = d.partitions;
    Deno.writeFileSync(join(dir, jan!.files[0]!), new Uint8Array());
    const bytes = Deno.readFileSync(join(dir, feb!.files[0]!));
    Deno.writeFileSync(join(dir, feb!.files[0]!), bytes.subarray(0, bytes.length >> 1));
    Deno.removeSync(join(dir, mar!.files[0]!));
    await assert.rejects(
      () => collect(root, d, jan!.label, ["x"]),
      refused(
        `Cannot read partition 2015-01 of dataset daily: file ${jan!.files[0]} is unreadable`,
        "too small",
      ),
    );
    await assert.rejects(
      () => collect(root, d, feb!.label, ["x"]),
      refused(
        `Cannot read partition 2015-02 of dataset daily: file ${feb!.files[0]} is unreadable`,
      ),
    );
    await assert.rejects(
      () => collect(root, d, mar!.label, ["x"]),
      refused(`file ${mar!.files[0]} is unreadable`),
    );
    const ok = await collect(root, d, apr!.label, ["x"]);
    assert.equal(ok.reduce((s, t) => s + t.n, 0), apr!.rows);
  });
});

Deno.test("files that hold another row count than the descriptor says fail the partition", async () => {
  await withRoot(async (root) => {
    await importDataset(root, [writeCsv(root, "in.csv", dailyRows("2015-01-01", 40))], {
      dataset: "daily",
      time: "day",
      grain: "month",
    });
    const d = loadDataset(root, "daily");
    d.partitions[0]!.rows = 30;
    saveDataset(datasetDir(root, "daily"), d);
    await assert.rejects(
      () => collect(root, loadDataset(root, "daily"), "2015-01", ["x"]),
      refused(
        "Partition 2015-01 of dataset daily has 31 rows in its files, but dataset.json says 30",
      ),
    );
  });
});
