import assert from "node:assert/strict";
import type { ParamValue, Plugin, Task } from "../contract/mod.ts";
import type { Project } from "../project/mod.ts";
import decisionTree from "../../plugins/decision_tree/mod.ts";
import gradientBoosting from "../../plugins/gradient_boosting/mod.ts";
import linear from "../../plugins/linear/mod.ts";
import logistic from "../../plugins/logistic/mod.ts";
import randomForest from "../../plugins/random_forest/mod.ts";
import { resolve } from "node:path";
import { datasetDir, loadDataset } from "../data/mod.ts";
import { backtest } from "./backtest.ts";
import { sqlBacktest } from "./sql_backtest.ts";
import { SqlDiagnosticsCollector } from "./sql_diagnostics_collector.ts";
import { hivePartitioned } from "./sql_group_query.ts";
import {
  assertSameResult,
  close,
  fittedArtifact,
  importRows,
  monthRows,
  withEngineProject,
} from "./sql_test_project.ts";

/** Every SQL-capable plugin and task, fitted by the plugin itself. */
const MODELS: [string, Plugin, Task, Record<string, ParamValue>][] = [
  ["linear", linear, "regression", {}],
  ["logistic-binary-multinomial", logistic, "binary", {}],
  ["logistic-binary-ovr", logistic, "binary", { multi_class: "ovr" }],
  ["logistic-multiclass-multinomial", logistic, "multiclass", {}],
  ["logistic-multiclass-ovr", logistic, "multiclass", { multi_class: "ovr" }],
  ["tree-regression", decisionTree, "regression", { max_depth: 5 }],
  ["tree-binary", decisionTree, "binary", { max_depth: 5 }],
  ["tree-multiclass", decisionTree, "multiclass", { max_depth: 5 }],
  ["forest-regression", randomForest, "regression", { n_estimators: 6, max_depth: 4 }],
  ["forest-binary", randomForest, "binary", { n_estimators: 6, max_depth: 4 }],
  ["forest-multiclass", randomForest, "multiclass", { n_estimators: 6, max_depth: 4 }],
  ["boosting-regression", gradientBoosting, "regression", { n_estimators: 12, max_depth: 3 }],
  ["boosting-binary", gradientBoosting, "binary", { n_estimators: 12, max_depth: 3 }],
  ["boosting-multiclass", gradientBoosting, "multiclass", { n_estimators: 8, max_depth: 3 }],
];

async function compare(project: Project, name: string, options = {}) {
  const ref = { name, ref: undefined } as const;
  const js = await backtest(project, ref, "engines", options);
  const sql = await sqlBacktest(project, ref, "engines", options);
  return { js, sql, differences: assertSameResult(js, sql) };
}

Deno.test("the SQL engine gives the JavaScript engine's metrics and diagnostics, for every SQL plugin and task", async (t) => {
  await withEngineProject(async (project) => {
    const largest: Record<string, number> = {};
    for (const [name, plugin, task, params] of MODELS) {
      project.store.publish(name, fittedArtifact(plugin, task, params));
      await t.step(name, async () => {
        const { js, differences } = await compare(project, name);
        for (const [metric, d] of Object.entries(differences)) {
          largest[metric] = Math.max(largest[metric] ?? 0, d);
        }
        // The fixture covers what it claims: a one-class partition, two files, every row scored.
        assert.deepEqual(js.partitions.map((p) => p.rows), [400, 320, 120, 210]);
        if (task !== "regression") assert.equal(js.partitions[2]!.metrics.roc_auc, null);
        else assert.equal(js.partitions[2]!.metrics.r2, null);
      });
    }
    console.log("largest |SQL − JS| per metric (relative beyond 1):", largest);
  });
});

