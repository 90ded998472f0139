/**
 * Test support: evaluates a plugin's `toSQL` expressions in a real SQL
 * engine (SQLite, through {@linkcode runPython}), so SQL tests check what a
 * database computes rather than the text. SQLite has no `greatest`; the
 * variadic one of DuckDB and PostgreSQL is registered under that name.
 *
 * @module
 */
import { runPython } from "./python.ts";

const SCRIPT = `
import json, math, sqlite3, sys
d = json.load(sys.stdin)
con = sqlite3.connect(":memory:")
con.create_function("greatest", -1, lambda *a: max(a), deterministic=True)
names = d["names"]
# A row number column, so that a table without inputs still has rows.
con.execute("create table t (" + ", ".join(['_row INTEGER'] + ['"%s" REAL' % n for n in names]) + ")")
con.executemany("insert into t values (" + ", ".join("?" * (len(names) + 1)) + ")", d["rows"])
rows = con.execute("select " + ", ".join(d["expressions"]) + " from t order by _row").fetchall()
fin = lambda v: v if isinstance(v, (int, float)) and math.isfinite(v) else None
print(json.dumps([[fin(v) for v in r] for r in rows]))
`;

/**
 * Evaluates each SQL expression on `n` rows of a table whose columns are
 * `columns` (REAL, named `x0`, `x1`, … in order, so the expressions should
 * refer to `"x0"`, …). Returns one array per expression (output-major, like
 * `predictBatch`); a NULL, NaN or infinite result comes back as NaN.
 *
 * @example
 * ```ts ignore
 * import { evaluateSQL } from "./evaluate_sql.ts";
 * const [y] = await evaluateSQL(['2 * ("x0") + 1'], [new Float64Array([1, 2])], 2);
 * // y = Float64Array [3, 5]
 * ```
 */
export async function evaluateSQL(
  expressions: readonly string[],
  columns: readonly Float64Array[],
  n: number,
): Promise<Float64Array[]> {
  const rows = Array.from({ length: n }, (_, i) => [i, ...columns.map((c) => c[i]!)]);
  const names = columns.map((_, j) => `x${j}`);
  const result = await runPython<(number | null)[][]>(SCRIPT, { names, rows, expressions });
  return expressions.map((_, k) => Float64Array.from(result, (r) => r[k] ?? NaN));
}
