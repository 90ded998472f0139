import assert from "node:assert/strict";
import { join } from "node:path";
import { RatchetError } from "../errors/mod.ts";
import { dailyRows, withRoot, writeCsv } from "./_test_data.ts";
import { datasetDir } from "./dataset.ts";
import { importDataset } from "./import_dataset.ts";
import { listDatasets, loadDataset } from "./load_dataset.ts";

Deno.test("an unknown dataset is not_found, listing the datasets there are", async () => {
  await withRoot(async (root) => {
    assert.throws(() => loadDataset(root, "sales"), /No dataset named sales .*import one with/);
    const csv = writeCsv(root, "in.csv", dailyRows("2015-01-01", 3));
    for (const name of ["zeta", "alpha"]) {
      await importDataset(root, [csv], { dataset: name, time: "day", grain: "year" });
    }
    Deno.mkdirSync(join(root, "data", "samples")); // a folder without dataset.json is not a dataset
    assert.throws(() => loadDataset(root, "sales"), (e: unknown) => {
      assert.ok(e instanceof RatchetError && e.kind === "not_found", String(e));
      assert.match(e.message, /No dataset named sales in .*; datasets here: alpha, zeta$/);
      return true;
    });
    assert.deepEqual(listDatasets(root).map((d) => d.name), ["alpha", "zeta"]);
    assert.throws(
      () => loadDataset(root, "a/b"),
      /Invalid dataset name "a\/b": it contains a path separator/,
    );
  });
});

Deno.test("a descriptor whose name is not its folder's is refused", async () => {
  await withRoot(async (root) => {
    const csv = writeCsv(root, "in.csv", dailyRows("2015-01-01", 3));
    await importDataset(root, [csv], { dataset: "alpha", time: "day", grain: "year" });
    Deno.renameSync(datasetDir(root, "alpha"), datasetDir(root, "beta"));
    assert.throws(
      () => loadDataset(root, "beta"),
      /names the dataset "alpha", but its folder is beta/,
    );
  });
});

Deno.test("a dataset with no partitions loads and lists as empty", () => {
  const root = Deno.makeTempDirSync();
  try {
    const dir = datasetDir(root, "empty");
    Deno.mkdirSync(dir, { recursive: true });
    Deno.writeTextFileSync(
      join(dir, "dataset.json"),
      JSON.stringify({
        format: "ratchet.dataset/v1",
        name: "empty",
        time: "day",
        grain: "month",
        key: "month",
        columns: [{ name: "day", type: "date" }],
        partitions: [],
        history: [],
      }),
    );
    assert.deepEqual(loadDataset(root, "empty").partitions, []);
    assert.equal(listDatasets(root).length, 1);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});
