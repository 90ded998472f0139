/**
 * `score.sql`: a model as one SQL query over a table named `input`, made of
 * the SQL that back-tests already use (`preprocessingSql`, the plugin's
 * `toSQL`, the refusal checks), for DuckDB or PostgreSQL.
 *
 * @module
 */
import { checkErrorSql, preprocessingSql, type SqlSource } from "../backtest/mod.ts";
import { outputsSql } from "../backtest/sql_outputs.ts";
import type { Label } from "../artifact/mod.ts";
import { quoteIdentifier, quoteString } from "../data/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import { sqlNumber } from "../sql/mod.ts";
import { postgresSql } from "./postgres_dialect.ts";

/** The SQL dialects `score.sql` can be written in. */
export type SqlDialect = "duckdb" | "postgres";

/** The dialects, in the order help texts list them. */
export const SQL_DIALECTS: readonly SqlDialect[] = ["duckdb", "postgres"];

/** How a row is named in the messages of refused rows: SQL has no row numbers to give. */
const _ROW = "'a row of input'";

/**
 * A query returning every row and column of the table `input` (one column
 * per feature, named as the feature) with `prediction` and, for
 * classifiers, `p_<label>` per class appended: ratchet's numbers, up to
 * the last bits of the engine's `exp`. In DuckDB a row ratchet refuses
 * fails the query with ratchet's message; PostgreSQL has no `error()`, so
 * there the inputs must be valid (see the header the query starts with).
 * Throws when the plugin has no `toSQL`.
 *
 * @example
 * ```ts
 * import { scoreSql } from "./score_sql.ts";
 * import { compileModel } from "../model/mod.ts";
 * import { PluginRegistry } from "../contract/mod.ts";
 * import { duckdb } from "../data/mod.ts";
 * import linear from "../../plugins/linear/mod.ts";
 * const model = compileModel({
 *   format: "ratchet.model/v1", name: "temp", version: 1, sha256: "0".repeat(64),
 *   plugin: { id: "linear", version: "^1.0.0" }, task: "regression",
 *   features: [{ name: "x", type: "number" }], target: { name: "y" }, preprocessing: [],
 *   coefficients: { intercept: 1, weights: [2] }, hyperparameters: {},
 *   provenance: { created: "2026-01-01", source: "example" },
 * }, new PluginRegistry([linear]));
 * const db = await duckdb();
 * const sql = `WITH input AS (SELECT 3e0 AS x, 'a' AS id) ${scoreSql(model, "duckdb")}`;
 * const rows = (await db.runAndReadAll(sql)).getRowObjectsJS();
 * if (rows[0]?.prediction !== 7 || rows[0]?.id !== "a") throw new Error(JSON.stringify(rows));
 * ```
 */
export function scoreSql(model: CompiledModel, dialect: SqlDialect): string {
  const { plugin } = model;
  if (!plugin.toSQL) {
    throw new RatchetError(
      "unsupported",
      `Cannot write score.sql for ${model.label}: its plugin ${plugin.id} (${plugin.version}) has no SQL form ` +
        "(toSQL); export without --sql, or choose a model whose plugin has one",
    );
  }
  const postgres = dialect === "postgres";
  const features = model.preprocessor.features;
  if (postgres) {
    const f = features.find((f) =>
      f.type === "category" && f.levels?.some((l) => typeof l === "number")
    );
    if (f) {
      throw new RatchetError(
        "unsupported",
        `Cannot write score.sql for PostgreSQL: ${model.label}'s category feature ${
          JSON.stringify(f.name)
        } has number levels, which only the DuckDB query reads from text as ratchet does; use --sql duckdb`,
      );
    }
  }
  const types = new Map(features.map((f) => [f.name, f.type]));
  const source: SqlSource = {
    // PostgreSQL cannot cast a boolean to a double, so it reads booleans as 0/1 integers.
    column: (name) =>
      postgres && types.get(name) === "boolean"
        ? `CAST(input.${quoteIdentifier(name)} AS INTEGER)`
        : `input.${quoteIdentifier(name)}`,
    kind: (name) => {
      const type = types.get(name);
      return type === "category" ? "text" : type === "boolean" && !postgres ? "boolean" : "number";
    },
    rowLabel: _ROW,
  };
  const pre = preprocessingSql(model, source);
  const rank = pre.checks.reduce((r, c) => Math.max(r, c.rank + 1), 0);
  const out = outputsSql(model, pre.inputs, _ROW, rank);
  let query = "SELECT 1 AS _one";
  pre.layers.filter((l) => l.length > 0).forEach((layer, k) => {
    query = `SELECT *, ${layer.join(", ")} FROM (${query}) AS _l${k}`;
  });
  const outputs = out.outputs.map((o, k) => `${o} AS _o${k}`).join(", ");
  query = `SELECT *, ${outputs} FROM (${query}) AS _m`;
  const checks = postgres
    ? ""
    : ` WHERE (${checkErrorSql([...pre.checks, ...out.checks])}) IS NULL`;
  const scored = `SELECT ${_predictionSql(model)}${
    model.labels.map((l, k) => `, _o${k} AS ${quoteIdentifier(`p_${l}`)}`).join("")
  } FROM (${query}) AS _s${checks}`;
  const body = `SELECT input.*, _scored.*\nFROM input, LATERAL (${scored}) AS _scored\n`;
  return _header(model, dialect) + (postgres ? postgresSql(body) : body);
}

