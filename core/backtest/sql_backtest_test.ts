import assert from "node:assert/strict";
import type { ParamValue, Plugin, Task } from "../contract/mod.ts";
import type { Project } from "../project/mod.ts";
import decisionTree from "../../plugins/decision_tree/mod.ts";
import gradientBoosting from "../../plugins/gradient_boosting/mod.ts";
import linear from "../../plugins/linear/mod.ts";
import logistic from "../../plugins/logistic/mod.ts";
import randomForest from "../../plugins/random_forest/mod.ts";
import { backtest } from "./backtest.ts";
import { sqlBacktest } from "./sql_backtest.ts";
import { assertSameResult, fittedArtifact, withEngineProject } from "./sql_test_project.ts";

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
