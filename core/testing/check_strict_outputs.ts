/**
 * Contract check of the `strict_outputs` tag: a plugin that declares it
 * must carry a NaN, an infinity or (in SQL) a NULL in any input through to
 * an output, in its compiled predictor and in its `toSQL`, evaluated by
 * DuckDB, the engine the SQL back-test runs on. The SQL engine trusts the
 * tag to find refused rows from the outputs alone, so a plugin that claims
 * it wrongly would let a refused row be scored.
 *
 * @module
 */
import type { ModelShape, Plugin } from "../contract/mod.ts";
import { connectDuckdb, quoteString } from "../data/mod.ts";
import { sqlNumber } from "../sql/mod.ts";
import type { Random } from "../random/mod.ts";
import { randomColumns } from "./check_predictions.ts";

/** The values an input may take that an output must carry: JavaScript's, then SQL's. */
const _BAD_JS = [NaN, Infinity, -Infinity] as const;
const _BAD_SQL = ["NULL", "'NaN'::DOUBLE", "'Infinity'::DOUBLE", "'-Infinity'::DOUBLE"] as const;

/**
 * Checks, on a few random rows, that setting any one input to NaN or
 * ±Infinity makes an output of the compiled predictor non-finite, and (when
 * the plugin has `toSQL`) that setting it to NULL, NaN or ±Infinity makes an
 * output NULL or non-finite in DuckDB. Throws naming the input, the value
 * and the row.
 *
 * @example
 * ```ts ignore
 * import linear from "../../plugins/linear/mod.ts";
 * const shape = { task: "regression", inputs: ["x", "y"], classes: 1 } as const;
 * await checkStrictOutputs(linear, shape, linear.parse({ intercept: 1, weights: [0, 2] }, shape), createRandom(1));
 * ```
 */
export async function checkStrictOutputs(
  plugin: Plugin,
  shape: ModelShape,
  coefficients: unknown,
  rng: Random,
): Promise<void> {
  const p = shape.inputs.length;
  const rows = 4;
  const cols = randomColumns(rng, p, rows);
  const predictor = plugin.compile(coefficients, shape);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < p; j++) {
      for (const bad of _BAD_JS) {
        const row = cols.map((c) => c[i]!);
        row[j] = bad;
        const out = predictor.predictRow(row);
        if (out.every((v) => Number.isFinite(v))) {
          throw new Error(
            `${plugin.id} declares strict_outputs, but input ${j} (${shape.inputs[j]}) = ${bad} ` +
              `gives the finite outputs [${out.join(", ")}] on row [${row.join(", ")}]; ` +
              "drop the tag, or carry non-finite inputs through",
          );
        }
      }
    }
  }
  if (!plugin.toSQL) return;
  const names = shape.inputs.map((_, j) => `x${j}`);
  const outputs = plugin.toSQL(coefficients, shape, names);
  const finite = outputs.map((o) => `coalesce(isfinite(${o}), false)`).join(" AND ") || "true";
  const values: string[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < p; j++) {
      for (const bad of _BAD_SQL) {
        const row = cols.map((c) => `${sqlNumber(c[i]!)}::DOUBLE`);
        row[j] = bad;
        values.push(`(${i}, ${j}, ${quoteString(bad)}, ${row.join(", ")})`);
      }
    }
  }
  if (values.length === 0) return;
  const db = await connectDuckdb();
  try {
    const sql = `SELECT _i, _j, _bad FROM (VALUES ${values.join(", ")}) ` +
      `AS t(_i, _j, _bad, ${names.join(", ")}) WHERE ${finite} ORDER BY _i, _j LIMIT 1`;
    const miss = (await db.runAndReadAll(sql)).getRowObjectsJS()[0];
    if (miss) {
      const j = Number(miss._j);
      throw new Error(
        `${plugin.id} declares strict_outputs, but its toSQL gives finite outputs when input ${j} ` +
          `(${shape.inputs[j]}) is ${miss._bad} (row ${Number(miss._i)}); ` +
          "drop the tag, or carry NULL and non-finite inputs through",
      );
    }
  } finally {
    db.disconnectSync();
  }
}
