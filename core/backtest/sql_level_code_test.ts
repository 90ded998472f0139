import assert from "node:assert/strict";
import type { Label } from "../artifact/mod.ts";
import { duckdb } from "../data/mod.ts";
import { levelLookup } from "../preprocess/mod.ts";
import { sqlNumber } from "../sql/mod.ts";
import type { SqlValueKind } from "./sql_js_text.ts";
import { levelCodeSql } from "./sql_level_code.ts";

const LEVELS: Label[][] = [
  ["a", "b", "c, d"],
  [3, "basic", true, 1000],
  ["3", 2, "NaN", "Infinity", "0", false],
  [0.1, "1e21", "true", -7],
  [true, false],
  ["x", "y"],
];

/** Values of one SQL kind, and what the JavaScript engine sees for each (a number column's NULL is NaN). */
const VALUES: Record<SqlValueKind, { sql: string; js: unknown }[]> = {
  text: [
    "a",
    "b",
    "c, d",
    " a",
    "3",
    " 3.0 ",
    "3e0",
    "0x3",
    "0X3",
    "0b11",
    "0o3",
    "0o17",
    "+3",
    "-7",
    "-7.",
    ".1",
    "1e21",
    "1000",
    "0x3E8",
    "1_000",
    "true",
    " false\\n",
    "True",
    "NaN",
    "Infinity",
    "",
    " ",
    "\u00a02\u3000",
    "basic",
    "-0",
    "0.10",
  ].map((s): { sql: string; js: unknown } => ({
    sql: `'${s.replace("\\n", "' || chr(10) || '")}'`,
    js: s.replace("\\n", "\n"),
  }))
    .concat([{ sql: "NULL", js: null }]),
  number: [3, 2, 1000, 0.1, -7, 0, -0, 1e21, Infinity, -Infinity, 5, 2.5]
    .map((x) => ({ sql: Number.isFinite(x) ? sqlNumber(x) : `'${x}'::DOUBLE`, js: x as unknown }))
    .concat([{ sql: "'NaN'::DOUBLE", js: NaN }, { sql: "NULL", js: NaN }]),
  boolean: [{ sql: "true", js: true }, { sql: "false", js: false }, { sql: "NULL", js: null }],
};

Deno.test("levelCodeSql gives the codes levelLookup gives, for text, number and boolean columns", async () => {
  const db = await duckdb();
  for (const levels of LEVELS) {
    const lookup = levelLookup(levels);
    for (const [kind, values] of Object.entries(VALUES) as [SqlValueKind, typeof VALUES.text][]) {
      const type = { text: "VARCHAR", number: "DOUBLE", boolean: "BOOLEAN" }[kind];
      const rows = values.map((v) => `(CAST(${v.sql} AS ${type}))`).join(", ");
      const sql = `SELECT ${levelCodeSql("v", kind, levels)} AS c FROM (VALUES ${rows}) t(v)`;
      const got = (await db.runAndReadAll(sql)).getRowObjectsJS().map((r) => r.c);
      values.forEach((v, i) => {
        const want = v.js === null ? -1 : lookup(v.js);
        assert.equal(got[i], want, `${JSON.stringify(levels)}: ${kind} ${v.sql}`);
      });
    }
  }
});
