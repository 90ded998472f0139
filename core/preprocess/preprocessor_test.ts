import assert from "node:assert/strict";
import { RatchetError } from "../errors/mod.ts";
import type { Feature, Step } from "../artifact/mod.ts";
import { readCsv, tableFromColumns, tableFromRows } from "../table/mod.ts";
import { compilePreprocessing } from "./preprocessor.ts";

const features: Feature[] = [
  { name: "age", type: "number" },
  { name: "plan", type: "category", levels: ["basic", "pro", "team"] },
  { name: "active", type: "boolean" },
  { name: "zip", type: "category", levels: [1000, 2000] },
];

function compile(preprocessing: Step[], inputs?: string[]) {
  return compilePreprocessing({ features, preprocessing, ...(inputs ? { inputs } : {}) }, {
    model: "m@1",
    handlesMissing: false,
  });
}

const oneHot: Step = { type: "one_hot", columns: ["plan", "zip"], handle_unknown: "error" };

function refuses(fn: () => unknown, ...fragments: string[]) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof RatchetError, String(e));
    for (const f of fragments) assert.ok(e.message.includes(f), `${e.message} lacks ${f}`);
    return true;
  });
}

Deno.test("scikit-learn semantics: impute, standard scale, min-max scale, one-hot with drop", () => {
  const pre = compile([
    { type: "impute", columns: ["age", "plan"], strategy: "constant", fill: [40, "pro"] },
    { type: "standard_scale", columns: ["age"], mean: [30], scale: [10] },
    { type: "minmax_scale", columns: ["active"], min: [-1], scale: [2], clip: null },
    { type: "one_hot", columns: ["plan", "zip"], handle_unknown: "ignore", drop: ["basic", null] },
  ]);
  assert.deepEqual(pre.inputs, ["age", "plan=pro", "plan=team", "active", "zip=1000", "zip=2000"]);
  const t = readCsv("age,plan,active,zip,unused\n50,team,true,2000,x\n,,false,3000,y\n");
  const cols = pre.encode(t).map((c) => Array.from(c));
  assert.deepEqual(cols, [[2, 1], [0, 1], [1, 0], [1, -1], [0, 0], [1, 0]]);
});

Deno.test("explicit inputs reorder columns like a ColumnTransformer", () => {
  const pre = compile([oneHot], [
    "zip=2000",
    "age",
    "plan=team",
    "plan=basic",
    "plan=pro",
    "zip=1000",
    "active",
  ]);
  const [z2, age] = pre.encode(tableFromRows([{ age: 3, plan: "pro", active: false, zip: 2000 }]));
  assert.equal(z2![0], 1);
  assert.equal(age![0], 3);
});

Deno.test("category levels match across types: '2000' from CSV is the level 2000", () => {
  const pre = compile([oneHot]);
  const cols = pre.encode(readCsv("age,plan,active,zip\n1,basic,0,2000\n"));
  assert.equal(cols[pre.inputs.indexOf("zip=2000")]![0], 1);
});

Deno.test("an input lacking a column the model needs is refused, naming it", () => {
  refuses(
    () => compile([oneHot]).encode(readCsv("age,plan\n1,basic\n")),
    'lacks column "active"',
    "m@1",
  );
});

Deno.test("a value of the wrong type is refused, naming row and feature", () => {
  const pre = compile([oneHot]);
  refuses(
    () => pre.encode(readCsv("age,plan,active,zip\n1,basic,1,1000\nabc,basic,1,1000\n", "in.csv")),
    "row 2 (line 3 of in.csv)",
    '"age" expects a finite number, found "abc"',
  );
  refuses(
    () => pre.encode(tableFromRows([{ age: "3", plan: "basic", active: true, zip: 1000 }])),
    '"age" expects a number, found "3"',
  );
  refuses(
    () => pre.encode(tableFromRows([{ age: 3, plan: "basic", active: "yes", zip: 1000 }])),
    '"active" expects true or false',
  );
  refuses(() => pre.encode(readCsv("age,plan,active,zip\n1e999,basic,1,1000\n")), "finite number");
  refuses(() => pre.encode(readCsv("age,plan,active,zip\nNaN,basic,1,1000\n")), "finite number");
  refuses(
    () => pre.encode(tableFromRows([{ age: 3, plan: ["x"], active: true, zip: 1000 }])),
    '"plan" expects a category level',
  );
  refuses(
    () => pre.encode(tableFromRows([{ plan: "basic", active: true, zip: 1000 }])),
    'lacks column "age"',
  );
  refuses(
    () =>
      pre.encode(
        tableFromRows([{ age: 1, plan: "basic", active: true, zip: 1000 }, {
          plan: "basic",
          active: true,
          zip: 1000,
        }]),
      ),
    'row 2: the row lacks feature "age"',
  );
});

Deno.test("an unseen category is refused when the encoder does not ignore unknowns", () => {
  const pre = compile([oneHot]);
  refuses(
    () => pre.encode(tableFromRows([{ age: 1, plan: "gold", active: true, zip: 1000 }])),
    'row 1: feature "plan" has the value "gold"',
    "handle_unknown: error",
  );
  const ignoring = compile([{ ...oneHot, handle_unknown: "ignore" }] as Step[]);
  const cols = ignoring.encode(tableFromRows([{ age: 1, plan: "gold", active: true, zip: 1000 }]));
  assert.deepEqual([1, 2, 3].map((k) => cols[k]![0]), [0, 0, 0]);
});

