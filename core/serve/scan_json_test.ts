import assert from "node:assert/strict";
import { RatchetError } from "../errors/mod.ts";
import { scanJson } from "./scan_json.ts";
import { DEFAULT_LIMITS } from "./service_limits.ts";

function refusal(text: string, limits = DEFAULT_LIMITS): string | undefined {
  try {
    scanJson(text, limits);
    return undefined;
  } catch (e) {
    assert.ok(e instanceof RatchetError && e.status === 400, String(e));
    return e.message;
  }
}

Deno.test("scanJson lets ordinary JSON through, strings and escapes included", () => {
  for (
    const ok of [
      '{"features": {"x": 1.5e3, "y": -2E-7, "ok": true, "no": false, "z": null}}',
      '{"rows": [{"s": "NaN Infinity { [ 1e999 \\" }"}, {"n": 0.000001}]}',
      '{"x": 1e308, "y": -1.7976931348623157e308}',
      "[]",
      '"just a string"',
    ]
  ) {
    assert.equal(refusal(ok), undefined, ok);
  }
});

Deno.test("scanJson refuses NaN, Infinity and numbers that overflow, saying where", () => {
  assert.match(refusal('{"x": NaN}')!, /holds NaN \(at character 7\), which is not JSON/);
  assert.match(refusal('{"x": Infinity}')!, /holds Infinity/);
  assert.match(refusal('{"x": -Infinity}')!, /holds Infinity/);
  assert.match(refusal('{"x": 1e999}')!, /the number 1e999 \(at character 7\), which overflows/);
  assert.match(refusal('{"x": -2.5E+400}')!, /the number -2\.5E\+400/);
  assert.match(refusal(`{"x": ${"9".repeat(400)}}`)!, /the number 9{24}…/);
  assert.equal(refusal(`{"x": 0.${"0".repeat(400)}1}`), undefined, "tiny is finite");
});

Deno.test("scanJson refuses deep nesting and objects with too many keys", () => {
  const limits = { ...DEFAULT_LIMITS, maxDepth: 4, maxKeys: 3 };
  assert.equal(refusal("[[[[1]]]]", limits), undefined);
  assert.match(refusal("[[[[[1]]]]]", limits)!, /nests deeper than 4 levels \(at character 5\)/);
  assert.equal(refusal('{"a": 1, "b": {"c": 1, "d": 2, "e": 3}, "f": 4}', limits), undefined);
  assert.match(refusal('{"a": 1, "b": 2, "c": 3, "d": 4}', limits)!, /more than 3 keys/);
  assert.equal(refusal('{"a": "x:y:z:w:v"}', limits), undefined, "colons in strings are not keys");
});

Deno.test("JSON nested 10,000 deep or with 100,000 keys is refused by the default limits", () => {
  assert.match(refusal("[".repeat(10_000) + "]".repeat(10_000))!, /nests deeper than 32 levels/);
  assert.match(refusal('{"a":'.repeat(10_000) + "1" + "}".repeat(10_000))!, /nests deeper/);
  const keys = Array.from({ length: 100_000 }, (_, i) => `"k${i}": 0`).join(", ");
  assert.match(refusal(`{"features": {${keys}}}`)!, /more than 4096 keys/);
});

Deno.test("strings are skipped whole: escaped quotes and runs of backslashes neither end nor hide structure", () => {
  const limits = { ...DEFAULT_LIMITS, maxDepth: 2, maxKeys: 2 };
  for (
    const [text, ok] of [
      ['{"a": "x\\"y", "b": 1}', true],
      ['{"a": "x\\\\", "b": 1}', true],
      ['{"a": "x\\\\\\"]]]{{{", "b": 1}', true],
      ['{"a": "[[[[", "b": "{{{{"}', true],
      ['{"a": "x\\\\", "b": [[[1]]]}', false],
      ['{"a": 1, "b": 2, "c": "\\":\\":"}', false],
    ] as const
  ) {
    const refused = refusal(text, limits);
    assert.equal(refused === undefined, ok, `${text}: ${refused}`);
  }
});
