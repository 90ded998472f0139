import assert from "node:assert/strict";
import type { ChunkColumns } from "./chunk_columns.ts";
import { ScanBatch } from "./scan_batch.ts";

const DAY = 86_400_000;

/** A chunk of dates (days) and timestamps (microseconds as 32-bit word pairs), the last row missing. */
function times(days: number[], micros: bigint[]): ChunkColumns {
  const words = new Int32Array(new BigInt64Array(micros).buffer);
  const valid = Uint8Array.of((1 << (days.length - 1)) - 1);
  return {
    rows: days.length,
    files: null,
    columns: [
      { values: Int32Array.from(days), valid, vector: null },
      { values: words, valid, vector: null },
    ],
  };
}

Deno.test("dates and timestamps read as ISO text (UTC, milliseconds), before 1970 too, null when missing", () => {
  const at = [Date.UTC(2015, 2, 1, 10, 0, 0, 250), Date.UTC(1969, 11, 31, 23, 59, 59, 999), 0];
  const chunk = times(
    [Date.UTC(2015, 2, 1) / DAY, Date.UTC(1931, 6, 4) / DAY, 0],
    // 1969-12-31T23:59:59.999999: the milliseconds are floored, as DuckDB's strftime does.
    [BigInt(at[0]!) * 1000n + 999n, BigInt(at[1]!) * 1000n + 999n, 0n],
  );
  const batch = new ScanBatch(["date", "timestamp"], 8, 40);
  batch.append(chunk, 0, 3);
  const t = batch.table(["day", "at"], "2015-03");
  assert.deepEqual(Array.from(t.column("day")!), ["2015-03-01", "1931-07-04", null]);
  assert.deepEqual(Array.from(t.column("at")!), [
    "2015-03-01T10:00:00.250Z",
    "1969-12-31T23:59:59.999Z",
    null,
  ]);
  assert.equal(t.column("day")!.length, 3);
  assert.deepEqual([...(t.column("day") as string[]).map((d) => d?.slice(0, 4))], [
    "2015",
    "1931",
    undefined,
  ]);
  assert.equal(t.rowLabel(0), "2015-03 row 41");
  assert.throws(() => {
    (t.column("day") as string[])[0] = "x";
  }, TypeError);
});

Deno.test("a batch takes rows from several chunks, and numbers that are missing become NaN", () => {
  const batch = new ScanBatch(["number", "string"], 5);
  const strings = (values: unknown[]) => ({ getItem: (i: number) => values[i] }) as never;
  batch.append(
    {
      rows: 3,
      files: null,
      columns: [
        { values: Float64Array.of(1, 2, 3), valid: Uint8Array.of(0b101), vector: null },
        { values: null, valid: null, vector: strings(["a", null, "c"]) },
      ],
    },
    1,
    2,
  );
  batch.append(
    {
      rows: 2,
      files: null,
      columns: [
        { values: Float64Array.of(4, 5), valid: null, vector: null },
        { values: null, valid: null, vector: strings(["d", "e"]) },
      ],
    },
    0,
    2,
  );
  const t = batch.table(["x", "s"], "p");
  assert.equal(t.n, 4);
  assert.deepEqual(Array.from(t.column("x")!), [NaN, 3, 4, 5]);
  assert.deepEqual(Array.from(t.column("s")!), [null, "c", "d", "e"]);
});
