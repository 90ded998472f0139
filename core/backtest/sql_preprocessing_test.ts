import assert from "node:assert/strict";
import type { Feature, Step } from "../artifact/mod.ts";
import { PluginRegistry } from "../contract/mod.ts";
import { duckdb, quoteIdentifier } from "../data/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import { compileModel } from "../model/mod.ts";
import { compilePreprocessing } from "../preprocess/mod.ts";
import { createRandom } from "../random/mod.ts";
import { sqlNumber } from "../sql/mod.ts";
import { tableFromColumns } from "../table/mod.ts";
import linear from "../../plugins/linear/mod.ts";
import { checkErrorSql } from "./sql_check.ts";
import type { SqlValueKind } from "./sql_js_text.ts";
import { preprocessingSql } from "./sql_preprocessing.ts";

/** A column of test data: its SQL kind and values (`null` is missing; a number column's NaN too). */
type Column = { kind: SqlValueKind; values: (number | string | boolean | null)[] };

function model(features: Feature[], preprocessing: Step[]) {
  const { inputs } = compilePreprocessing({ features, preprocessing }, {
    model: "m",
    handlesMissing: false,
  });
  return compileModel({
    format: "ratchet.model/v1",
    plugin: { id: "linear", version: "^1.0.0" },
    task: "regression",
    features,
    target: { name: "y" },
    preprocessing,
    coefficients: { intercept: 0, weights: inputs.map(() => 0) },
    hyperparameters: {},
    provenance: { created: "2026-01-01T00:00:00Z", source: "test" },
    name: "m",
    version: 1,
  }, new PluginRegistry([linear]));
}

/** The table the JavaScript engine gets from a scan: number columns as Float64Array, NaN for missing. */
function scanned(columns: Record<string, Column>, n: number) {
  const out: Record<string, ArrayLike<unknown>> = {};
  for (const [name, c] of Object.entries(columns)) {
    out[name] = c.kind === "number"
      ? Float64Array.from(c.values, (v) => (v ?? NaN) as number)
      : c.values;
  }
  return tableFromColumns(out, n, { textual: false });
}

/** Runs the preprocessing SQL over the columns; returns the inputs, or the refusal DuckDB raised. */
async function runSql(m: ReturnType<typeof model>, columns: Record<string, Column>, n: number) {
  const names = Object.keys(columns);
  const type = { number: "DOUBLE", text: "VARCHAR", boolean: "BOOLEAN" };
  const literal = (c: Column, v: Column["values"][number]) =>
    v === null
      ? `CAST(NULL AS ${type[c.kind]})`
      : c.kind === "number"
      ? (Number.isFinite(v) ? sqlNumber(v as number) : `'${v}'::DOUBLE`)
      : c.kind === "text"
      ? `'${String(v).replaceAll("'", "''")}'`
      : String(v);
  const rows = Array.from(
    { length: n },
    (_, i) =>
      `(${[i + 1, ...names.map((name) => literal(columns[name]!, columns[name]!.values[i]!))]})`,
  );
  const pre = preprocessingSql(m, {
    column: quoteIdentifier,
    kind: (name) => columns[name]!.kind,
    rowLabel: "concat('row ', _i)",
  });
  const ctes = [`_l0 AS (SELECT * FROM (VALUES ${rows}) v(_i, ${names.map(quoteIdentifier)}))`];
  const layers = pre.layers.filter((layer) => layer.length > 0);
  layers.forEach((layer, k) => ctes.push(`_l${k + 1} AS (SELECT *, ${layer} FROM _l${k})`));
  const sql = `WITH ${ctes} SELECT [${pre.inputs}] AS x, ${checkErrorSql(pre.checks)} AS _check ` +
    `FROM _l${layers.length} ORDER BY _i`;
  try {
    const got = (await (await duckdb()).runAndReadAll(sql)).getRowObjectsJS();
    return got.map((r) => r.x as number[]);
  } catch (e) {
    return (e as Error).message.replace(/^Invalid Input Error: /, "");
  }
}

function jsEncode(m: ReturnType<typeof model>, columns: Record<string, Column>, n: number) {
  try {
    const cols = m.preprocessor.encode(scanned(columns, n));
    return Array.from({ length: n }, (_, i) => cols.map((c) => c[i]!));
  } catch (e) {
    if (!(e instanceof RatchetError)) throw e;
    return e.message;
  }
}

const FEATURES: Feature[] = [
  { name: "a", type: "number" },
  { name: "b", type: "boolean" },
  { name: "c", type: "boolean" },
  { name: "cat", type: "category", levels: ["x", 2, true] },
  { name: "num", type: "category", levels: [10, "20", "NaN"] },
];

