import assert from "node:assert/strict";
import { join } from "node:path";
import type { Feature } from "../artifact/mod.ts";
import { duckdb, quoteIdentifier, quoteString } from "../data/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import { fixturesPath, parseFixtures, predictOne } from "../fixtures/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import type { Project } from "../project/mod.ts";
import { sqlNumber } from "../sql/mod.ts";
import { tableFromRows } from "../table/mod.ts";
import { monthRows } from "../backtest/sql_test_project.ts";
import { postgresTest, withPostgres } from "./_postgres.ts";
import { ALL_MODELS, randomRows, textLevels, withExportProject } from "./_test_project.ts";
import { exportBundle } from "./export_bundle.ts";
import { scoreSql } from "./score_sql.ts";

type Row = Record<string, unknown>;

/** score.sql must give ratchet's numbers to this absolute difference (the engines' exp differ in the last bits). */
const TOLERANCE = 1e-12;

const SQL_MODELS = ALL_MODELS.filter((name) => !name.startsWith("nb-"));

function rowsFor(project: Project, model: CompiledModel, seed: number): Row[] {
  const name = model.artifact.name!;
  const fixtures = parseFixtures(Deno.readTextFileSync(fixturesPath(project.store, name)), "f");
  return [
    ...fixtures.map((f) => f.input as Row),
    ...randomRows(model, 300, seed),
    ...(model.preprocessor.features.some((f) => f.name === "color")
      ? monthRows("2025-03", 100, seed)
      : []),
  ];
}

/** SQL creating table `input` (plus `_id`) holding `rows`. */
function inputTable(features: readonly Feature[], rows: readonly Row[], postgres: boolean): string {
  const type = (f: Feature) =>
    f.type === "number"
      ? "DOUBLE PRECISION"
      : f.type === "boolean"
      ? "BOOLEAN"
      : postgres
      ? "TEXT"
      : "VARCHAR";
  const literal = (f: Feature, v: unknown) =>
    v === null || v === undefined
      ? "NULL"
      : f.type === "category"
      ? quoteString(String(v))
      : typeof v === "boolean"
      ? String(v).toUpperCase()
      : `CAST(${sqlNumber(v as number)} AS DOUBLE PRECISION)`;
  const columns = ["_id INTEGER", ...features.map((f) => `${quoteIdentifier(f.name)} ${type(f)}`)];
  const values = rows.map((r, i) =>
    `(${[String(i), ...features.map((f) => literal(f, r[f.name]))].join(", ")})`
  );
  return `CREATE TEMP TABLE input (${columns.join(", ")});\nINSERT INTO input VALUES ${
    values.join(", ")
  };\n`;
}

/** Asserts the query's rows (by `_id`) carry ratchet's predictions and probabilities. */
function assertScores(model: CompiledModel, rows: readonly Row[], scored: readonly Row[]): number {
  assert.equal(scored.length, rows.length);
  const n = rows.length;
  const out = model.predictTable(tableFromRows(rows));
  let worst = 0;
  scored.forEach((s, i) => {
    assert.equal(Number(s._id), i);
    const expected = predictOne(model, rows[i]!);
    const check = (got: unknown, want: number, what: string) => {
      const d = Math.abs(Number(got) - want);
      worst = Math.max(worst, d);
      assert(d <= TOLERANCE, `row ${i}, ${what}: SQL ${got}, ratchet ${want}`);
    };
    if (model.task === "regression") return check(s.prediction, out[i]!, "prediction");
    assert.equal(String(s.prediction), String(expected.prediction), `row ${i}: predicted label`);
    model.labels.forEach((l, k) => check(s[`p_${l}`], out[k * n + i]!, `p_${l}`));
  });
  return worst;
}

