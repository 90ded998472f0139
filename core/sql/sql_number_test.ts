import assert from "node:assert/strict";
import { duckdb } from "../data/mod.ts";
import { createRandom } from "../random/mod.ts";
import { sqlNumber } from "./sql_number.ts";

/** Doubles from random bit patterns (every exponent, subnormals included) and edge values. */
function doubles(): number[] {
  const random = createRandom(17);
  const bits = new Uint32Array(2), view = new Float64Array(bits.buffer);
  const out = [
    0,
    -0,
    5e-324,
    -5e-324,
    2.2250738585072014e-308,
    2.225073858507201e-308,
    1e308,
    -1e308,
    1.7976931348623157e308,
    0.1,
    0.2,
    0.3,
    1 / 3,
    2 ** 53,
    2 ** 53 + 2,
    9007199254740993,
    123456.789,
    1e21,
    1e-7,
    0.1 + 0.2,
  ];
  while (out.length < 3000) {
    bits[0] = random.int(2 ** 32);
    bits[1] = random.int(2 ** 32);
    if (Number.isFinite(view[0]!)) out.push(view[0]!);
    // Decimal-looking values too, with up to 17 significant digits.
    out.push(Number((random.next() * 10 ** random.int(20)).toPrecision(1 + random.int(17))));
  }
  return out;
}

Deno.test("sqlNumber: every literal reads back in DuckDB as the same double, typed DOUBLE", async () => {
  const db = await duckdb();
  const values = doubles();
  for (let from = 0; from < values.length; from += 500) {
    const chunk = values.slice(from, from + 500);
    const sql = `SELECT [${chunk.map(sqlNumber).join(", ")}] AS v, typeof(${
      sqlNumber(chunk[0]!)
    }) AS t`;
    const row = (await db.runAndReadAll(sql)).getRowObjectsJS()[0]!;
    assert.equal(row.t, "DOUBLE");
    const got = row.v as number[];
    chunk.forEach((x, i) => {
      assert.ok(Object.is(got[i], x), `${sqlNumber(x)} read back as ${got[i]}, not ${x}`);
    });
  }
});

Deno.test("sqlNumber: negatives are parenthesised, so subtracting one never starts a comment", async () => {
  const db = await duckdb();
  const sql = `SELECT 1e0 -${sqlNumber(-1)} AS two`;
  assert.equal(sql, "SELECT 1e0 -(-1e0) AS two");
  assert.equal((await db.runAndReadAll(sql)).getRowObjectsJS()[0]!.two, 2);
  assert.throws(() => sqlNumber(NaN), /must be finite/);
  assert.throws(() => sqlNumber(Infinity), /must be finite/);
});
