import assert from "node:assert/strict";
import { runPython, sklearnTest } from "../testing/python.ts";
import { createAccumulator, metricsFor } from "./mod.ts";
import { SCORED_CASES as CASES, type ScoredRows } from "./_scored_cases.ts";

/** Agreement asked of every metric: relative to the value, or absolute below 1. */
const TOLERANCE = 1e-12;

const SCRIPT = `
import json, sys, warnings
import numpy as np
from sklearn import metrics as M
from sklearn.exceptions import UndefinedMetricWarning

def call(f):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            v = float(f())
        except ValueError:
            return [None, True]
    ill = any(issubclass(w.category, UndefinedMetricWarning) for w in caught)
    return [v if np.isfinite(v) else None, ill or not np.isfinite(v)]

def fpr(y, yhat, labels):
    mcm = M.multilabel_confusion_matrix(y, yhat, labels=labels)
    tn, fp = mcm[:, 0, 0], mcm[:, 0, 1]
    if np.any(fp + tn == 0):
        return [None, True]
    return [float(np.mean(fp / (fp + tn))), False]

out = []
for c in json.load(sys.stdin):
    y = np.array(c["target"])
    if c["task"] == "regression":
        p = np.array(c["outputs"])
        r = {
            "rmse": call(lambda: M.mean_squared_error(y, p, squared=False)),
            "mae": call(lambda: M.mean_absolute_error(y, p)),
            "r2": call(lambda: M.r2_score(y, p)),
            "mape": call(lambda: M.mean_absolute_percentage_error(y, p)),
        }
        # scikit-learn reports 1 or 0 for a constant target; ratchet calls it undefined.
        if np.all(y == y[0]):
            r["r2"] = [None, True]
    else:
        P = np.array(c["outputs"])
        K = P.shape[1]
        yhat = np.argmax(P, axis=1)
        y = y.astype(int)
        r = {
            "accuracy": call(lambda: M.accuracy_score(y, yhat)),
            "log_loss": call(lambda: M.log_loss(y, P, labels=list(range(K)))),
        }
        if c["task"] == "binary":
            pos = c["positive"]
            yb, hb = (y == pos).astype(int), (yhat == pos).astype(int)
            r["precision"] = call(lambda: M.precision_score(yb, hb, labels=[0, 1]))
            r["recall"] = call(lambda: M.recall_score(yb, hb, labels=[0, 1]))
            r["f1"] = call(lambda: M.f1_score(yb, hb, labels=[0, 1]))
            r["fpr"] = fpr(yb, hb, [1])
            r["roc_auc"] = call(lambda: M.roc_auc_score(yb, P[:, pos]))
            r["brier"] = call(lambda: M.brier_score_loss(yb, P[:, pos], pos_label=1))
        else:
            r["precision"] = call(lambda: M.precision_score(y, yhat, average="macro"))
            r["recall"] = call(lambda: M.recall_score(y, yhat, average="macro"))
            r["f1"] = call(lambda: M.f1_score(y, yhat, average="macro"))
            r["fpr"] = fpr(y, yhat, None)
            r["roc_auc"] = call(lambda: M.roc_auc_score(y, P, multi_class="ovr", average="macro", labels=list(range(K))))
            r["brier"] = [None, True]
    out.append(r)
print(json.dumps(out))
`;

function toPython(c: ScoredRows) {
  const n = c.target.length;
  const width = c.task === "regression" ? 1 : c.classes;
  return {
    task: c.task,
    positive: c.positive,
    target: Array.from(c.target),
    outputs: width === 1
      ? Array.from(c.outputs)
      : Array.from({ length: n }, (_, i) =>
        Array.from({ length: width }, (_, k) => c.outputs[k * n + i]!)),
  };
}

Deno.test({
  name:
    "metrics equal scikit-learn's, and are null (with a reason) exactly where scikit-learn's are ill-defined",
  ...sklearnTest(),
  fn: async () => {
    const expected = await runPython<Record<string, [number | null, boolean]>[]>(
      SCRIPT,
      CASES.map(toPython),
    );
    const worst: Record<string, { abs: number; rel: number }> = {};
    CASES.forEach((c, index) => {
      const acc = createAccumulator({
        task: c.task,
        classes: c.classes,
        ...(c.positive === undefined ? {} : { positive: c.positive }),
      });
      acc.add(c.target, c.outputs, c.target.length);
      const report = acc.finish();
      assert.equal(report.rows, c.target.length);
      assert.deepEqual(Object.keys(report.values), [...metricsFor(c.task)]);
      for (const name of metricsFor(c.task)) {
        const ours = report.values[name];
        const [theirs, illDefined] = expected[index]![name]!;
        const where = `${c.name}: ${name}`;
        if (ours === null) {
          assert.ok(
            illDefined,
            `${where} is null (${report.reasons[name]}) but scikit-learn gives ${theirs}`,
          );
          assert.ok((report.reasons[name] ?? "").length > 10, `${where}: null without a reason`);
          continue;
        }
        assert.ok(
          !illDefined && theirs !== null,
          `${where} is ${ours}, but scikit-learn calls it ill-defined`,
        );
        assert.ok(!(name in report.reasons), `${where} has a value and a reason`);
        const abs = Math.abs(ours! - theirs!);
        assert.ok(
          abs <= TOLERANCE * Math.max(1, Math.abs(theirs!)),
          `${where}: ${ours} vs scikit-learn ${theirs}`,
        );
        const w = (worst[name] ??= { abs: 0, rel: 0 });
        w.abs = Math.max(w.abs, abs);
        w.rel = Math.max(w.rel, theirs === 0 ? abs : abs / Math.abs(theirs!));
      }
    });
    console.log("metrics vs scikit-learn, max differences:", worst);
  },
});
