import assert from "node:assert/strict";
import { duckdb } from "../data/mod.ts";
import { checkSuspectSql, type SqlCheck } from "./sql_check.ts";

/** `_suspect` of the rows `values` (a, b, c as SQL literals), in one partition. */
async function suspect(checks: SqlCheck[], values: string[]): Promise<number> {
  const s = checkSuspectSql(checks);
  const rows = values.map((v) => `(${v})`).join(", ");
  const sql =
    `WITH _s AS (SELECT *, ${s.scored.join(", ") || "1 AS _none"} FROM (VALUES ${rows}) ` +
    `t(a, b, c)), _g AS (SELECT count(*) AS _n${
      s.aggregates.map((a) => `, ${a}`).join("")
    } FROM _s) SELECT ${s.select} FROM _g`;
  const row = (await (await duckdb()).runAndReadAll(sql)).getRowObjectsJS()[0]!;
  return Number(row._suspect);
}

const CHECKS: SqlCheck[] = [
  // a may be missing (an imputer fills it): only its infinities are refused.
  { rank: 0, when: "isinf(a)", message: "'a'", nonFinite: "a", infiniteOnly: true },
  { rank: 1, when: "NOT coalesce(isfinite(b), false)", message: "'b'", nonFinite: "b" },
  { rank: 2, when: "c < 0", message: "'c'" },
];

Deno.test("the suspect count is 0 exactly when no row may be refused", async () => {
  const n = (x: number | string) => `CAST('${x}' AS DOUBLE)`;
  assert.equal(await suspect(CHECKS, [`${n(1)}, ${n(2)}, 3`, `NULL, ${n(2)}, 3`]), 0);
  assert.equal(await suspect(CHECKS, [`${n("NaN")}, ${n(2)}, 3`]), 0);
  assert.ok(await suspect(CHECKS, [`${n("-Infinity")}, ${n(2)}, 3`]) > 0);
  assert.ok(await suspect(CHECKS, [`${n(1)}, NULL, 3`]) > 0);
  assert.ok(await suspect(CHECKS, [`${n(1)}, ${n("NaN")}, 3`]) > 0);
  assert.ok(await suspect(CHECKS, [`${n(1)}, ${n(2)}, -3`]) > 0);
  // Finite values whose sum overflows are suspect too: the first refusal is then looked for, and not found.
  assert.ok(await suspect(CHECKS, [`${n(1)}, ${n(1.5e308)}, 3`, `${n(1)}, ${n(1.5e308)}, 3`]) > 0);
  // Another check that refuses a's missing values takes it into the sum.
  const strict = [...CHECKS, { rank: 3, when: "a IS NULL", message: "'a'", nonFinite: "a" }];
  assert.ok(await suspect(strict, [`NULL, ${n(2)}, 3`]) > 0);
  assert.equal(await suspect([], [`${n(1)}, ${n(2)}, 3`]), 0);
});
