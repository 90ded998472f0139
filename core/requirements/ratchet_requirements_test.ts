import assert from "node:assert/strict";
import type { Task } from "../contract/mod.ts";
import type { PartitionMetrics } from "../evaluate/mod.ts";
import { LOWER_IS_BETTER, type MetricName, metricsFor } from "../metrics/mod.ts";
import { createRandom, type Random } from "../random/mod.ts";
import { checkRequirements } from "./check_requirements.ts";
import { measureBaseline } from "./measure_baseline.ts";
import { ratchetRequirements } from "./ratchet_requirements.ts";
import type { Baseline, MetricRequirement, Requirements } from "./requirements.ts";
import { validateRequirements } from "./validate_requirements.ts";

const TASKS: Task[] = ["binary", "multiclass", "regression"];

function metricsOf(task: Task): MetricName[] {
  return metricsFor(task).filter((m) => !(task === "multiclass" && m === "brier"));
}

/** A value on a random scale: metrics in [0, 1], errors in the thousands, negative r2. */
function value(rng: Random, scale: number): number {
  return (rng.next() * 2 - 0.5) * scale;
}

function randomCase(rng: Random) {
  const task = TASKS[rng.int(3)]!;
  const names = metricsOf(task);
  const scale = [1, 1, 1000, 1e-4][rng.int(4)]!;
  const metrics: Partial<Record<MetricName, MetricRequirement>> = {};
  const baselineMetrics: Baseline["metrics"] = {};
  for (const m of names) {
    if (rng.next() < 0.6) {
      const req: MetricRequirement = {};
      if (rng.next() < 0.6) req[LOWER_IS_BETTER.has(m) ? "max" : "min"] = value(rng, scale);
      if (rng.next() < 0.5) req.mean = value(rng, scale);
      if (rng.next() < 0.3) {
        const a = value(rng, scale), b = value(rng, scale);
        req.range = [Math.min(a, b), Math.max(a, b)];
      }
      if (rng.next() < 0.2) req.min_improvement = rng.next() * scale;
      metrics[m] = req;
    }
    if (rng.next() < 0.85) {
      const xs = [value(rng, scale), value(rng, scale), value(rng, scale)].sort((a, b) => a - b);
      baselineMetrics[m] = { min: xs[0]!, mean: xs[1]!, max: xs[2]! };
    }
  }
  const requirements: Requirements = validateRequirements(
    {
      format: "ratchet.requirements/v1",
      primary: names[rng.int(names.length)]!,
      metrics,
      history: [{ date: "2026-01-01", action: "init", reason: "start", changes: [] }],
    },
    "random",
    { task },
  );
  const baseline: Baseline = {
    version: 1 + rng.int(9),
    measured: "2026-11-27",
    data: { source: "evaluation.csv", partitions: 3, rows: 300 },
    metrics: baselineMetrics,
  };
  const margin = rng.next() < 0.2 ? 0 : rng.next() * 0.1 * scale;
  return { task, requirements, baseline, margin };
}

Deno.test("a ratchet never lowers a threshold (property, over many random thresholds and baselines)", () => {
  const rng = createRandom(20261127);
  let moved = 0;
  for (let trial = 0; trial < 3000; trial++) {
    const { task, requirements, baseline, margin } = randomCase(rng);
    const before = structuredClone(requirements);
    const result = ratchetRequirements(requirements, baseline, { margin, date: "2026-11-28" });
    assert.deepEqual(requirements, before, "the input is not modified");
    const after = result.requirements;
    validateRequirements(after, "ratcheted", { task });
    for (const m of metricsOf(task)) {
      const old = before.metrics[m] ?? {}, now = after.metrics[m] ?? {};
      const lower = LOWER_IS_BETTER.has(m);
      const ctx = `trial ${trial} ${m}: ${JSON.stringify(old)} → ${JSON.stringify(now)}`;
      if (old.min !== undefined) assert.ok(now.min! >= old.min, ctx);
      if (old.max !== undefined) assert.ok(now.max! <= old.max, ctx);
      if (old.mean !== undefined) {
        assert.ok(lower ? now.mean! <= old.mean : now.mean! >= old.mean, ctx);
      }
      assert.deepEqual(now.range, old.range, ctx);
      assert.equal(now.min_improvement, old.min_improvement, ctx);
      // A threshold that moved sits at the baseline less the margin, rounded the loose way.
      const b = baseline.metrics[m];
      for (const kind of ["min", "max", "mean"] as const) {
        if (now[kind] === old[kind]) continue;
        assert.ok(b, ctx);
        const target = kind === "mean" ? b.mean : kind === "min" ? b.min : b.max;
        const edge = lower ? target + margin : target - margin;
        assert.ok(lower ? now[kind]! >= edge : now[kind]! <= edge, `${ctx}: beyond ${edge}`);
        assert.ok(
          Math.abs(now[kind]! - edge) <= Math.abs(edge) * 2e-5 + 1e-300,
          `${ctx}: far from ${edge}`,
        );
      }
    }
    if (result.entry) {
      moved++;
      assert.equal(result.entry.action, "ratchet");
      assert.deepEqual(after.history, [...before.history, result.entry]);
      assert.deepEqual(after.baseline, baseline);
      for (const c of result.entry.changes) {
        assert.equal(c.from, before.metrics[c.metric]?.[c.kind] ?? null);
        assert.equal(c.to, after.metrics[c.metric]?.[c.kind]);
        assert.notEqual(c.from, c.to);
      }
      // Ratcheting again against the same baseline moves nothing.
      assert.equal(ratchetRequirements(after, baseline, { margin }).entry, undefined);
    } else {
      assert.equal(after, requirements, "nothing moved: the same requirements come back");
    }
  }
  assert.ok(moved > 1000, `only ${moved} trials moved anything: the property was barely exercised`);
});