const STEPS: Step[] = [
  { type: "impute", columns: ["a", "b", "cat"], strategy: "constant", fill: [1.5, 1, "x"] },
  { type: "standard_scale", columns: ["a"], mean: [0.3], scale: [0.7] },
  { type: "minmax_scale", columns: ["a"], min: [0.1], scale: [3], clip: [-1, 2] },
  { type: "minmax_scale", columns: ["c"], min: [-0.5], scale: [0.25] },
  { type: "one_hot", columns: ["cat", "num"], handle_unknown: "ignore", drop: [2, null] },
];

Deno.test("preprocessingSql computes the same doubles as core/preprocess, step by step", async () => {
  const random = createRandom(21);
  const n = 300;
  const pick = <T>(xs: T[]) => xs[random.int(xs.length)]!;
  const columns: Record<string, Column> = {
    a: {
      kind: "number",
      values: Array.from(
        { length: n },
        (_, i) => i % 7 === 0 ? null : random.normal() * 10 ** random.int(4),
      ),
    },
    b: { kind: "boolean", values: Array.from({ length: n }, () => pick([true, false, null])) },
    c: { kind: "number", values: Array.from({ length: n }, () => pick([0, 1])) },
    cat: {
      kind: "text",
      values: Array.from({ length: n }, () => pick(["x", " 2.0", "true", "2", "zzz", null])),
    },
    num: { kind: "number", values: Array.from({ length: n }, () => pick([10, 20, 30, null])) },
  };
  const m = model(FEATURES, STEPS);
  const want = jsEncode(m, columns, n);
  assert.ok(Array.isArray(want), String(want));
  const got = await runSql(m, columns, n);
  assert.ok(Array.isArray(got), String(got));
  want.forEach((row, i) =>
    row.forEach((v, j) => {
      assert.ok(
        Object.is(got[i]![j], v),
        `row ${i + 1}, ${m.preprocessor.inputs[j]}: SQL ${got[i]![j]}, JS ${v}`,
      );
    })
  );
});

Deno.test("preprocessingSql refuses what core/preprocess refuses, in the same words", async () => {
  const strict: Step[] = [
    { type: "impute", columns: ["b"], strategy: "constant", fill: [0] },
    { type: "one_hot", columns: ["cat", "num"], handle_unknown: "error" },
  ];
  const ok = (): Record<string, Column> => ({
    a: { kind: "number", values: [1, 2, 3] },
    b: { kind: "boolean", values: [true, null, false] },
    c: { kind: "number", values: [0, 1, 0] },
    cat: { kind: "text", values: ["x", "2", "true"] },
    num: { kind: "number", values: [10, 20, 10] },
  });
  const cases: [string, (c: Record<string, Column>) => void, RegExp][] = [
    [
      "unknown text",
      (c) => (c.cat!.values[1] = 'q"uote'),
      /row 2: feature "cat" has the value "q\\"uote"/,
    ],
    ["unknown number", (c) => (c.num!.values[2] = 3.5), /row 3: feature "num" has the value 3.5/],
    ["missing category", (c) => (c.cat!.values[1] = null), /row 2: feature "cat" is missing/],
    ["missing number", (c) => (c.a!.values[2] = null), /row 3: feature "a" is missing/],
    ["infinite", (c) => (c.a!.values[1] = -Infinity), /expects a finite number, found -Infinity/],
    [
      "not 0 or 1",
      (c) => (c.c!.values[0] = 0.5),
      /row 1: feature "c" expects true or false, found 0.5/,
    ],
    ["boolean NaN", (c) => (c.c!.values[0] = null), /expects true or false, found NaN/],
    [
      "text number",
      (c) => (c.a = { kind: "text", values: [null, "x".repeat(45), "1"] }),
      /found "x{40}…"/,
    ],
    [
      "boolean number",
      (c) => (c.a = { kind: "boolean", values: [true, null, null] }),
      /expects a number, found true/,
    ],
    [
      "text boolean",
      (c) => (c.b = { kind: "text", values: [null, "yes", null] }),
      /expects true or false, found "yes"/,
    ],
    // Several refusals: the first feature read, then the first encoder, then missing values.
    ["order", (c) => {
      c.a!.values[0] = null;
      c.num!.values[2] = 99;
      c.c!.values[2] = 7;
    }, /^row 3: feature "c" expects true or false, found 7$/],
    ["order of encoders", (c) => {
      c.a!.values[0] = null;
      c.num!.values[1] = 99;
      c.cat!.values[2] = "?";
    }, /^row 3: feature "cat" has the value "\?"/],
  ];
  const m = model(FEATURES, strict);
  for (const [name, change, pattern] of cases) {
    const columns = ok();
    change(columns);
    const want = jsEncode(m, columns, 3);
    assert.equal(typeof want, "string", `${name}: JavaScript refuses`);
    assert.match(want as string, pattern, name);
    assert.equal(await runSql(m, columns, 3), want, name);
  }
  assert.ok(Array.isArray(await runSql(m, ok(), 3)));
});
