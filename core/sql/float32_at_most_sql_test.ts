import assert from "node:assert/strict";
import { duckdb } from "../data/mod.ts";
import { createRandom } from "../random/mod.ts";
import { float32AtMostSql, float32Boundary } from "./float32_at_most_sql.ts";

const _f = new Float32Array(1), _u = new Uint32Array(_f.buffer);

/** The float32 `steps` units of least precision away from float32 `f`, by bit pattern. */
function stepFloat32(f: number, steps: number): number {
  _f[0] = f;
  const up = f > 0 || (f === 0 && steps > 0 && !Object.is(f, -0));
  _u[0] = f === 0 ? (steps > 0 ? steps : 0x80000000 - steps) : _u[0]! + (up ? steps : -steps);
  return _f[0]!;
}

/** Thresholds: float32s of every magnitude and sign, the extremes, and −Infinity. */
function thresholds(): number[] {
  const random = createRandom(5);
  const out = [0, 1, -1, 0.5, 1.401298464324817e-45, -1.401298464324817e-45, 3.4028234663852886e38];
  out.push(-3.4028234663852886e38, 1.1754943508222875e-38, -Infinity);
  for (let i = 0; i < 300; i++) {
    const f = Math.fround(random.normal() * 10 ** (random.int(80) - 40));
    if (Number.isFinite(f)) out.push(f);
  }
  return out;
}

/** Doubles on and around the rounding boundary of `f`: the midpoint, its neighbours, and nearby float32s. */
function around(f: number): number[] {
  const { bound } = float32Boundary(f);
  const nextDouble = (x: number, dir: number) => {
    const a = new Float64Array([x]), b = new BigInt64Array(a.buffer);
    if (x === 0) return dir * 5e-324;
    b[0] = b[0]! + BigInt((x > 0 ? 1 : -1) * dir);
    return a[0]!;
  };
  const out = [bound, nextDouble(bound, 1), nextDouble(bound, -1), -bound, 0, -0];
  if (Number.isFinite(f)) {
    out.push(f, nextDouble(f, 1), nextDouble(f, -1));
    for (const s of [1, 2, -1]) out.push(stepFloat32(f, s));
  }
  return out.filter(Number.isFinite);
}

Deno.test("float32Boundary: a double comparison that equals Math.fround(x) <= f around every boundary", () => {
  for (const f of thresholds()) {
    const { bound, inclusive } = float32Boundary(f);
    for (const x of around(f)) {
      assert.equal(
        inclusive ? x <= bound : x < bound,
        Math.fround(x) <= f,
        `x = ${x}, f = ${f}, bound = ${bound}`,
      );
    }
  }
  assert.throws(() => float32Boundary(0.1), /float32 threshold/);
  assert.throws(() => float32Boundary(NaN), /float32 threshold/);
});

Deno.test("float32AtMostSql: DuckDB splits exactly like Math.fround, even beyond the float32 range", async () => {
  const db = await duckdb();
  const fs = thresholds();
  const cases: [number, number][] = [];
  for (const f of fs) for (const x of around(f)) cases.push([x, f]);
  // Values whose float32 overflows, where CAST(x AS FLOAT) fails in DuckDB.
  for (const x of [1e300, -1e300, 3.4028235677973366e38, -3.4028235677973366e38]) {
    for (const f of [3.4028234663852886e38, -3.4028234663852886e38, -Infinity, 0]) {
      cases.push([x, f]);
    }
  }
  for (let from = 0; from < cases.length; from += 400) {
    const chunk = cases.slice(from, from + 400);
    const sql = `SELECT [${
      chunk.map(([x, f]) => float32AtMostSql(`CAST('${x}' AS DOUBLE)`, f)).join(", ")
    }] AS v`;
    const got = (await db.runAndReadAll(sql)).getRowObjectsJS()[0]!.v as boolean[];
    chunk.forEach(([x, f], i) => {
      assert.equal(got[i], Math.fround(x) <= f, `x = ${x}, f = ${f}: ${float32AtMostSql("x", f)}`);
    });
  }
  const nulls = await db.runAndReadAll(
    `SELECT ${float32AtMostSql("NULL::DOUBLE", 1)} IS TRUE AS a, ${
      float32AtMostSql("'NaN'::DOUBLE", 1)
    } AS b`,
  );
  assert.deepEqual(nulls.getRowObjectsJS()[0], { a: false, b: false });
});
