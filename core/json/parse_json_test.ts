import assert from "node:assert/strict";
import { RatchetError } from "../errors/mod.ts";
import { createRandom } from "../random/mod.ts";
import { parseJson } from "./parse_json.ts";

function refused(text: string, ...fragments: string[]): void {
  assert.throws(() => parseJson(text, { source: "m.json" }), (e: unknown) => {
    assert.ok(e instanceof RatchetError, String(e));
    for (const f of fragments) {
      assert.ok(e.message.includes(f), `${JSON.stringify(e.message)} lacks ${JSON.stringify(f)}`);
    }
    return true;
  });
}

Deno.test("parseJson reads what JSON.parse reads", () => {
  const rng = createRandom(7);
  const gen = (depth: number): unknown => {
    const r = rng.next();
    if (depth > 3 || r < 0.3) {
      return [null, true, false, rng.normal() * 1e3, -0.5e-7, 42, 'a"b\\c\u00e9\n', ""][rng.int(8)];
    }
    if (r < 0.65) return Array.from({ length: rng.int(4) }, () => gen(depth + 1));
    return Object.fromEntries(
      Array.from({ length: rng.int(4) }, (_, k) => [`k${k}`, gen(depth + 1)]),
    );
  };
  for (let i = 0; i < 300; i++) {
    const text = JSON.stringify(gen(0), null, i % 2 ? 2 : undefined);
    assert.deepEqual(parseJson(text), JSON.parse(text));
  }
  assert.deepEqual(parseJson(' \uFEFF{"a":1}'.slice(1)), { a: 1 });
  assert.equal(parseJson("1e308"), 1e308);
  assert.equal(parseJson("-0"), -0);
});

Deno.test("parseJson refuses duplicate keys, naming the path and line", () => {
  refused(
    '{\n  "coefficients": {\n    "w": [1],\n    "w": [2]\n  }\n}',
    'duplicate key "w"',
    "line 4",
    "$.coefficients.w",
  );
});

Deno.test("parseJson refuses NaN, Infinity and numbers that overflow", () => {
  refused('{"w": [1, NaN]}', "NaN is not valid JSON", "$.w[1]");
  refused('{"w": Infinity}', "Infinity", "$.w");
  refused('{"w": -Infinity}', "-Infinity", "$.w");
  refused('{"w": [0, 1e999]}', "1e999 is too large", "$.w[1]", "column 11");
  refused("-1e400", "too large");
});

Deno.test("parseJson refuses malformed and truncated input with line and column", () => {
  refused("", "empty");
  refused('{"a": [1, 2', "truncated");
  refused('{"a": "abc', "truncated");
  refused('{"a": 1,}', "expected a quoted key", "line 1, column 9");
  refused('{"a": 1} x', "after the end");
  refused("[01]", "leading zeros");
  refused('{"a": tru}', "where a value should start");
  refused('{"a": "\t"}', "control character");
  refused('{"a": "\\x"}', "invalid escape");
  refused("{'a': 1}", "expected a quoted key");
});

Deno.test("parseJson refuses deep nesting quickly instead of overflowing the stack", () => {
  refused("[".repeat(10_000) + "]".repeat(10_000), "nesting deeper than 256");
  assert.deepEqual(parseJson("[[[1]]]", { maxDepth: 3 }), [[[1]]]);
  assert.throws(() => parseJson("[[[[1]]]]", { maxDepth: 3 }), /nesting deeper than 3/);
});

Deno.test("parseJson keeps __proto__ as a plain key and does not pollute prototypes", () => {
  const v = parseJson('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
  assert.deepEqual(Object.keys(v), ["__proto__"]);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
});