Deno.test("score.sql run in DuckDB gives ratchet's predictions on fixtures and random rows, for every SQL plugin and task", async (t) => {
  await withExportProject(async (project) => {
    const out = Deno.makeTempDirSync({ prefix: "ratchet-bundles-" });
    const db = await duckdb();
    const worst: Record<string, number> = {};
    try {
      for (const [k, name] of SQL_MODELS.entries()) {
        await t.step(name, async () => {
          const model = project.model({ name, ref: undefined });
          const { dir } = await exportBundle(project, { name, ref: undefined }, {
            out,
            sql: "duckdb",
            commit: null,
          });
          const sql = Deno.readTextFileSync(join(dir, "score.sql"));
          const rows = rowsFor(project, model, 300 + k);
          await db.run("DROP TABLE IF EXISTS input");
          await db.run(inputTable(model.preprocessor.features, rows, false));
          const scored = (await db.runAndReadAll(`SELECT * FROM (${sql}) ORDER BY _id`))
            .getRowObjectsJS();
          // Every column of input is kept, with the scores appended.
          assert.deepEqual(
            Object.keys(scored[0]!).slice(0, model.preprocessor.features.length + 1),
            [
              "_id",
              ...model.preprocessor.features.map((f) => f.name),
            ],
          );
          worst[name] = assertScores(model, rows, scored);
        });
      }
      console.log("largest |DuckDB − ratchet| per model:", worst);
    } finally {
      await db.run("DROP TABLE IF EXISTS input");
      Deno.removeSync(out, { recursive: true });
    }
  });
});

Deno.test("score.sql in DuckDB refuses a row ratchet refuses, with ratchet's message", async () => {
  await withExportProject(async (project) => {
    const db = await duckdb();
    try {
      for (
        const [name, bad] of [
          ["rain-tomorrow", { weather: "hail" }],
          ["tree-binary", { size: "XL" }],
          ["linear", { x2: null }],
        ] as const
      ) {
        const model = project.model({ name, ref: undefined });
        const row = { ...randomRows(model, 1, 5)[0]!, ...bad };
        let message = "";
        try {
          predictOne(model, row);
        } catch (e) {
          message = (e as Error).message;
        }
        assert(message.startsWith("row 1: "), message);
        await db.run("DROP TABLE IF EXISTS input");
        await db.run(
          inputTable(model.preprocessor.features, [randomRows(model, 1, 6)[0]!, row], false),
        );
        await assert.rejects(
          () => db.runAndReadAll(scoreSql(model, "duckdb")),
          (e) => (e as Error).message.includes(message.replace(/^row 1: /, "a row of input: ")),
        );
      }
    } finally {
      await db.run("DROP TABLE IF EXISTS input");
    }
  });
});

Deno.test("score.sql for PostgreSQL refuses category features with number levels, naming the feature", async () => {
  await withExportProject((project) => {
    const model = project.model({ name: "tree-binary", ref: undefined });
    assert.throws(
      () => scoreSql(model, "postgres"),
      (e) =>
        e instanceof RatchetError && e.message.includes('category feature "zip" has number levels'),
    );
    return Promise.resolve();
  });
});

Deno.test({
  name: "score.sql run in PostgreSQL gives ratchet's predictions, for every SQL plugin and task",
  ...postgresTest(),
  fn: async (t) => {
    await withExportProject(async (project) => {
      await withPostgres(async (psql) => {
        const worst: Record<string, number> = {};
        for (const [k, name] of SQL_MODELS.entries()) {
          await t.step(name, async () => {
            const { name: _, version: __, sha256: ___, ...body } = project.store.load(name);
            project.store.publish(`${name}-text`, textLevels(body));
            const model = project.model({ name: `${name}-text`, ref: undefined });
            // Moderate values: PostgreSQL raises an error where exp() or a product underflows.
            const rows = randomRows(model, 200, 500 + k, { moderate: true });
            const sql = scoreSql(model, "postgres");
            const json = await psql(
              `${inputTable(model.preprocessor.features, rows, true)}` +
                `SELECT json_agg(s ORDER BY s._id) FROM (${sql}) AS s;`,
            );
            worst[name] = assertScores(model, rows, JSON.parse(json));
          });
        }
        console.log("largest |PostgreSQL − ratchet| per model:", worst);
      });
    });
  },
});