Deno.test("a missing value with no imputer is an error naming row and feature", () => {
  const pre = compile([oneHot]);
  refuses(
    () => pre.encode(readCsv("age,plan,active,zip\n1,basic,1,1000\n,basic,1,1000\n")),
    "row 2",
    '"age" is missing',
    "no imputer",
  );
  refuses(
    () => pre.encode(tableFromRows([{ age: 1, plan: null, active: true, zip: 1000 }])),
    '"plan" is missing',
  );
});

Deno.test("inconsistent preprocessing is refused when the model is compiled, naming the path", () => {
  refuses(
    () => compile([]),
    "$.features[1]",
    '"plan" is a category but no one_hot step encodes it',
  );
  refuses(
    () => compile([], ["age", "plan"]),
    "$.inputs[1]",
    '"plan" is a category; add a one_hot step',
  );
  refuses(
    () => compile([{ type: "standard_scale", columns: ["age"], mean: [1, 2], scale: [1] }, oneHot]),
    "$.preprocessing[0].mean",
    "expected 1 values",
  );
  refuses(
    () => compile([{ type: "standard_scale", columns: ["plan"], mean: [1], scale: [1] }, oneHot]),
    "$.preprocessing[0].columns[0]",
    "needs numbers",
  );
  refuses(
    () => compile([{ type: "standard_scale", columns: ["age"], mean: [1], scale: [0] }, oneHot]),
    "divide by zero",
  );
  refuses(
    () =>
      compile([
        { type: "impute", columns: ["plan"], strategy: "constant", fill: ["gold"] },
        oneHot,
      ]),
    "$.preprocessing[0].fill[0]",
    "not a level",
  );
  refuses(
    () => compile([{ type: "impute", columns: ["nope"], strategy: "mean", fill: [1] }, oneHot]),
    'no column "nope"',
  );
  refuses(() => compile([oneHot], ["age", "ghost"]), "$.inputs[1]", '"ghost"');
  refuses(
    () => compile([oneHot, oneHot]),
    "$.preprocessing[1].columns[0]",
    `no column "plan" exists at this step`,
  );
  refuses(
    () =>
      compilePreprocessing({ features: [{ name: "c", type: "category" }], preprocessing: [] }, {
        model: "m",
        handlesMissing: false,
      }),
    "needs its levels",
  );
  refuses(
    () =>
      compilePreprocessing({
        features: [{ name: "a", type: "number" }, { name: "a", type: "number" }],
        preprocessing: [],
      }, { model: "m", handlesMissing: false }),
    "appears twice",
  );
});

Deno.test("encoding numbers never writes into the table; unchanged columns are passed as they are", () => {
  const numeric: Feature[] = ["a", "b", "c", "d"].map((name) => ({ name, type: "number" }));
  const pre = compilePreprocessing({
    features: numeric,
    preprocessing: [
      { type: "impute", columns: ["a", "b"], strategy: "mean", fill: [10, 20] },
      { type: "standard_scale", columns: ["a"], mean: [1], scale: [2] },
      { type: "minmax_scale", columns: ["c"], min: [0.5], scale: [3], clip: [0, 2] },
    ],
  }, { model: "m@1", handlesMissing: true });
  const columns = {
    a: Float64Array.of(1, NaN, 5),
    b: Float64Array.of(NaN, 2, 3),
    c: Float64Array.of(-1, 0, 1),
    d: Float64Array.of(4, NaN, 6),
  };
  const before = Object.values(columns).map((c) => Array.from(c));
  const [a, b, c, d] = pre.encode(tableFromColumns(columns, 3));
  assert.deepEqual(Object.values(columns).map((col) => Array.from(col)), before);
  assert.deepEqual([...a!], [0, 4.5, 2]);
  assert.deepEqual([...b!], [20, 2, 3]);
  assert.deepEqual([...c!], [0, 0.5, 2]);
  assert.equal(d, columns.d);
});

Deno.test("a missing or infinite number from a typed column is refused as from plain rows", () => {
  const numeric: Feature[] = [{ name: "a", type: "number" }, { name: "b", type: "number" }];
  const scaleB: Step[] = [{ type: "standard_scale", columns: ["b"], mean: [0], scale: [2] }];
  const cases = [
    { a: [1, 2, NaN, NaN], b: [1, 2, 3, 4] },
    { a: [1, 2, 3, 4], b: [1, NaN, 3, NaN] },
    { a: [1, NaN, 3, 4], b: [1, 2, NaN, Infinity] },
    { a: [1, 2, 3, -Infinity], b: [NaN, 2, 3, 4] },
  ];
  for (const preprocessing of [[], scaleB]) {
    const pre = compilePreprocessing({ features: numeric, preprocessing }, {
      model: "m@1",
      handlesMissing: false,
    });
    for (const { a, b } of cases) {
      const typed = tableFromColumns({ a: Float64Array.from(a), b: Float64Array.from(b) }, 4);
      const json = (v: number) => Number.isNaN(v) ? null : v; // JSON's missing value
      const rows = tableFromRows(a.map((v, i) => ({ a: json(v), b: json(b[i]!) })));
      let expected = "";
      refuses(() => {
        try {
          pre.encode(rows);
        } catch (e) {
          expected = (e as Error).message;
          throw e;
        }
      });
      refuses(() => pre.encode(typed), expected);
    }
  }
});
