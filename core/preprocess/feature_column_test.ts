import assert from "node:assert/strict";
import { RatchetError } from "../errors/mod.ts";
import type { Feature } from "../artifact/mod.ts";
import { type Table, tableFromColumns, tableFromRows } from "../table/mod.ts";
import { readFeature } from "./feature_column.ts";
import { MISSING, UNKNOWN } from "./level_lookup.ts";

const x: Feature = { name: "x", type: "number" };

function numbers(values: readonly number[], n = values.length): Table {
  return tableFromColumns({ x: Float64Array.from(values) }, n);
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof RatchetError, String(e));
    return e.message;
  }
  throw new Error("expected a refusal");
}

Deno.test("a number column, copied or shared, refuses ±Infinity naming row and feature", () => {
  for (const readOnly of [false, true]) {
    for (const bad of [Infinity, -Infinity]) {
      const values = Array.from({ length: 3000 }, (_, i) => (i % 7) - 3.5);
      values[5] = NaN;
      values[2050] = bad;
      values[2900] = Infinity;
      assert.equal(
        refusal(() => readFeature(numbers(values), x, "m@1", { readOnly })),
        `row 2051: feature "x" expects a finite number, found ${bad}`,
      );
    }
  }
});

Deno.test("the same refusal as a table of plain numbers gives, at every row of a block", () => {
  for (const at of [0, 1, 1022, 1023, 1024, 1027, 2047, 2999]) {
    const values = Array.from({ length: 3000 }, (_, i) => i / 8);
    values[at] = -Infinity;
    const plain = refusal(() => readFeature(tableFromRows(values.map((v) => ({ x: v }))), x, "m"));
    for (const readOnly of [false, true]) {
      assert.equal(refusal(() => readFeature(numbers(values), x, "m", { readOnly })), plain);
    }
  }
});

Deno.test("NaN is a missing value, and a shared column knows its first one", () => {
  for (const at of [-1, 0, 3, 1023, 1024, 2999]) {
    const values = Array.from({ length: 3000 }, (_, i) => i - 1500);
    if (at >= 0) values[at] = NaN;
    if (at >= 0 && at < 2999) values[2999] = NaN;
    const table = numbers(values);
    const shared = readFeature(table, x, "m", { readOnly: true });
    const copied = readFeature(table, x, "m");
    assert.ok(shared.kind === "number" && copied.kind === "number");
    assert.equal(shared.firstMissing, at);
    assert.equal(copied.firstMissing, undefined);
    assert.deepEqual(Array.from(copied.values), values);
    assert.deepEqual(Array.from(shared.values), values);
  }
});

Deno.test("a shared column is the table's own array; a copy is not, and neither changes the table", () => {
  const raw = Float64Array.of(1, NaN, 3);
  const table = tableFromColumns({ x: raw }, 3);
  const shared = readFeature(table, x, "m", { readOnly: true });
  const copied = readFeature(table, x, "m");
  assert.ok(shared.kind === "number" && copied.kind === "number");
  assert.equal(shared.values, raw);
  assert.notEqual(copied.values.buffer, raw.buffer);
  copied.values[0] = 99;
  assert.equal(raw[0], 1);
});

Deno.test("only the table's n rows are read from a longer number column", () => {
  const raw = Float64Array.of(1, 2, NaN, Infinity);
  for (const readOnly of [false, true]) {
    const col = readFeature(tableFromColumns({ x: raw }, 2), x, "m", { readOnly });
    assert.ok(col.kind === "number");
    assert.deepEqual(Array.from(col.values), [1, 2]);
    if (readOnly) assert.equal(col.firstMissing, -1);
  }
});

Deno.test("category values become codes as the levels say, however often they repeat", () => {
  const levels = ["basic", 2000, true];
  const raw = ["basic", "2000", 2000, "true", true, "pro", null, "basic", " 2000 ", 2000.5];
  const rows = Array.from({ length: 40 }, (_, i) => ({ plan: raw[i % raw.length] }));
  const col = readFeature(tableFromRows(rows), { name: "plan", type: "category", levels }, "m");
  assert.ok(col.kind === "category");
  const expected = [0, 1, 1, 2, 2, UNKNOWN, MISSING, 0, 1, UNKNOWN];
  assert.deepEqual(Array.from(col.codes), rows.map((_, i) => expected[i % expected.length]));
});

Deno.test("a column of missing values is read, and an infinity after them still refused", () => {
  const values = new Array<number>(5000).fill(NaN);
  for (const readOnly of [false, true]) {
    const col = readFeature(numbers(values), x, "m", { readOnly });
    assert.ok(col.kind === "number" && col.values.every((v) => Number.isNaN(v)));
    assert.equal(col.firstMissing, readOnly ? 0 : undefined);
    assert.match(
      refusal(() => readFeature(numbers([...values, Infinity]), x, "m", { readOnly })),
      /^row 5001: feature "x" expects a finite number, found Infinity$/,
    );
  }
});
