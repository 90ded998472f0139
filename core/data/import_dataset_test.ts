import assert from "node:assert/strict";
import { join } from "node:path";
import { RatchetError } from "../errors/mod.ts";
import { dailyRows, filesUnder, withRoot, writeCsv, writeJson, writeJsonl } from "./_test_data.ts";
import { datasetDir } from "./dataset.ts";
import { duckdb } from "./duckdb.ts";
import { importDataset } from "./import_dataset.ts";
import { loadDataset } from "./load_dataset.ts";
import { partitionLabel } from "./partition_label.ts";
import { partitionSql } from "./partition_sql.ts";

const month = { dataset: "daily", time: "day", grain: "month" } as const;

function refused(message: RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof RatchetError, String(e));
    assert.match(e.message, message);
    return true;
  };
}

/** Rows per month label, counted from the generated rows. */
function monthCounts(rows: { day: string | null }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    const label = partitionLabel(new Date(String(r.day)), "month");
    out.set(label, (out.get(label) ?? 0) + 1);
  }
  return out;
}

Deno.test("a first import writes one Parquet folder per partition and a descriptor listing exactly those files", async () => {
  await withRoot(async (root) => {
    const rows = dailyRows("2015-01-15", 80);
    const csv = writeCsv(root, "in.csv", rows);
    const now = new Date("2026-02-01T10:00:00Z");
    const result = await importDataset(root, [csv], { ...month, now });
    assert.equal(result.action, "import");
    assert.equal(result.rows, 80);
    const d = loadDataset(root, "daily");
    const counts = monthCounts(rows);
    assert.deepEqual(d.partitions.map((p) => [p.label, p.rows]), [...counts.entries()]);
    assert.deepEqual(d.columns, [
      { name: "day", type: "date" },
      { name: "x", type: "number" },
      { name: "kind", type: "string" },
      { name: "flag", type: "boolean" },
      { name: "at", type: "timestamp" },
    ]);
    assert.equal(d.key, "month");
    assert.deepEqual(d.history, [{
      date: now.toISOString(),
      action: "import",
      partitions: [...counts.keys()],
      rows: 80,
      source: [csv],
    }]);
    const onDisk = filesUnder(datasetDir(root, "daily"));
    assert.deepEqual(onDisk, ["dataset.json", ...d.partitions.flatMap((p) => p.files)].sort());
    for (const p of d.partitions) {
      for (const f of p.files) {
        assert.match(f, new RegExp(`^month=${p.label}/part-[0-9a-f-]{36}\\.parquet$`));
      }
    }
    // the files hold the rows, and the key is not a column in them
    const db = await duckdb();
    const p = d.partitions[1]!;
    const got = (await db.runAndReadAll(
      `SELECT count(*) AS n, count(x) AS xs FROM ${partitionSql(d, p, datasetDir(root, "daily"))}`,
    )).getRowObjectsJson()[0]!;
    const inMonth = rows.filter((r) => String(r.day).startsWith(p.label));
    assert.equal(Number(got.n), inMonth.length);
    assert.equal(Number(got.xs), inMonth.filter((r) => r.x !== null).length);
  });
});

Deno.test("appending adds files to partitions; --replace swaps them and deletes the old files after the descriptor", async () => {
  await withRoot(async (root) => {
    const first = dailyRows("2015-01-01", 59, 1); // January and February
    const second = dailyRows("2015-02-01", 59, 2); // February and March
    await importDataset(root, [writeCsv(root, "a.csv", first)], month);
    const before = loadDataset(root, "daily");
    const appended = await importDataset(root, [writeCsv(root, "b.csv", second)], {
      dataset: "daily",
    });
    assert.equal(appended.action, "append");
    assert.deepEqual(appended.partitions.map((p) => p.change), ["appended", "new"]);
    const after = loadDataset(root, "daily");
    const feb = (d: typeof after) => d.partitions.find((p) => p.label === "2015-02")!;
    assert.equal(feb(after).rows, 28 + 28);
    assert.deepEqual(feb(after).files.slice(0, 1), feb(before).files);
    assert.equal(JSON.stringify(after.partitions[0]), JSON.stringify(before.partitions[0]));

    const replaced = await importDataset(root, [writeCsv(root, "c.csv", second)], {
      dataset: "daily",
      replace: true,
    });
    assert.equal(replaced.action, "replace");
    assert.deepEqual(replaced.partitions.map((p) => p.change), ["replaced", "replaced"]);
    const last = loadDataset(root, "daily");
    assert.equal(feb(last).rows, 28);
    assert.equal(feb(last).files.length, 1);
    assert.ok(!feb(after).files.includes(feb(last).files[0]!));
    const onDisk = filesUnder(datasetDir(root, "daily"));
    for (const gone of feb(after).files) assert.ok(!onDisk.includes(gone), gone);
    assert.deepEqual(last.history.map((h) => h.action), ["import", "append", "replace"]);
    assert.equal(last.partitions[0]!.rows, 31);
  });
});

