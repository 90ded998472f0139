import assert from "node:assert/strict";
import type { Label } from "../artifact/mod.ts";
import { labelKey, levelLookup, UNKNOWN } from "./level_lookup.ts";

/** The rules as written before lookups remembered values: one key string per call. */
function keyedReference(levels: readonly Label[]): (v: unknown) => number {
  const map = new Map<string, number>();
  levels.forEach((l, k) => map.set(labelKey(l), k));
  return (v) => {
    if (typeof v === "string") {
      const s = map.get(`s:${v}`);
      if (s !== undefined) return s;
      const t = v.trim();
      if (t !== "" && Number.isFinite(Number(t))) {
        const n = map.get(`n:${Number(t)}`);
        if (n !== undefined) return n;
      }
      if (t === "true" || t === "false") return map.get(`b:${t}`) ?? UNKNOWN;
      return UNKNOWN;
    }
    if (typeof v === "number" || typeof v === "boolean") {
      return map.get(labelKey(v)) ?? map.get(`s:${v}`) ?? UNKNOWN;
    }
    return UNKNOWN;
  };
}

const levelSets: Label[][] = [
  [0, 1],
  ["no", "yes"],
  [3, "basic", true],
  ["0", "1", "true"],
  [-1, 1, 2.5, 1e21, 70, 63, 64],
  ["3", 3.5, false],
  [" 3", "", "NaN", "Infinity"],
];

const values: unknown[] = [
  0,
  -0,
  1,
  2,
  3,
  63,
  64,
  70,
  -1,
  2.5,
  3.5,
  1e21,
  NaN,
  Infinity,
  -Infinity,
  2 ** 31,
  -(2 ** 31),
  "0",
  "-0",
  "1",
  "1.0",
  " 3 ",
  "3",
  "3.5",
  "0x3",
  "1e21",
  "NaN",
  "Infinity",
  "",
  " ",
  "no",
  "yes",
  "basic",
  " basic",
  "true",
  " true",
  "false",
  "True",
  true,
  false,
  null,
  undefined,
  {},
  [1],
  1n,
];

Deno.test("level lookups give the codes of the keyed rules, first and repeated calls alike", () => {
  for (const levels of levelSets) {
    const code = levelLookup(levels);
    const reference = keyedReference(levels);
    for (let pass = 0; pass < 3; pass++) {
      for (const v of values) {
        assert.equal(code(v), reference(v), `${JSON.stringify(levels)} ${String(v)} pass ${pass}`);
      }
    }
  }
});

Deno.test("a lookup past its memory of distinct values keeps giving the same codes", () => {
  const levels: Label[] = ["a", 7, "9000"];
  const code = levelLookup(levels);
  const reference = keyedReference(levels);
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < 10_000; i++) {
      for (const v of [`v${i}`, String(i), i, i + 0.5, "a", 7, "7"]) {
        assert.equal(code(v), reference(v), `${String(v)} pass ${pass}`);
      }
    }
  }
});
