import assert from "node:assert/strict";
import { RatchetError } from "../errors/mod.ts";
import { LOWER_IS_BETTER, metricsFor } from "../metrics/mod.ts";
import { ALL_METRICS, type Requirements } from "./requirements.ts";
import { parseRequirements, validateRequirements } from "./validate_requirements.ts";

const SOURCE = "models/churn/requirements.json";

function valid(): Requirements {
  return {
    format: "ratchet.requirements/v1",
    primary: "roc_auc",
    metrics: {
      roc_auc: { min: 0.7, mean: 0.75, range: [0.6, 0.95], min_improvement: 0.005 },
      log_loss: { max: 0.5 },
    },
    evaluation: { sample: "evaluation.csv", partition_by: "month" },
    baseline: {
      version: 3,
      measured: "2026-11-27T10:00:00.000Z",
      data: {
        source: "evaluation.csv",
        partition_by: "month",
        partitions: 2,
        rows: 200,
        window: { from: "2015-06", to: "2015-07" },
      },
      metrics: { roc_auc: { min: 0.72, mean: 0.76, max: 0.8 } },
    },
    history: [{
      date: "2026-11-27T10:00:00.000Z",
      action: "ratchet",
      reason: "first ratchet",
      changes: [{ metric: "roc_auc", kind: "min", from: null, to: 0.7 }],
    }],
  };
}

/** Asserts that `fn` throws an invalid-input RatchetError naming the file and every `parts`. */
function refused(fn: () => unknown, ...parts: string[]): string {
  let message = "";
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof RatchetError, String(e));
    assert.equal(e.status, 400);
    message = e.message;
    return true;
  });
  for (const part of [SOURCE, ...parts]) {
    assert.ok(message.includes(part), `${part} not in: ${message}`);
  }
  return message;
}

/** A copy of `valid()` changed by `edit`, which may break it in any way. */
// deno-lint-ignore no-explicit-any
function edited(edit: (r: Record<string, any>) => void): Record<string, unknown> {
  // deno-lint-ignore no-explicit-any
  const r = structuredClone(valid()) as Record<string, any>;
  edit(r);
  return r;
}

Deno.test("a valid file round-trips, and a file written by JSON.stringify parses to the same thing", () => {
  const r = valid();
  assert.deepEqual(parseRequirements(JSON.stringify(r), SOURCE, { task: "binary" }), r);
  assert.deepEqual(validateRequirements(r, SOURCE), r);
});

Deno.test("NaN and Infinity are refused on load, naming the file and the path", () => {
  const text = JSON.stringify(valid(), null, 2);
  refused(
    () => parseRequirements(text.replace('"min": 0.7', '"min": NaN'), SOURCE),
    "$.metrics.roc_auc.min",
    "NaN",
  );
  refused(
    () => parseRequirements(text.replace('"max": 0.5', '"max": 1e999'), SOURCE),
    "$.metrics.log_loss.max",
  );
  refused(
    () => parseRequirements(text.replace('"max": 0.5', '"max": -Infinity'), SOURCE),
    "$.metrics.log_loss.max",
  );
  // Values built in code (not parsed) are refused by the schema with the same path.
  refused(
    () => validateRequirements(edited((r) => (r.metrics.roc_auc.range = [0.6, NaN])), SOURCE),
    "$.metrics.roc_auc.range[1]",
    "NaN",
  );
  refused(
    () => validateRequirements(edited((r) => (r.metrics.roc_auc.mean = Infinity)), SOURCE),
    "$.metrics.roc_auc.mean",
    "Infinity",
  );
  refused(
    () => validateRequirements(edited((r) => (r.baseline.metrics.roc_auc.mean = NaN)), SOURCE),
    "$.baseline.metrics.roc_auc.mean",
  );
});

Deno.test("an unknown metric is refused wherever it appears, naming it", () => {
  refused(
    () => validateRequirements(edited((r) => (r.metrics.auc = { min: 0.7 })), SOURCE),
    "$.metrics.auc",
    'unknown metric "auc"',
  );
  refused(
    () => validateRequirements(edited((r) => (r.primary = "gini")), SOURCE),
    "$.primary",
    '"gini"',
  );
  refused(
    () =>
      validateRequirements(
        edited((r) => (r.baseline.metrics.auc = r.baseline.metrics.roc_auc)),
        SOURCE,
      ),
    "$.baseline.metrics",
    "auc",
  );
  refused(
    () => validateRequirements(edited((r) => (r.history[0].changes[0].metric = "auc")), SOURCE),
    "$.history[0].changes[0].metric",
    '"auc"',
  );
});

