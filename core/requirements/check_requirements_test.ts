import assert from "node:assert/strict";
import type { PartitionMetrics } from "../evaluate/mod.ts";
import { LOWER_IS_BETTER, type MetricName } from "../metrics/mod.ts";
import { createRandom } from "../random/mod.ts";
import { checkRequirements } from "./check_requirements.ts";
import type { MetricRequirement, Requirements } from "./requirements.ts";

function requirements(
  metrics: Requirements["metrics"],
  primary: MetricName = "roc_auc",
): Requirements {
  return { format: "ratchet.requirements/v1", primary, metrics, history: [] };
}

function partitions(metric: string, values: readonly (number | null)[]): PartitionMetrics[] {
  return values.map((v, i) => ({
    partition: `2015-${String(i + 1).padStart(2, "0")}`,
    rows: 100,
    values: { [metric]: v },
    reasons: v === null ? { [metric]: "the target has one class only" } : {},
  }));
}

Deno.test("a model below a minimum fails, naming the metric, the threshold and the worst partition", () => {
  const rng = createRandom(7);
  for (let trial = 0; trial < 200; trial++) {
    const values = Array.from({ length: 1 + rng.int(12) }, () => 0.5 + rng.next() * 0.4);
    const threshold = 0.5 + rng.next() * 0.4;
    const ps = partitions("roc_auc", values);
    const result = checkRequirements(requirements({ roc_auc: { min: threshold } }), ps, "binary");
    const worst = ps.reduce((a, b) => (b.values.roc_auc! < a.values.roc_auc! ? b : a));
    const expectPass = values.every((v) => v >= threshold);
    assert.equal(result.passed, expectPass);
    const [check] = result.checks;
    assert.ok(check);
    assert.equal(check.passed, expectPass);
    assert.equal(check.actual, worst.values.roc_auc);
    assert.equal(check.partition, worst.partition);
    assert.equal(check.threshold, threshold);
    if (!expectPass) {
      assert.ok(check.message.startsWith(`roc_auc min ${threshold}: `), check.message);
      assert.ok(check.message.includes(`${worst.partition} has `), check.message);
      const below = values.filter((v) => v < threshold).length;
      if (below > 1) {
        assert.ok(check.message.includes(`(${below} of ${values.length} partitions below)`));
      }
    }
  }
});

Deno.test("the example of the issue reads as written", () => {
  const result = checkRequirements(
    requirements({ roc_auc: { min: 0.7 } }),
    [
      { partition: "2015-06", rows: 90, values: { roc_auc: 0.81 }, reasons: {} },
      { partition: "2015-07", rows: 80, values: { roc_auc: 0.64 }, reasons: {} },
    ],
    "binary",
  );
  assert.deepEqual(result, {
    passed: false,
    checks: [{
      metric: "roc_auc",
      kind: "min",
      threshold: 0.7,
      actual: 0.64,
      passed: false,
      partition: "2015-07",
      message: "roc_auc min 0.7: 2015-07 has 0.64",
    }],
  });
});

Deno.test("every kind agrees with a brute-force reading of its definition", () => {
  const rng = createRandom(11);
  const metrics: MetricName[] = ["rmse", "r2", "mae", "mape"];
  for (let trial = 0; trial < 500; trial++) {
    const metric = metrics[rng.int(metrics.length)]!;
    const lower = LOWER_IS_BETTER.has(metric);
    const values = Array.from({ length: 1 + rng.int(8) }, () => Math.round(rng.next() * 20) / 10);
    const pick = () => Math.round(rng.next() * 20) / 10; // coarse, so thresholds often equal values
    const a = pick(), b = pick();
    const req: MetricRequirement = {
      [lower ? "max" : "min"]: pick(),
      mean: pick(),
      range: [Math.min(a, b), Math.max(a, b)],
    };
    const result = checkRequirements(
      requirements({ [metric]: req }, metric),
      partitions(metric, values),
      "regression",
    );
    const bound = (lower ? req.max : req.min)!;
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const [lo, hi] = req.range!;
    const expected = {
      [lower ? "max" : "min"]: values.every((v) => (lower ? v <= bound : v >= bound)),
      mean: lower ? mean <= req.mean! : mean >= req.mean!,
      range: values.every((v) => v >= lo && v <= hi),
    };
    assert.deepEqual(result.checks.map((c) => c.kind), [lower ? "max" : "min", "mean", "range"]);
    for (const c of result.checks) {
      assert.equal(
        c.passed,
        expected[c.kind],
        `${metric} ${c.kind} ${JSON.stringify(req)} ${values}`,
      );
    }
    assert.equal(result.passed, Object.values(expected).every(Boolean));
    const byKind = Object.fromEntries(result.checks.map((c) => [c.kind, c]));
    assert.equal(
      byKind[lower ? "max" : "min"]!.actual,
      lower ? Math.max(...values) : Math.min(...values),
    );
    assert.equal(byKind.mean!.actual, mean);
    const r = byKind.range!;
    if (!r.passed) {
      const outside = (v: number) => Math.max(lo - v, v - hi);
      assert.equal(outside(r.actual!), Math.max(...values.map(outside)));
    }
  }
});