Deno.test("the primary metric gets a bound and a mean when it has neither; other bare metrics stay bare", () => {
  const { requirements } = ratchetRequirements(
    {
      format: "ratchet.requirements/v1",
      primary: "rmse",
      metrics: { r2: { range: [0.5, 1] } },
      history: [],
    },
    {
      version: 2,
      measured: "2026-11-27",
      data: { source: "holdout.csv", partitions: 2, rows: 20 },
      metrics: { rmse: { min: 1.5, mean: 2, max: 2.5 }, r2: { min: 0.8, mean: 0.85, max: 0.9 } },
    },
    { margin: 0.1, date: "2026-11-28" },
  );
  assert.deepEqual(requirements.metrics, {
    rmse: { max: 2.6, mean: 2.1 },
    r2: { range: [0.5, 1] },
  });
  assert.equal(
    requirements.history[0]!.reason,
    "ratchet to champion v2 measured on holdout.csv, margin 0.1",
  );
});

Deno.test("the champion passes the thresholds ratcheted from its own partitions", () => {
  const rng = createRandom(5);
  for (let trial = 0; trial < 300; trial++) {
    const n = 1 + rng.int(10);
    const partitions: PartitionMetrics[] = Array.from({ length: n }, (_, i) => ({
      partition: `p${i}`,
      rows: 10,
      values: {
        roc_auc: rng.next() < 0.1 ? null : rng.next(),
        log_loss: rng.next() * 3,
        accuracy: rng.next(),
      },
      reasons: {},
    }));
    const baseline = measureBaseline({ label: "m@1", artifact: { version: 1 } }, {
      overall: { rows: 10 * n, values: {}, reasons: {} },
      partitions,
    }, { source: "s.csv", partitionBy: "p" });
    const start: Requirements = {
      format: "ratchet.requirements/v1",
      primary: "roc_auc",
      metrics: { log_loss: { max: 10 }, accuracy: { mean: -1 } },
      history: [],
    };
    const margin = rng.next() < 0.3 ? 0 : rng.next() * 0.05;
    const { requirements } = ratchetRequirements(start, baseline, { margin });
    const result = checkRequirements(requirements, partitions, "binary");
    for (const c of result.checks) {
      const definedAnywhere = partitions.some((p) => p.values[c.metric] !== null);
      if (definedAnywhere) assert.ok(c.passed, `trial ${trial}: ${c.message}`);
    }
  }
});

Deno.test("metrics without a baseline value are skipped with a reason; bad margins are refused", () => {
  const start: Requirements = {
    format: "ratchet.requirements/v1",
    primary: "roc_auc",
    metrics: { brier: { max: 0.3 } },
    history: [],
  };
  const baseline: Baseline = {
    version: 1,
    measured: "2026-11-27",
    data: { source: "s.csv", partitions: 1, rows: 5 },
    metrics: {},
  };
  const result = ratchetRequirements(start, baseline);
  assert.equal(result.entry, undefined);
  assert.deepEqual(result.skipped.map((s) => s.metric), ["roc_auc", "brier"]);
  assert.match(result.skipped[0]!.reason, /undefined in every partition of the baseline/);
  for (const margin of [-0.01, NaN, Infinity]) {
    assert.throws(() => ratchetRequirements(start, baseline, { margin }), /Invalid margin/);
  }
});
