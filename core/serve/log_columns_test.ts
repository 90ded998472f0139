import assert from "node:assert/strict";
import { chunkBuffers, chunkIds, type LogChunk, LogColumns } from "./log_columns.ts";
import type { LogColumn } from "./log_schema.ts";

const COLUMNS: LogColumn[] = [
  { name: "request_id", type: "string", sql: "VARCHAR" },
  { name: "x", type: "number", sql: "DOUBLE" },
  { name: "plan", type: "string", sql: "VARCHAR" },
  { name: "y", type: "boolean", sql: "BOOLEAN" },
];

/** The rows of a chunk as plain values: text decoded, missing as null. */
function decoded(chunk: LogChunk): unknown[][] {
  return chunkIds(chunk).map((id, i) => [
    id,
    ...chunk.data.slice(1).map((d) => {
      if (d.kind === "number") return Number.isNaN(d.values[i]!) ? null : d.values[i];
      if (d.kind === "text") return d.codes[i]! < 0 ? null : d.dictionary[d.codes[i]!];
      throw new Error("one id column only");
    }),
  ]);
}

Deno.test("LogColumns grows past its first capacity and keeps every value", () => {
  const rows = new LogColumns(COLUMNS);
  const expected: unknown[][] = [];
  for (let i = 0; i < 3000; i++) {
    const plan = i % 5 === 0 ? undefined : `p${i % 3}`;
    rows.begin(i % 7 === 3 ? `ïd ${i} ✓` : `r${i}`);
    rows.number(i / 4);
    rows.text(plan);
    expected.push([
      i % 7 === 3 ? `ïd ${i} ✓` : `r${i}`,
      i / 4,
      plan ?? null,
      i % 4 === 0 ? 1 : null,
    ]);
  }
  assert.equal(rows.count, 3000);
  const chunk = rows.close((id) => (Number(id.match(/\d+/)![0]) % 4 === 0 ? true : undefined));
  assert.deepEqual(decoded(chunk), expected);
  assert.equal(chunk.rows, 3000);
  assert.deepEqual(rows.ids(), expected.map((r) => r[0]));
  assert.deepEqual(decoded(rows.close()).map((r) => r[3]), expected.map(() => null));
});

Deno.test("LogColumns.append recodes the other buffer's text into this one's dictionary", () => {
  const a = new LogColumns(COLUMNS), b = new LogColumns(COLUMNS);
  for (const [id, plan] of [["a1", "basic"], ["a2", undefined]] as const) {
    a.begin(id);
    a.number(1);
    a.text(plan);
  }
  for (const [id, plan] of [["b1", "pro"], ["bé2", "basic"], ["b3", undefined]] as const) {
    b.begin(id);
    b.number(2);
    b.text(plan);
  }
  a.append(b);
  const chunk = a.close(() => undefined);
  assert.deepEqual(decoded(chunk), [
    ["a1", 1, "basic", null],
    ["a2", 1, null, null],
    ["b1", 2, "pro", null],
    ["bé2", 2, "basic", null],
    ["b3", 2, null, null],
  ]);
  const plan = chunk.data[2]!;
  assert.equal(plan.kind, "text");
  assert.deepEqual(plan.kind === "text" && plan.dictionary, ["basic", "pro"]);
});

Deno.test("LogColumns.close leaves the buffer as it was: a failed write can put it back", () => {
  const rows = new LogColumns(COLUMNS);
  rows.begin("r1");
  rows.number(3);
  rows.text("pro");
  const first = rows.close(() => true);
  first.data.forEach((d) => d.kind === "number" && d.values.fill(0)); // as a transfer would
  assert.deepEqual(decoded(rows.close(() => undefined)), [["r1", 3, "pro", null]]);
});

Deno.test("the first log column must be the row id", () => {
  assert.throws(() => new LogColumns(COLUMNS.slice(1)), /first log column must be request_id/);
});

Deno.test("a cleared buffer takes new rows as an empty one would, in the same memory", () => {
  const columns = COLUMNS.slice(0, 3);
  const fill = (lines: LogColumns, rows: [string, number, string | undefined][]) => {
    for (const [id, x, s] of rows) {
      lines.begin(id);
      lines.number(x);
      lines.text(s);
    }
    return lines.close();
  };
  const used = new LogColumns(columns, 2);
  fill(used, [["a", 1, "p"], ["b", 2, "q"], ["c", 3, undefined]]);
  used.clear();
  assert.equal(used.count, 0);
  const rows: [string, number, string | undefined][] = [["d", 4, "q"], ["e", 5, "r"]];
  assert.deepEqual(fill(used, rows), fill(new LogColumns(columns, 2), rows));
});

Deno.test("LogColumns.share gives the rows close gives, as views of shared memory that transfer nothing", () => {
  const rows = new LogColumns(COLUMNS, 2, true);
  for (const [id, x, plan] of [["a", 1, "pro"], ["bé", 2, undefined], ["c", 3, "basic"]] as const) {
    rows.begin(id);
    rows.number(x);
    rows.text(plan);
  }
  const outcome = (id: string) => (id === "c" ? true : undefined);
  const shared = rows.share(outcome), copied = rows.close(outcome);
  assert.deepEqual(decoded(shared), decoded(copied));
  assert.deepEqual(decoded(shared), [["a", 1, "pro", null], ["bé", 2, null, null], [
    "c",
    3,
    "basic",
    1,
  ]]);
  const x = shared.data[1]!;
  assert.ok(x.kind === "number" && x.values.buffer instanceof SharedArrayBuffer);
  assert.deepEqual(chunkBuffers(shared), [], "shared memory is not transferred");
  assert.equal(chunkBuffers(copied).length, 2 + 3, "ids, ends and each column's copy are");
  rows.clear();
  rows.begin("z");
  rows.number(9);
  rows.text("pro");
  assert.equal(
    x.kind === "number" && x.values[0],
    9,
    "a view: the buffer's next rows show through",
  );
});
