import assert from "node:assert/strict";
import { RatchetError } from "../errors/mod.ts";
import { jsLiteral, jsPredictor, jsSource, mergeJsDefinitions } from "./js_source.ts";

const evaluate = (source: string) => new Function(`"use strict";\nreturn (${source});`)();

Deno.test("jsLiteral: every double reads back the same, -0, NaN and ±Infinity included", () => {
  const values = [
    0,
    -0,
    0.1,
    -1e-310,
    5e-324,
    1.7976931348623157e308,
    NaN,
    Infinity,
    -Infinity,
    2 ** 53 + 2,
  ];
  const back = evaluate(jsLiteral(values)) as number[];
  values.forEach((v, i) => assert(Object.is(back[i], v), `${v} came back as ${back[i]}`));
});

Deno.test("jsLiteral: nested plain data, typed arrays, and a __proto__ key kept as a property", () => {
  const value = JSON.parse('{"a": [1, {"b": "x\\u2028y"}], "__proto__": {"polluted": true}}');
  value.t = Int32Array.of(-1, 2);
  const back = evaluate(jsLiteral(value));
  assert.equal(Object.getPrototypeOf(back), Object.prototype);
  assert.deepEqual(Object.keys(back), ["a", "__proto__", "t"]);
  assert.equal(back.a[1].b, "x\u2028y");
  assert(back.t instanceof Int32Array && back.t[0] === -1);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

Deno.test("jsLiteral: refuses what is not plain data", () => {
  for (const v of [new Map(), new Date(0), () => 1, Symbol("s"), 1n]) {
    assert.throws(() => jsLiteral(v), RatchetError, String(typeof v));
  }
});

/** What the test's functions use here; the generated source gets its own. */
const FACTOR = 7;

Deno.test("jsSource: declarations keep their form; constants first; arrows and classes work", () => {
  class Box {
    constructor(readonly v: number) {}
    twice() {
      return double(this.v);
    }
  }
  function double(x: number) {
    return x * FACTOR;
  }
  const triple = (x: number) => x * 3;
  const source = jsSource({ Box, double, triple, FACTOR: 2, NAMES: ["a"] });
  assert(source.startsWith('const FACTOR = 2;\nconst NAMES = ["a"];\n'), source);
  const run = new Function(`${source}\nreturn [new Box(4).twice(), triple(2), NAMES[0]];`);
  assert.deepEqual(run(), [8, 6, "a"]);
  // A function under another name is bound to the name the code uses.
  assert.equal(new Function(`${jsSource({ other: double, FACTOR: 5 })}\nreturn other(2);`)(), 10);
});

Deno.test("jsSource: refuses built-in functions, bad names and clashing definitions", () => {
  assert.throws(() => jsSource({ exp: Math.exp }), /built-in or bound/);
  assert.throws(() => jsSource({ "not a name": 1 }), /not a JavaScript name/);
  assert.throws(
    () => mergeJsDefinitions({ a: 1 }, { a: 2 }),
    /Two different definitions are both called a/,
  );
});

Deno.test("jsPredictor: evaluates the call over the coefficients and shape", () => {
  function make(c: { w: number[] }, shape: { inputs: string[] }) {
    return {
      width: 1,
      predictRow: (row: number[]) => Float64Array.of(c.w[0]! * row[0]!),
      n: shape.inputs.length,
    };
  }
  const source = jsPredictor(
    "make(coefficients, shape)",
    { w: [-0] },
    { task: "regression", inputs: ["x"], classes: 1 },
    { make },
  );
  const p = evaluate(source);
  assert(Object.is(p.predictRow([3])[0], -0));
  assert.equal(p.n, 1);
});
