import assert from "node:assert/strict";
import { RatchetError } from "../errors/mod.ts";
import type { DatasetDescriptor } from "./dataset.ts";
import { parseDataset, readDataset, saveDataset, validateDataset } from "./dataset_file.ts";

function descriptor(): DatasetDescriptor {
  const p = (label: string) => ({
    label,
    rows: 3,
    files: [`month=${label}/part-${label}.parquet`],
    imported: "2026-01-01T00:00:00.000Z",
  });
  return {
    format: "ratchet.dataset/v1",
    name: "s",
    time: "date",
    grain: "month",
    key: "month",
    columns: [{ name: "date", type: "date" }, { name: "x", type: "number" }],
    partitions: [p("2015-01"), p("2015-02")],
    history: [{
      date: "2026-01-01T00:00:00.000Z",
      action: "import",
      partitions: ["2015-01", "2015-02"],
      rows: 6,
      source: ["in.csv"],
    }],
  };
}

function refused(change: (d: DatasetDescriptor) => unknown, ...fragments: string[]) {
  const d = descriptor();
  const changed = change(d) ?? d;
  assert.throws(() => validateDataset(changed, "s/dataset.json"), (e: unknown) => {
    assert.ok(e instanceof RatchetError && e.kind === "invalid", String(e));
    for (const f of ["Invalid dataset s/dataset.json", ...fragments]) {
      assert.ok(e.message.includes(f), `${e.message} lacks ${f}`);
    }
    return true;
  });
}

Deno.test("a valid descriptor round-trips through dataset.json", () => {
  const dir = Deno.makeTempDirSync();
  try {
    saveDataset(dir, descriptor());
    assert.deepEqual(readDataset(dir), descriptor());
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("descriptors are refused with the JSON path of what is wrong", () => {
  refused((d) => void (d.key = "week"), '$.key: expected "month"');
  refused((d) => void (d.grain = "fortnight" as never), "$.grain");
  refused((d) => void (d.partitions[1]!.label = "2015-13"), "$.partitions[1].label", '"2015-13"');
  refused(
    (d) => void d.partitions.reverse(),
    "$.partitions[1].label: 2015-01 is out of order after 2015-02",
  );
  refused(
    (d) => void (d.partitions[1]!.files = ["month=2015-01/part-2015-02.parquet"]),
    "$.partitions[1].files[0]: month=2015-01/part-2015-02.parquet is outside month=2015-02/",
  );
  refused(
    (d) => void (d.partitions[0]!.files = ["../../etc/part-x.parquet"]),
    "$.partitions[0].files[0]",
  );
  refused((d) => void (d.partitions[0]!.files = []), "$.partitions[0].files");
  refused((d) => void (d.partitions[0]!.rows = -1), "$.partitions[0].rows");
  refused((d) => void (d.time = "x"), '$.time: "x" is not a date or timestamp column');
  refused((d) => void d.columns.push({ name: "x", type: "string" }), 'column "x" appears twice');
  refused((d) => ({ ...d, extra: 1 }), 'unknown key "extra"');
  refused((d) => ({ ...d, format: "ratchet.dataset/v2" }), "$.format");
});

Deno.test("parseDataset refuses duplicate keys and truncation, naming the file", () => {
  const text = JSON.stringify(descriptor());
  assert.throws(
    () => parseDataset(text.slice(0, -20), "s/dataset.json"),
    /s\/dataset\.json.*truncated/,
  );
  assert.throws(
    () => parseDataset(text.replace('"name":"s"', '"name":"s","name":"t"'), "s/dataset.json"),
    /duplicate key "name"/,
  );
});
