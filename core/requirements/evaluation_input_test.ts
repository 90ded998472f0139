import assert from "node:assert/strict";
import { evaluationInput } from "./evaluation_input.ts";
import type { Requirements } from "./requirements.ts";

Deno.test("evaluationInput: an explicit file as given; else the sample, whose settings options override", () => {
  const r: Requirements = {
    format: "ratchet.requirements/v1",
    primary: "roc_auc",
    metrics: {},
    evaluation: { sample: "evaluation.jsonl", target: "churned", partition_by: "month" },
    history: [],
  };
  assert.deepEqual(evaluationInput("/p/models/churn", r, { input: "new.csv" }), {
    path: "new.csv",
    source: "new.csv",
  });
  assert.deepEqual(evaluationInput("/p/models/churn", r, { partitionBy: "region" }), {
    path: "/p/models/churn/evaluation.jsonl",
    source: "evaluation.jsonl",
    target: "churned",
    partitionBy: "region",
  });
  assert.throws(
    () => evaluationInput("/p/models/churn", { ...r, evaluation: undefined }),
    /Give --input FILE: the requirements of churn store no evaluation sample/,
  );
});
