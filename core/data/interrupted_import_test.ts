import assert from "node:assert/strict";
import { hostname } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { RatchetError } from "../errors/mod.ts";
import { dailyRows, filesUnder, withRoot, writeCsv } from "./_test_data.ts";
import { checkDataset } from "./check_dataset.ts";
import { type DatasetDescriptor, datasetDir } from "./dataset.ts";
import { importDataset } from "./import_dataset.ts";
import { LOCK_FILE } from "./import_lock.ts";
import { loadDataset } from "./load_dataset.ts";
import { scanPartition } from "./scan_partition.ts";

const CONFIG = fileURLToPath(new URL("../../deno.json", import.meta.url));
const IMPORT = new URL("./import_dataset.ts", import.meta.url).href;

async function columnX(root: string, d: DatasetDescriptor): Promise<number[]> {
  const out: number[] = [];
  for (const p of d.partitions) {
    for await (const t of scanPartition(root, d, p, ["x"])) {
      out.push(...(t.column("x") as Float64Array));
    }
  }
  return out;
}

/** The dataset's files on disk (not counting dataset.json). */
function dataFiles(root: string): string[] {
  return filesUnder(datasetDir(root, "daily")).filter((f) => f !== "dataset.json");
}

Deno.test("an import that fails before its descriptor is written leaves the earlier partitions as they were, and no new files", async () => {
  await withRoot(async (root) => {
    const first = dailyRows("2015-01-01", 45, 1);
    await importDataset(root, [writeCsv(root, "a.csv", first)], {
      dataset: "daily",
      time: "day",
      grain: "month",
    });
    const before = Deno.readTextFileSync(join(datasetDir(root, "daily"), "dataset.json"));
    const filesBefore = dataFiles(root);
    const xBefore = await columnX(root, loadDataset(root, "daily"));
    let placed: string[] = [];
    await assert.rejects(
      () =>
        importDataset(root, [writeCsv(root, "b.csv", dailyRows("2015-02-01", 40, 2))], {
          dataset: "daily",
          replace: true,
          beforeCommit: () => {
            placed = dataFiles(root);
            throw new Error("disk full");
          },
        }),
      /disk full/,
    );
    assert.ok(placed.length > filesBefore.length, "the new files were in place when it failed");
    assert.equal(Deno.readTextFileSync(join(datasetDir(root, "daily"), "dataset.json")), before);
    assert.deepEqual(dataFiles(root), filesBefore);
    assert.deepEqual(await columnX(root, loadDataset(root, "daily")), xBefore);
    const expected = first.map((r) => r.x ?? NaN);
    assert.deepEqual(xBefore, expected);
  });
});

Deno.test("an import killed after placing its files: readers see the earlier partitions, show reports the leftovers, the next import removes them", async () => {
  await withRoot(async (root) => {
    const first = dailyRows("2015-01-01", 45, 1);
    await importDataset(root, [writeCsv(root, "a.csv", first)], {
      dataset: "daily",
      time: "day",
      grain: "month",
    });
    const before = Deno.readTextFileSync(join(datasetDir(root, "daily"), "dataset.json"));
    const filesBefore = dataFiles(root);
    const script = join(root, "killed_import.ts");
    const second = writeCsv(root, "b.csv", dailyRows("2015-02-01", 40, 2));
    Deno.writeTextFileSync(
      script,
      `import { importDataset } from ${JSON.stringify(IMPORT)};
await importDataset(${JSON.stringify(root)}, [${JSON.stringify(second)}], {
  dataset: "daily",
  beforeCommit: () => Deno.kill(Deno.pid, "SIGKILL"),
});
console.log("not killed");`,
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--config", CONFIG, script],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(out.signal, "SIGKILL", new TextDecoder().decode(out.stderr));
    assert.equal(Deno.readTextFileSync(join(datasetDir(root, "daily"), "dataset.json")), before);
    const leftovers = dataFiles(root).filter((f) => !filesBefore.includes(f));
    assert.ok(leftovers.includes(LOCK_FILE), leftovers.join());
    assert.ok(leftovers.some((f) => /^month=2015-03\/part-.*\.parquet$/.test(f)), leftovers.join());

    const d = loadDataset(root, "daily");
    assert.deepEqual(await columnX(root, d), first.map((r) => r.x ?? NaN));
    const problems = await checkDataset(root, d);
    const unlisted = leftovers.filter((f) => f.endsWith(".parquet"));
    for (const f of unlisted) {
      assert.ok(
        problems.some((p) =>
          p.path === f && /not in dataset\.json \(left by an interrupted import\)/.test(p.message)
        ),
        `${f}: ${JSON.stringify(problems)}`,
      );
    }
    const staging = [...Deno.readDirSync(datasetDir(root, "daily"))].map((e) => e.name)
      .filter((name) => name.startsWith(".staging-"));
    assert.equal(staging.length, 1);
    assert.ok(problems.some((p) => p.path === staging[0] && /interrupted import/.test(p.message)));
    assert.ok(problems.every((p) => p.partition === undefined), "no partition fails");

    const next = await importDataset(root, [second], { dataset: "daily" });
    assert.deepEqual(next.cleaned.sort(), [...staging, ...unlisted].sort());
    const after = loadDataset(root, "daily");
    assert.deepEqual(dataFiles(root), after.partitions.flatMap((p) => p.files).sort());
    assert.deepEqual(await checkDataset(root, after), []);
  });
});

Deno.test("an import waits for no one: a lock held by a running process is a conflict naming it", async () => {
  await withRoot(async (root) => {
    const csv = writeCsv(root, "a.csv", dailyRows("2015-01-01", 5));
    await importDataset(root, [csv], { dataset: "daily", time: "day", grain: "month" });
    const lock = join(datasetDir(root, "daily"), LOCK_FILE);
    Deno.writeTextFileSync(
      lock,
      JSON.stringify({ pid: 1, host: hostname(), since: "2026-01-01T00:00:00Z" }),
    );
    await assert.rejects(() => importDataset(root, [csv], { dataset: "daily" }), (e: unknown) => {
      assert.ok(e instanceof RatchetError && e.kind === "conflict", String(e));
      assert.match(e.message, /another import is running \(process 1 on /);
      return true;
    });
    assert.ok(Deno.statSync(lock).isFile, "someone else's lock is left alone");
  });
});
