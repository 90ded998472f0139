import assert from "node:assert/strict";
import { createRandom, type Random } from "../random/mod.ts";
import { scalarSpans } from "./scalar_spans.ts";

type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

const KEYS = ["a", "b", "é", "x y", 'q"uote', "back\\slash", "0", "__proto__", ""];
const STRINGS = ["", "text", 'a"b', "line\nbreak", "☕", "𝄞", "\u0001", "]}", "\\"];

function value(r: Random, depth: number): Value {
  const kind = depth > 3 ? r.int(4) : r.int(6);
  if (kind === 0) return null;
  if (kind === 1) return r.next() < 0.5;
  if (kind === 2) return r.next() < 0.3 ? -0 : (r.next() - 0.5) * 10 ** r.int(30);
  if (kind === 3) return STRINGS[r.int(STRINGS.length)]!;
  if (kind === 4) return Array.from({ length: r.int(4) }, () => value(r, depth + 1));
  const object: { [key: string]: Value } = {};
  for (const key of r.shuffle([...KEYS]).slice(0, r.int(4))) {
    // An own "__proto__" key, as JSON.parse makes it.
    Object.defineProperty(object, key, {
      value: value(r, depth + 1),
      enumerable: true,
      writable: true,
    });
  }
  return object;
}

/** `v` as JSON text with whitespace at random between the tokens. */
function write(r: Random, v: Value): string {
  const ws = () => ["", "", " ", "\n\t", "\r\n "][r.int(5)]!;
  if (Array.isArray(v)) {
    return `[${ws()}${v.map((x) => write(r, x)).join(`${ws()},${ws()}`)}${ws()}]`;
  }
  if (v !== null && typeof v === "object") {
    const members = Object.entries(v).map(([k, x]) =>
      `${JSON.stringify(k)}${ws()}:${ws()}${write(r, x)}`
    );
    return `{${ws()}${members.join(`${ws()},${ws()}`)}${ws()}}`;
  }
  return Object.is(v, -0) ? "-0" : JSON.stringify(v);
}

function at(root: Value, path: readonly (string | number)[]): Value {
  let v: Value = root;
  for (const step of path) v = (v as Record<string | number, Value>)[step]!;
  return v;
}

/** Every scalar of `v`, depth first, with its path. */
function scalars(v: Value, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return v.flatMap((x, i) => scalars(x, [...path, i]));
  if (v !== null && typeof v === "object") {
    return Object.entries(v).flatMap(([k, x]) => scalars(x, [...path, k]));
  }
  return [path];
}

Deno.test("each span is the text of the scalar at its path, all of them in order", () => {
  const r = createRandom(7);
  for (let n = 0; n < 2000; n++) {
    const v = value(r, 0), text = write(r, v);
    const parsed = JSON.parse(text) as Value;
    const spans = scalarSpans(text);
    assert.ok(spans, text);
    assert.deepEqual(spans.map((s) => s.path), scalars(parsed), text);
    for (const s of spans) {
      const read = JSON.parse(text.slice(s.start, s.end));
      assert.ok(Object.is(read, at(parsed, s.path)), `${text} ${s.path.join(".")}`);
    }
  }
});

Deno.test("a repeated key anywhere gives no spans: JSON.parse would keep only its last value", () => {
  assert.equal(scalarSpans('{"a": 1, "a": 2}'), undefined);
  assert.equal(scalarSpans('[{"x": {"k": 1, "k": [2]}}]'), undefined);
  assert.equal(scalarSpans('{"\\u0061": 1, "a": 2}'), undefined);
  assert.deepEqual(scalarSpans('[{"a": 1}, {"a": 2}]')?.map((s) => s.path), [[0, "a"], [1, "a"]]);
});

Deno.test("empty objects and arrays hold no spans and keep the paths after them right", () => {
  const text = '{"a": {}, "b": [], "c": [[], {}, 3], "d": "x"}';
  assert.deepEqual(scalarSpans(text)?.map((s) => [s.path.join("."), text.slice(s.start, s.end)]), [
    ["c.2", "3"],
    ["d", '"x"'],
  ]);
  assert.deepEqual(scalarSpans("  42 ")?.map((s) => [s.path, s.start, s.end]), [[[], 2, 4]]);
});