Deno.test("CSV, JSON arrays, JSON Lines and Parquet inputs import alike", async () => {
  await withRoot(async (root) => {
    const rows = dailyRows("2016-12-20", 20);
    await importDataset(root, [writeCsv(root, "a.csv", rows)], { ...month, dataset: "csv" });
    await importDataset(root, [writeJson(root, "a.json", rows)], { ...month, dataset: "json" });
    await importDataset(root, [writeJsonl(root, "a.jsonl", rows)], { ...month, dataset: "jsonl" });
    const parquet = join(root, "a.parquet");
    await (await duckdb()).run(
      `COPY (SELECT * FROM read_csv('${
        join(root, "a.csv")
      }', header = true)) TO '${parquet}' (FORMAT parquet)`,
    );
    await importDataset(root, [parquet], { ...month, dataset: "parquet" });
    const shapes = ["csv", "json", "jsonl", "parquet"].map((name) => {
      const d = loadDataset(root, name);
      return JSON.stringify([d.columns, d.partitions.map((p) => [p.label, p.rows])]);
    });
    assert.equal(new Set(shapes).size, 1, shapes.join("\n"));
  });
});

Deno.test("a schema change is refused, listing columns added, missing and retyped; nothing is written", async () => {
  await withRoot(async (root) => {
    const rows = dailyRows("2015-01-01", 40);
    await importDataset(root, [writeCsv(root, "a.csv", rows)], month);
    const before = Deno.readTextFileSync(join(datasetDir(root, "daily"), "dataset.json"));
    const changed = rows.map((r) => ({
      day: r.day,
      x: `v${r.x}`,
      flag: r.flag,
      at: r.at,
      extra: 1,
    }));
    await assert.rejects(
      () => importDataset(root, [writeCsv(root, "b.csv", changed)], { dataset: "daily" }),
      refused(
        /b\.csv into daily: its columns differ from the dataset's: column x changed type: number → string; missing column kind \(string\); added column extra \(number\)/,
      ),
    );
    assert.equal(Deno.readTextFileSync(join(datasetDir(root, "daily"), "dataset.json")), before);
    // a column whose values are all missing fits the dataset's type
    const blank = rows.map((r) => ({ ...r, x: null }));
    await importDataset(root, [writeCsv(root, "c.csv", blank)], {
      dataset: "daily",
      replace: true,
    });
    assert.equal(loadDataset(root, "daily").columns[1]!.type, "number");
  });
});

Deno.test("files of one import must agree with each other too", async () => {
  await withRoot(async (root) => {
    const rows = dailyRows("2015-01-01", 10);
    const a = writeCsv(root, "a.csv", rows);
    const b = writeCsv(root, "b.csv", rows, ["day", "x"]);
    await assert.rejects(
      () => importDataset(root, [a, b], month),
      refused(
        /b\.csv into daily: its columns differ from those of the first file: missing column kind/,
      ),
    );
    assert.throws(() => loadDataset(root, "daily"), /No dataset named daily/);
  });
});

Deno.test("an import of no rows is refused as empty", async () => {
  await withRoot(async (root) => {
    const header = join(root, "header.csv");
    Deno.writeTextFileSync(header, "day,x\n");
    await assert.rejects(
      () => importDataset(root, [header], month),
      refused(/is empty \(no rows\)/),
    );
    const zero = join(root, "zero.csv");
    Deno.writeTextFileSync(zero, "");
    await assert.rejects(
      () => importDataset(root, [zero], month),
      refused(/zero\.csv is empty \(0 bytes\)/),
    );
    assert.deepEqual([...Deno.readDirSync(join(root, "data"))], []);
  });
});

