import assert from "node:assert/strict";
import { RatchetError } from "../errors/mod.ts";
import { postgresSql } from "./postgres_dialect.ts";

Deno.test("postgresSql: numbers become doubles, quoted text and names stay as they are", () => {
  assert.equal(
    postgresSql(`SELECT 1.5e300 * "x1e0" + 2 AS "p_1e0", 'a 2e0 isnan(x) b' AS t`),
    `SELECT CAST(1.5e300 AS DOUBLE PRECISION) * "x1e0" + 2 AS "p_1e0", 'a 2e0 isnan(x) b' AS t`,
  );
  assert.equal(postgresSql("_p1e0 + x2e0"), "_p1e0 + x2e0", "names with digits are names");
  assert.equal(postgresSql(`'it''s 1e0'`), `'it''s 1e0'`);
});

Deno.test("postgresSql: DOUBLE, isnan() (nested too) and trim(x, chars) in PostgreSQL's words", () => {
  assert.equal(
    postgresSql("CAST(NULL AS DOUBLE) + CAST(y AS double precision)"),
    "CAST(NULL AS DOUBLE PRECISION) + CAST(y AS double precision)",
  );
  assert.equal(
    postgresSql("isnan(isnan(a) + f(b, ')'))"),
    "((((a) = CAST('NaN' AS DOUBLE PRECISION)) + f(b, ')')) = CAST('NaN' AS DOUBLE PRECISION))",
  );
  assert.equal(postgresSql("trim(v, ' ')"), "btrim(v, ' ')");
});

Deno.test("postgresSql: a DuckDB function without a translation is refused", () => {
  assert.throws(
    () => postgresSql("regexp_full_match(v, '0x')"),
    (e) => e instanceof RatchetError && e.message.includes("regexp_full_match()"),
  );
  assert.throws(() => postgresSql("error('x')"), RatchetError);
  assert.equal(postgresSql("'regexp_full_match(' || v"), "'regexp_full_match(' || v");
});
