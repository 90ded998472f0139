import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import type { ArtifactBody, Step } from "../artifact/mod.ts";
import { connectDuckdb, datasetDir, importDataset, loadDataset } from "../data/mod.ts";
import { openProject, type Project } from "../project/mod.ts";
import linear from "../../plugins/linear/mod.ts";
import { backtest } from "./backtest.ts";
import { groupQuery } from "./sql_group_query.ts";
import { sqlBacktest } from "./sql_backtest.ts";
import { assertSameResult } from "./sql_test_project.ts";

/**
 * One partition per way a number can be refused, each with its bad value
 * in another feature and row; the last two partitions are clean, and one
 * of them has a constant target.
 */
const BAD: [string, string, number, string][] = [
  ["2024-01", "a", 3, "'NaN'::DOUBLE"],
  ["2024-02", "b", 5, "'Infinity'::DOUBLE"],
  ["2024-03", "c", 2, "'-Infinity'::DOUBLE"],
  ["2024-04", "a", 7, "NULL"],
  ["2024-05", "c", 0, "'NaN'::DOUBLE"],
  ["2024-06", "b", 9, "NULL"],
  ["2024-07", "y", 4, "'Infinity'::DOUBLE"],
];
const CLEAN = ["2024-08", "2024-09"];

/** Writes the rows with DuckDB (JSON has no NaN or infinities) and imports them. */
async function withStrictProject(fn: (project: Project) => Promise<void>): Promise<void> {
  const root = Deno.makeTempDirSync({ prefix: "ratchet-sql-strict-" });
  try {
    const rows: string[] = [];
    for (const month of [...BAD.map((b) => b[0]), ...CLEAN]) {
      for (let i = 0; i < 12; i++) {
        const v = (k: number) => ((i * 7 + k * 3 + month.length) % 11) / 2 - 2;
        const value: Record<string, string> = {
          a: String(v(1)),
          b: String(v(2)),
          c: String(v(3)),
          y: month === "2024-09" ? "5" : String(v(1) + v(4)),
        };
        const bad = BAD.find((b) => b[0] === month && b[2] === i);
        if (bad) value[bad[1]] = bad[3];
        const day = `${month}-${String(i + 1).padStart(2, "0")}`;
        rows.push(
          `('${day}'::DATE, ${value.a}::DOUBLE, ${value.b}::DOUBLE, ${value.c}::DOUBLE, ${value.y}::DOUBLE)`,
        );
      }
    }
    const file = join(root, "rows.parquet");
    const db = await connectDuckdb();
    try {
      await db.run(
        `COPY (SELECT * FROM (VALUES ${rows.join(", ")}) AS t(day, a, b, c, y)) ` +
          `TO '${file}' (FORMAT parquet)`,
      );
    } finally {
      db.disconnectSync();
    }
    await importDataset(root, [file], { dataset: "strict", time: "day", grain: "month" });
    await fn(await openProject(root));
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
}

function _artifact(preprocessing: Step[]): ArtifactBody {
  return {
    format: "ratchet.model/v1",
    plugin: { id: linear.id, version: `^${linear.version}` },
    task: "regression",
    features: ["a", "b", "c"].map((name) => ({ name, type: "number" as const })),
    target: { name: "y" },
    preprocessing,
    coefficients: { intercept: 0.25, weights: [1.5, 0, -2] },
    hyperparameters: {},
    provenance: { created: "2026-01-01T00:00:00Z", source: "sql strict tests" },
  };
}

/** Preprocessing that carries non-finite values through (scalers), or not (a clip). */
const MODELS: Record<string, Step[]> = {
  plain: [],
  scaled: [
    { type: "standard_scale", columns: ["a"], mean: [0.5], scale: [2] },
    { type: "minmax_scale", columns: ["b"], min: [-0.1], scale: [0.25] },
  ],
  clipped: [{ type: "minmax_scale", columns: ["c"], min: [0], scale: [0.5], clip: [0, 1] }],
};

Deno.test("a linear model's NaN, infinite and missing inputs fail their partition in both engines alike, found through its output", async (t) => {
  await withStrictProject(async (project) => {
    for (const [name, steps] of Object.entries(MODELS)) {
      project.store.publish(name, _artifact(steps));
      await t.step(name, async () => {
        const ref = { name, ref: undefined } as const;
        const js = await backtest(project, ref, "strict");
        // One query per partition too: a partition's refusal is then looked for on its own.
        for (const grouping of [undefined, { files: 1, firstRows: 1, rows: 1e9 }]) {
          const sql = await sqlBacktest(project, ref, "strict", grouping ? { grouping } : {});
          assertSameResult(js, sql);
        }
        const failed = js.partitions.filter((p) => p.error).map((p) => p.partition);
        assert.deepEqual(failed, BAD.map((b) => b[0]));
        assert.match(js.partitions[1]!.error!, /row 6: feature "b" expects a finite number/);
        assert.match(js.partitions[3]!.error!, /row 8: feature "a" is missing/);
        assert.equal(js.partitions.at(-1)!.metrics.r2, null);
        assert.match(js.partitions.at(-1)!.undefined!.r2!, /every row is 5/);
      });
    }
  });
});

Deno.test("the suspect sum of a linear model holds its output and target; a clipped feature's infinities are counted apart", async () => {
  await withStrictProject((project) => {
    const dataset = loadDataset(project.root, "strict");
    const guard = (name: string) => {
      project.store.publish(name, _artifact(MODELS[name]!));
      const model = project.model({ name, ref: undefined });
      const columns = ["a", "b", "c", "y", "day"];
      const q = groupQuery({
        model,
        dataset,
        dir: resolve(datasetDir(project.root, "strict")),
        partitions: dataset.partitions.slice(0, 1),
        offsets: [0],
        target: "y",
        columns,
        batchRows: 65536,
        bounds: {},
        hive: true,
      });
      const sum = /, ([^,]*) AS _guard,/.exec(q.scoring)?.[1];
      return [sum, /\(\(([^,]*)\)\) AS _other/.exec(q.scoring)?.[1]];
    };
    assert.deepEqual(guard("plain"), ["_o0 + _r3", undefined]);
    assert.deepEqual(guard("scaled"), ["_o0 + _r3", undefined]);
    // The clip makes an infinite c (`_r2`) finite, so its infinities are counted on their own
    // (its NULL and NaN still reach the output).
    assert.deepEqual(guard("clipped"), ["_o0 + _r3", "isinf(_r2)"]);
    return Promise.resolve();
  });
});