Deno.test("rows without a time, or with text that is not one, are refused with their count and an example", async () => {
  await withRoot(async (root) => {
    const rows = dailyRows("2015-01-01", 30);
    rows[4]!.day = null;
    rows[9]!.day = null;
    await assert.rejects(
      () => importDataset(root, [writeCsv(root, "a.csv", rows)], month),
      refused(/2 rows of .*a\.csv have no value in the time column day, e\.g\. \{"day":null,"x":/),
    );
    const text = dailyRows("2015-01-01", 30).map((r) => ({ ...r, day: r.at }));
    text[7]!.day = "yesterday";
    await assert.rejects(
      () => importDataset(root, [writeJsonl(root, "b.jsonl", text)], month),
      refused(
        /1 row of .*b\.jsonl has a value that is not a date or timestamp in the time column day, e\.g\. .*"yesterday"/,
      ),
    );
    await assert.rejects(
      () =>
        importDataset(root, [writeCsv(root, "c.csv", dailyRows("2015-01-01", 3))], {
          ...month,
          time: "when",
        }),
      refused(/has no time column "when"; its columns are day, x, kind, flag, at/),
    );
    await assert.rejects(
      () =>
        importDataset(root, [writeCsv(root, "d.csv", dailyRows("2015-01-01", 3))], {
          ...month,
          time: "x",
        }),
      refused(/Time column x of .* is DOUBLE: expected dates or timestamps/),
    );
  });
});

Deno.test("ISO timestamps with offsets are stored in UTC and partitioned by their UTC time", async () => {
  await withRoot(async (root) => {
    const rows = [
      { at: "2015-03-31T23:30:00-02:00", v: 1 }, // 2015-04-01T01:30Z
      { at: "2015-03-31T23:30:00Z", v: 2 },
      { at: "2015-04-01T00:30:00+02:00", v: 3 }, // 2015-03-31T22:30Z
    ];
    await importDataset(root, [writeJsonl(root, "t.jsonl", rows)], {
      dataset: "t",
      time: "at",
      grain: "day",
    });
    const d = loadDataset(root, "t");
    assert.equal(d.columns[0]!.type, "timestamp");
    const expected = new Map<string, number>();
    for (const r of rows) {
      const label = partitionLabel(new Date(r.at), "day");
      expected.set(label, (expected.get(label) ?? 0) + 1);
    }
    assert.deepEqual(d.partitions.map((p) => [p.label, p.rows]), [...expected.entries()].sort());
  });
});

Deno.test("an existing dataset keeps its time column and grain", async () => {
  await withRoot(async (root) => {
    const csv = writeCsv(root, "a.csv", dailyRows("2015-01-01", 5));
    await importDataset(root, [csv], month);
    await assert.rejects(
      () => importDataset(root, [csv], { dataset: "daily", grain: "week" }),
      refused(/partitioned by month, not week/),
    );
    await assert.rejects(
      () => importDataset(root, [csv], { dataset: "daily", time: "at" }),
      refused(/partitioned by its column day, not at/),
    );
    await assert.rejects(
      () => importDataset(root, [csv], { dataset: "new" }),
      refused(/is new: give its time column and grain/),
    );
    await assert.rejects(
      () => importDataset(root, [csv], { ...month, dataset: "../x" }),
      refused(/Invalid dataset name/),
    );
    await assert.rejects(
      () => importDataset(root, [join(root, "nope.csv")], month),
      refused(/nope\.csv does not exist/),
    );
    await assert.rejects(
      () => importDataset(root, [join(root, "a.xlsx")], month),
      refused(/unknown file type/),
    );
  });
});

Deno.test("replaceFiles swaps named files for the input's, keeps the partition's others, and refuses a file it does not list", async () => {
  await withRoot(async (root) => {
    await importDataset(root, [writeCsv(root, "a.csv", dailyRows("2015-02-01", 10, 1))], month);
    await importDataset(root, [writeCsv(root, "b.csv", dailyRows("2015-02-11", 10, 2))], {
      dataset: "daily",
    });
    await importDataset(root, [writeCsv(root, "c.csv", dailyRows("2015-02-21", 8, 3))], {
      dataset: "daily",
    });
    const before = loadDataset(root, "daily").partitions[0]!;
    assert.equal(before.files.length, 3);
    const [keep, ...merge] = before.files as [string, ...string[]];
    const dir = datasetDir(root, "daily");
    const from = `read_parquet([${
      merge.map((f) => `'${join(dir, f)}'`).join(", ")
    }], hive_partitioning = false)`;
    const result = await importDataset(root, [{ name: "a compaction", from }], {
      dataset: "daily",
      replaceFiles: merge,
    });
    assert.equal(result.action, "replace");
    const after = loadDataset(root, "daily").partitions[0]!;
    assert.equal(after.rows, 28);
    assert.equal(after.files.length, 2);
    assert.equal(after.files[0], keep);
    const onDisk = filesUnder(dir);
    for (const gone of merge) assert.ok(!onDisk.includes(gone), gone);
    const db = await duckdb();
    const all = (await db.runAndReadAll(
      `SELECT count(DISTINCT day) AS days FROM read_parquet([${
        after.files.map((f) => `'${join(dir, f)}'`).join(", ")
      }])`,
    )).getRowObjectsJson();
    assert.equal(Number(all[0]!.days), 28);

    await assert.rejects(
      importDataset(root, [{
        name: "a stale compaction",
        from: `read_parquet('${join(dir, keep)}', hive_partitioning = false)`,
      }], {
        dataset: "daily",
        replaceFiles: merge,
      }),
      (e) =>
        e instanceof RatchetError && /not a file of a partition this import writes/.test(e.message),
    );
    assert.deepEqual(loadDataset(root, "daily").partitions[0]!.files, after.files);
    assert.deepEqual(
      filesUnder(dir).filter((f) => f.endsWith(".parquet")).sort(),
      [...after.files].sort(),
    );
  });
});

Deno.test("rows known to span one partition go to one file there, unlabelled; a span across partitions is split by row; snappy on request", async () => {
  await withRoot(async (root) => {
    const db = await duckdb();
    await db.run(
      `CREATE OR REPLACE TABLE span_rows AS SELECT TIMESTAMP '2015-03-01 00:00:00' + ` +
        `to_hours(i * 6) AS at, i::DOUBLE AS x FROM range(8) r(i)`, // 2015-03-01 to 03-02 18:00
    );
    const columns = [
      { name: "at", duckdbType: "TIMESTAMP", type: "timestamp", empty: false },
      { name: "x", duckdbType: "DOUBLE", type: "number", empty: false },
    ] as const;
    const rowsOf = (where: string, span: [string, string]) => ({
      name: "known rows",
      from: `(SELECT * FROM span_rows WHERE ${where})`,
      known: {
        columns: columns.map((c) => ({ ...c })),
        rows: 4,
        span: { first: new Date(span[0]), last: new Date(span[1]) },
      },
    });
    const options = { dataset: "spans", time: "at", grain: "day", compression: "snappy" } as const;
    const one = await importDataset(
      root,
      [rowsOf(`"at" < DATE '2015-03-02'`, ["2015-03-01T00:00:00Z", "2015-03-01T18:00:00Z"])],
      options,
    );
    assert.deepEqual(one.partitions.map((p) => [p.label, p.rows]), [["2015-03-01", 4]]);
    // The second half, said to span two days (a wider span than the rows hold), is labelled row by row.
    const two = await importDataset(
      root,
      [rowsOf(`"at" >= DATE '2015-03-02'`, ["2015-03-01T23:00:00Z", "2015-03-02T18:00:00Z"])],
      { dataset: "spans", compression: "zstd" },
    );
    assert.deepEqual(two.partitions.map((p) => [p.label, p.rows]), [["2015-03-02", 4]]);
    const d = loadDataset(root, "spans");
    assert.deepEqual(d.partitions.map((p) => [p.label, p.rows, p.files.length]), [
      ["2015-03-01", 4, 1],
      ["2015-03-02", 4, 1],
    ]);
    const dir = datasetDir(root, "spans");
    const codecs = (await db.runAndReadAll(
      `SELECT DISTINCT regexp_extract(file_name, 'day=([0-9-]+)', 1) AS day, compression ` +
        `FROM parquet_metadata([${
          d.partitions.map((p) => `'${join(dir, p.files[0]!)}'`).join(", ")
        }]) ORDER BY day`,
    )).getRowObjectsJson();
    assert.deepEqual(codecs.map((r) => [r.day, r.compression]), [
      ["2015-03-01", "SNAPPY"],
      ["2015-03-02", "ZSTD"],
    ]);
    const back = (await db.runAndReadAll(
      `SELECT count(*) AS n, sum(x) AS s FROM ${partitionSql(d, d.partitions[0]!, dir)}`,
    )).getRowObjectsJson();
    assert.deepEqual([Number(back[0]!.n), Number(back[0]!.s)], [4, 0 + 1 + 2 + 3]);
    // What a program says it knows is not checked again (as with its columns and count): rows
    // of two days said to span one are written to that one, unlabelled, in one file.
    await importDataset(
      root,
      [rowsOf(`x BETWEEN 2 AND 5`, ["2015-03-01T12:00:00Z", "2015-03-01T18:00:00Z"])],
      { dataset: "spans" },
    );
    const trusted = loadDataset(root, "spans").partitions;
    assert.deepEqual(trusted.map((p) => [p.label, p.rows, p.files.length]), [
      ["2015-03-01", 8, 2],
      ["2015-03-02", 4, 1],
    ]);
    // A span no label covers (an end past the year 9999, or no date at all) is no knowledge:
    // the rows are labelled one by one.
    for (const end of ["+010000-01-01T00:00:00Z", "not a date"]) {
      const far = await importDataset(
        root,
        [rowsOf(`x BETWEEN 3 AND 6`, ["2015-03-01T00:00:00Z", end])],
        { dataset: "spans" },
      );
      assert.deepEqual(far.partitions.map((p) => [p.label, p.rows]), [
        ["2015-03-01", 1],
        ["2015-03-02", 3],
      ], end);
    }
  });
});