Deno.test("the SQL engine scores tied scores exactly: ROC AUC counts ties as halves", async () => {
  await withEngineProject(async (project) => {
    project.store.publish("tree", fittedArtifact(decisionTree, "binary", { max_depth: 2 }));
    const { js, sql } = await compare(project, "tree", { from: "2024-04", to: "2024-04" });
    // Seven distinct rows repeated: a depth-2 tree gives at most four scores, each shared by both classes.
    const auc = js.partitions[0]!.metrics.roc_auc!;
    assert.ok(auc > 0 && auc < 1);
    assert.equal(sql.partitions[0]!.metrics.roc_auc, auc);
  });
});

Deno.test("a partition per query, with or without Hive folders, the SQL engine gives the JavaScript engine's result", async (t) => {
  await withEngineProject(async (project) => {
    // A column named as the partition key keeps DuckDB from reading the Hive folders.
    const rows = [
      ...monthRows("2024-01", 400, 1),
      ...monthRows("2024-02", 320, 2),
      ...monthRows("2024-03", 120, 3, { constant: true }),
    ].map((r) => ({ ...r, month: String(r.day).slice(0, 7) }));
    await importRows(project.root, "plain", rows);
    const datasets = ["engines", "plain"];
    const hive = datasets.map((name) => {
      const d = loadDataset(project.root, name);
      return hivePartitioned(d, resolve(datasetDir(project.root, name)), d.partitions);
    });
    assert.deepEqual(hive, [true, false]);
    // Every later query lists the rows above the first's bound; the worst rows that were not their
    // partition's worst have their details read again.
    let reread = 0;
    const addDetails = SqlDiagnosticsCollector.prototype.addDetails;
    SqlDiagnosticsCollector.prototype.addDetails = function (this: SqlDiagnosticsCollector, p, w) {
      reread += w.length;
      return addDetails.call(this, p, w);
    };
    try {
      // Linear, logistic (binary and multiclass), and a tree, whose losses tie.
      for (const [name, plugin, task, params] of [0, 2, 3, 5].map((k) => MODELS[k]!)) {
        project.store.publish(name, fittedArtifact(plugin, task, params));
        for (const dataset of datasets) {
          await t.step(`${name} on ${dataset}`, async () => {
            const ref = { name, ref: undefined } as const;
            const grouping = { files: 1, firstRows: 1, rows: 1e9 };
            const js = await backtest(project, ref, dataset);
            const sql = await sqlBacktest(project, ref, dataset, { grouping });
            assertSameResult(js, sql);
            assert.equal(js.diagnostics.worst.length, 20);
          });
        }
      }
    } finally {
      SqlDiagnosticsCollector.prototype.addDetails = addDetails;
    }
    assert.ok(reread > 0, "no worst row had its details read again");
  });
});

Deno.test("without diagnostics both engines give the same metrics as with them, and say the diagnostics were omitted", async (t) => {
  await withEngineProject(async (project) => {
    for (const [name, plugin, task, params] of [0, 1, 5].map((k) => MODELS[k]!)) {
      project.store.publish(name, fittedArtifact(plugin, task, params));
      await t.step(name, async () => {
        const full = await compare(project, name);
        const bare = await compare(project, name, { diagnostics: false });
        for (const r of [bare.js, bare.sql]) {
          assert.deepEqual(r.diagnostics, { worst: [], omitted: true });
        }
        assert.equal(full.js.diagnostics.omitted, undefined);
        assert.equal(full.sql.diagnostics.worst.length, 20);
        // The diagnostics change nothing else: compare each engine's bare result with its full one.
        for (const engine of ["js", "sql"] as const) {
          const a = full[engine], b = bare[engine];
          assert.deepEqual(b.partitions.map((p) => p.rows), a.partitions.map((p) => p.rows));
          assert.deepEqual(b.requirements, a.requirements);
          a.partitions.forEach((p, k) => {
            assert.deepEqual(b.partitions[k]!.undefined, p.undefined);
            for (const [metric, v] of Object.entries(p.metrics)) {
              const w = b.partitions[k]!.metrics[metric];
              assert.ok(
                v === w || (v !== null && w !== null && w !== undefined && close(v, w)),
                `${engine} ${p.partition} ${metric}: ${v} vs ${w}`,
              );
            }
          });
        }
      });
    }
  });
});