/** The predicted value, or the label of the largest probability (the first on ties, as ratchet). */
function _predictionSql(model: CompiledModel): string {
  if (model.task === "regression") return "_o0 AS prediction";
  const labels = model.labels;
  const kinds = new Set(labels.map((l) => typeof l));
  const literal = (l: Label) =>
    kinds.size > 1 || typeof l === "string"
      ? quoteString(String(l))
      : typeof l === "number"
      ? sqlNumber(l)
      : String(l).toUpperCase();
  const last = labels.length - 1;
  const whens = labels.slice(0, last).map((l, k) => {
    const later = labels.slice(k + 1).map((_, j) => `_o${k} >= _o${k + 1 + j}`);
    return `WHEN ${later.join(" AND ")} THEN ${literal(l)}`;
  });
  return `CASE ${whens.join(" ")} ELSE ${literal(labels[last]!)} END AS prediction`;
}

function _header(model: CompiledModel, dialect: SqlDialect): string {
  const postgres = dialect === "postgres";
  const columns = model.preprocessor.features.map((f) => {
    const type = f.type === "number"
      ? (postgres ? "DOUBLE PRECISION" : "DOUBLE")
      : f.type === "boolean"
      ? "BOOLEAN"
      : `${postgres ? "TEXT" : "VARCHAR"}, one of ${
        (f.levels ?? []).slice(0, 12).map((l) => quoteString(String(l))).join(", ")
      }${(f.levels?.length ?? 0) > 12 ? ", …" : ""}`;
    return `--   ${quoteIdentifier(f.name)} ${type}`;
  });
  const outputs = model.task === "regression"
    ? "prediction (the predicted value)"
    : `prediction (the most probable class) and ${
      model.labels.map((l) => quoteIdentifier(`p_${l}`)).join(", ")
    } (each class's probability)`;
  const refusals = postgres
    ? [
      "-- PostgreSQL has no error(): rows ratchet refuses (a missing value without an imputer,",
      "-- an unknown category, a non-finite number) are not refused here but give NULL or",
      "-- meaningless outputs, so check inputs first. PostgreSQL also raises 'value out of",
      "-- range: underflow' where exp() underflows, which ratchet and DuckDB round to 0.",
    ]
    : ["-- A row ratchet refuses fails the query with ratchet's message."];
  return [
    `-- score.sql: ${model.label} (${model.plugin.id} ${model.plugin.version}) as one ${
      postgres ? "PostgreSQL" : "DuckDB"
    } query, written by ratchet export.`,
    "-- Reads a table or view named input with a column per feature:",
    ...columns,
    `-- and returns its rows, every column kept, with ${outputs} appended:`,
    "-- ratchet's numbers, up to rounding in the last bits of the engine's exp().",
    ...refusals,
    "",
  ].join("\n");
}