Deno.test("an inverted range is refused, naming the metric; lo = hi is allowed", () => {
  refused(
    () => validateRequirements(edited((r) => (r.metrics.roc_auc.range = [0.9, 0.8])), SOURCE),
    "$.metrics.roc_auc.range",
    "inverted range [0.9, 0.8]",
  );
  refused(
    () => validateRequirements(edited((r) => (r.history[0].changes[0].to = [2, 1])), SOURCE),
    "$.history[0].changes[0].to",
    "inverted",
  );
  validateRequirements(edited((r) => (r.metrics.roc_auc.range = [0.8, 0.8])), SOURCE);
});

Deno.test("min on a lower-is-better metric, max on a higher-is-better one: refused naming the right keyword", () => {
  for (const metric of ALL_METRICS) {
    const lower = LOWER_IS_BETTER.has(metric);
    const wrong = lower ? "min" : "max";
    const right = lower ? "max" : "min";
    const message = refused(
      () =>
        validateRequirements(edited((r) => (r.metrics = { [metric]: { [wrong]: 0.5 } })), SOURCE),
      `$.metrics.${metric}.${wrong}`,
      `use ${right}, not ${wrong}`,
    );
    assert.ok(message.includes(`better when ${lower ? "lower" : "higher"}`), message);
    validateRequirements(edited((r) => (r.metrics = { [metric]: { [right]: 0.5 } })), SOURCE);
  }
});

Deno.test("metrics that do not apply to the model's task are refused when the task is known", () => {
  for (const task of ["binary", "multiclass", "regression"] as const) {
    for (const metric of ALL_METRICS) {
      const applies = metricsFor(task).includes(metric) &&
        !(task === "multiclass" && metric === "brier");
      const kind = LOWER_IS_BETTER.has(metric) ? "max" : "min";
      const r = edited((r) => {
        r.primary = metric;
        r.metrics = { [metric]: { [kind]: 0.5 } };
        delete r.baseline;
      });
      if (applies) {
        validateRequirements(r, SOURCE, { task });
      } else {
        refused(
          () => validateRequirements(r, SOURCE, { task }),
          `does not apply to a ${task} model`,
        );
        validateRequirements(r, SOURCE); // without a task, nothing to compare with
      }
    }
  }
  refused(
    () => validateRequirements(valid(), SOURCE, { task: "regression" }),
    "$.primary: roc_auc does not apply to a regression model",
  );
  refused(
    () =>
      validateRequirements(edited((r) => (r.metrics.brier = { max: 0.2 })), SOURCE, {
        task: "multiclass",
      }),
    "$.metrics.brier",
  );
});

Deno.test("other malformed content is refused with its path", () => {
  refused(
    () => validateRequirements(edited((r) => (r.metrics.roc_auc.min_improvement = -0.1)), SOURCE),
    "$.metrics.roc_auc.min_improvement",
  );
  refused(
    () => validateRequirements(edited((r) => (r.metrics.roc_auc.minimum = 0.7)), SOURCE),
    "$.metrics.roc_auc.minimum",
  );
  refused(() => validateRequirements(edited((r) => (r.format = "v2")), SOURCE), "$.format");
  refused(
    () => validateRequirements(edited((r) => (r.evaluation.sample = "../../etc/passwd")), SOURCE),
    "$.evaluation.sample",
  );
  refused(
    () => validateRequirements(edited((r) => (r.history[0].reason = "  ")), SOURCE),
    "$.history[0].reason",
  );
  refused(
    () => validateRequirements(edited((r) => (r.history[0].action = "drop")), SOURCE),
    "$.history[0].action",
  );
  refused(
    () => validateRequirements(edited((r) => (r.baseline.measured = "last tuesday")), SOURCE),
    "$.baseline.measured",
  );
  refused(
    () => validateRequirements(edited((r) => delete r.history), SOURCE),
    "$.history",
  );
  refused(
    () => parseRequirements('{"format": "ratchet.requirements/v1", "format": "x"}', SOURCE),
    "duplicate key",
  );
});
