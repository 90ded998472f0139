import assert from "node:assert/strict";
import { canonicalJson, sha256Hex } from "./canonical_json.ts";
import { prettyJson } from "./pretty_json.ts";
import { parseJson } from "./parse_json.ts";

Deno.test("canonicalJson sorts keys at every level and ignores formatting", () => {
  const a = parseJson('{"b": {"y": 1, "x": [3, {"q": 1, "p": 2}]}, "a": "é"}');
  const b = parseJson('{"a":"é","b":{"x":[3,{"p":2,"q":1}],"y":1}}');
  assert.equal(canonicalJson(a), '{"a":"é","b":{"x":[3,{"p":2,"q":1}],"y":1}}');
  assert.equal(canonicalJson(a), canonicalJson(b));
  assert.equal(sha256Hex(canonicalJson(a)), sha256Hex(canonicalJson(b)));
});

Deno.test("canonicalJson writes numbers as ECMAScript does (RFC 8785)", () => {
  assert.equal(
    canonicalJson([1e21, 1e-7, 0.1, -0, 333333333.33333329, 4.5]),
    "[1e+21,1e-7,0.1,0,333333333.3333333,4.5]",
  );
});

Deno.test("canonicalJson refuses non-finite numbers and non-JSON values, naming the path", () => {
  assert.throws(() => canonicalJson({ a: [1, NaN] }), /\$\.a\[1\] is NaN/);
  assert.throws(() => canonicalJson({ f: () => 1 }), /\$\.f is a function/);
});

Deno.test("prettyJson round-trips and keeps scalar arrays on one line", () => {
  const v = { w: [1.5, -2, 1e-300], nested: [{ a: null }, [true]], s: "x\ny" };
  const text = prettyJson(v);
  assert.deepEqual(parseJson(text), v);
  assert.ok(text.includes('"w": [1.5, -2, 1e-300]'));
});
