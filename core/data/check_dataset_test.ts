import assert from "node:assert/strict";
import { join } from "node:path";
import { dailyRows, withRoot, writeCsv } from "./_test_data.ts";
import { checkDataset } from "./check_dataset.ts";
import { datasetDir } from "./dataset.ts";
import { importDataset } from "./import_dataset.ts";
import { loadDataset } from "./load_dataset.ts";
import { scanPartition } from "./scan_partition.ts";

async function imported(root: string) {
  await importDataset(root, [writeCsv(root, "in.csv", dailyRows("2015-01-01", 90))], {
    dataset: "daily",
    time: "day",
    grain: "month",
  });
  return loadDataset(root, "daily");
}

Deno.test("a healthy dataset has no problems", async () => {
  await withRoot(async (root) => {
    assert.deepEqual(await checkDataset(root, await imported(root)), []);
  });
});

Deno.test("malformed partition folders and stray files are reported, and never read", async () => {
  await withRoot(async (root) => {
    const d = await imported(root);
    const dir = datasetDir(root, "daily");
    const stray = d.partitions[0]!.files[0]!;
    for (const folder of ["month=2024-13", "month=", "week=2015-W01", "month=2015-01-15"]) {
      Deno.mkdirSync(join(dir, folder));
      Deno.copyFileSync(join(dir, stray), join(dir, folder, "part-x.parquet"));
    }
    Deno.copyFileSync(join(dir, stray), join(dir, "month=2015-02", "part-unlisted.parquet"));
    Deno.writeTextFileSync(join(dir, "month=2015-02", "notes.txt"), "hi");
    Deno.writeTextFileSync(join(dir, "README"), "hi");
    const problems = await checkDataset(root, d);
    const by = (path: string) => problems.find((p) => p.path === path)?.message ?? "";
    assert.match(by("month=2024-13"), /malformed partition folder.*month 13 is not 01 to 12/);
    assert.match(by("month="), /malformed partition folder.*Invalid month label "": it is empty/);
    assert.match(by("week=2015-W01"), /the key "week" is not this dataset's \(month\)/);
    assert.match(by("month=2015-01-15"), /form of a month/);
    assert.match(by("month=2015-02/part-unlisted.parquet"), /not in dataset\.json/);
    assert.match(by("month=2015-02/notes.txt"), /not part of the dataset/);
    assert.match(by("README"), /not part of the dataset/);
    assert.equal(problems.length, 7, JSON.stringify(problems, null, 1));
    assert.ok(problems.every((p) => p.partition === undefined), "no partition fails");
    // readers read the listed files only
    let rows = 0;
    for (const p of d.partitions) {
      for await (const t of scanPartition(root, d, p, ["x"])) rows += t.n;
    }
    assert.equal(rows, 90);
  });
});

Deno.test("a zero-byte, truncated or missing file fails its partition, naming the file", async () => {
  await withRoot(async (root) => {
    const d = await imported(root);
    const dir = datasetDir(root, "daily");
    const [jan, feb, mar] = d.partitions.map((p) => p.files[0]!);
    Deno.writeFileSync(join(dir, jan!), new Uint8Array());
    const bytes = Deno.readFileSync(join(dir, feb!));
    Deno.writeFileSync(join(dir, feb!), bytes.subarray(0, bytes.length - 5));
    Deno.removeSync(join(dir, mar!));
    const problems = await checkDataset(root, d);
    assert.deepEqual(problems.map((p) => [p.partition, p.path]), [
      ["2015-03", mar],
      ["2015-01", jan],
      ["2015-02", feb],
    ]);
    assert.match(problems[0]!.message, /partition 2015-03 failed: the file is missing/);
    assert.match(
      problems[1]!.message,
      /partition 2015-01 failed: the file is unreadable \(.*too small/,
    );
    assert.match(problems[2]!.message, /partition 2015-02 failed: the file is unreadable/);
  });
});