Deno.test("mean is ≥ for higher-is-better metrics and ≤ for lower-is-better ones", () => {
  const ps = [
    { partition: "a", rows: 1, values: { log_loss: 0.4, accuracy: 0.8 }, reasons: {} },
    { partition: "b", rows: 1, values: { log_loss: 0.6, accuracy: 0.9 }, reasons: {} },
  ];
  const r = checkRequirements(
    requirements({ log_loss: { mean: 0.45 }, accuracy: { mean: 0.84 } }),
    ps,
    "binary",
  );
  const [accuracy, logLoss] = r.checks;
  assert.equal(accuracy!.passed, true);
  assert.equal(accuracy!.message, "accuracy mean ≥ 0.84: mean over 2 partitions is 0.85");
  assert.equal(logLoss!.passed, false);
  assert.equal(logLoss!.message, "log_loss mean ≤ 0.45: mean over 2 partitions is 0.5");
  assert.equal(logLoss!.partition, undefined);
});

Deno.test("partitions where a metric is undefined are skipped and listed; undefined everywhere fails", () => {
  const ps = partitions("roc_auc", [0.8, null, 0.66, null]);
  const result = checkRequirements(
    requirements({ roc_auc: { min: 0.7, mean: 0.7 } }),
    ps,
    "binary",
  );
  const [min, mean] = result.checks;
  assert.equal(min!.passed, false);
  assert.equal(min!.partition, "2015-03");
  assert.deepEqual(min!.skipped, [
    { partition: "2015-02", reason: "the target has one class only" },
    { partition: "2015-04", reason: "the target has one class only" },
  ]);
  assert.equal(
    min!.message,
    "roc_auc min 0.7: 2015-03 has 0.66; skipped 2015-02, 2015-04: the target has one class only",
  );
  assert.equal(mean!.actual, (0.8 + 0.66) / 2); // over the defined partitions only
  assert.equal(mean!.passed, true);

  const none = checkRequirements(
    requirements({ roc_auc: { min: 0.7 } }),
    partitions("roc_auc", [null, null]),
    "binary",
  );
  assert.equal(none.passed, false);
  assert.equal(none.checks[0]!.actual, null);
  assert.match(
    none.checks[0]!.message,
    /^roc_auc min 0\.7: roc_auc is undefined in every partition/,
  );
  assert.match(none.checks[0]!.message, /the target has one class only/);
});

Deno.test("unpartitioned rows say 'measured'; a threshold met exactly passes", () => {
  const all = [{ partition: "all", rows: 10, values: { r2: 0.8 }, reasons: {} }];
  const result = checkRequirements(
    requirements({ r2: { min: 0.8, range: [0.8, 0.9] } }, "r2"),
    all,
    "regression",
  );
  assert.equal(result.passed, true);
  assert.deepEqual(result.checks.map((c) => c.message), [
    "r2 min 0.8: measured 0.8",
    "r2 range [0.8, 0.9]: measured 0.8",
  ]);
});

Deno.test("a value just below the threshold never prints as equal to it", () => {
  const result = checkRequirements(
    requirements({ roc_auc: { min: 0.7 } }),
    partitions("roc_auc", [0.69999]),
    "binary",
  );
  assert.equal(result.checks[0]!.message, "roc_auc min 0.7: 2015-01 has 0.69999");
});

Deno.test("no thresholds pass trivially; min_improvement is not checked here; a wrong task is refused", () => {
  const ps = partitions("roc_auc", [0.5]);
  assert.deepEqual(checkRequirements(requirements({}), ps, "binary"), { passed: true, checks: [] });
  assert.deepEqual(
    checkRequirements(requirements({ roc_auc: { min_improvement: 0.5 } }), ps, "binary").checks,
    [],
  );
  assert.throws(
    () => checkRequirements(requirements({ roc_auc: { min: 0.7 } }), ps, "regression"),
    /roc_auc does not apply to a regression model/,
  );
  assert.throws(
    () => checkRequirements(requirements({ roc_auc: { min: 0.7 } }), [], "binary"),
    /no partitions/,
  );
});
