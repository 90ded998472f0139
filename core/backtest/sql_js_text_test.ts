import assert from "node:assert/strict";
import { duckdb } from "../data/mod.ts";
import { createRandom } from "../random/mod.ts";
import { sqlNumber } from "../sql/mod.ts";
import { describeSql, jsNumberSql, jsonSql } from "./sql_js_text.ts";

async function values(sql: string): Promise<unknown[]> {
  const db = await duckdb();
  return (await db.runAndReadAll(sql)).getRowObjectsJS().map((r) => r.t);
}

Deno.test("jsNumberSql writes every double as String(x) does", async () => {
  const random = createRandom(8);
  const bits = new Uint32Array(2), view = new Float64Array(bits.buffer);
  const xs = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 1e-6, 123456.789, 2 ** 53, 2 ** 60, 2 ** 53 - 1];
  xs.push(9.99999999999999e20, 5e-324, 1.7976931348623157e308, -1.5e-300, 1e20, 100, 0.000123);
  while (xs.length < 4000) {
    bits[0] = random.int(2 ** 32);
    bits[1] = random.int(2 ** 32);
    if (Number.isFinite(view[0]!)) xs.push(view[0]!);
    xs.push(
      Number((random.normal() * 10 ** (random.int(50) - 25)).toPrecision(1 + random.int(17))),
    );
    xs.push(Math.round(random.normal() * 10 ** random.int(22)));
  }
  const rows = xs.map((x) => `(${sqlNumber(x)})`).join(", ");
  const got = await values(`SELECT ${jsNumberSql("x")} AS t FROM (VALUES ${rows}) v(x)`);
  xs.forEach((x, i) => assert.equal(got[i], String(x), `${x}`));
});

Deno.test("jsonSql and describeSql read like JSON.stringify and the JavaScript engine's messages", async () => {
  const texts = ["plain", 'q"uote', "back\\slash", "tab\there", "\u0001\u000b\u001f", "é/ü😀", ""];
  const rows = texts.map((t) => `('${t.replaceAll("'", "''")}')`).join(", ");
  assert.deepEqual(
    await values(`SELECT ${jsonSql("s", "text")} AS t FROM (VALUES ${rows}) v(s)`),
    texts.map((t) => JSON.stringify(t)),
  );
  const long = "x".repeat(39) + "yz";
  assert.deepEqual(
    await values(`SELECT ${describeSql("s", "text")} AS t FROM (VALUES ('${long}'), ('ok')) v(s)`),
    [JSON.stringify(long.slice(0, 40) + "…"), '"ok"'],
  );
  const numbers = ["NULL", "'NaN'", "'Infinity'", "'-Infinity'", "'2.5'", "'-0'"];
  const numberRows = numbers.map((n) => `(CAST(${n} AS DOUBLE))`).join(", ");
  assert.deepEqual(
    await values(`SELECT ${jsonSql("x", "number")} AS t FROM (VALUES ${numberRows}) v(x)`),
    [NaN, NaN, Infinity, -Infinity, 2.5, -0].map((x) => JSON.stringify(x)),
  );
  assert.deepEqual(
    await values(`SELECT ${describeSql("x", "number")} AS t FROM (VALUES ${numberRows}) v(x)`),
    [NaN, NaN, Infinity, -Infinity, 2.5, -0].map((x) => String(x)),
  );
  assert.deepEqual(
    await values(
      `SELECT ${jsonSql("b", "boolean")} AS t FROM (VALUES (true), (false), (NULL)) v(b)`,
    ),
    ["true", "false", "null"],
  );
});
