/**
 * Back-test results for the report's tests: a binary classifier, a
 * multiclass one and a regressor, with the requirement checks and summary
 * computed by the real code from their partitions.
 *
 * @module
 */
import type {
  BacktestPartition,
  BacktestResult,
  CalibrationBin,
  WorstRow,
} from "../backtest/mod.ts";
import type { Task } from "../contract/mod.ts";
import { summarizePartitions } from "../evaluate/mod.ts";
import { createRandom, type Random } from "../random/mod.ts";
import { checkRequirements, type Requirements } from "../requirements/mod.ts";

/** A feature value that must never reach the page as markup. */
export const MALICIOUS = "<img src=x onerror=alert(1)>";

/** A result and the requirements it was checked against. */
export interface TestCase {
  /** The back-test result. */
  result: BacktestResult;
  /** The requirements file. */
  requirements: Requirements;
}

/** Monthly labels from `year`-01 on. */
export function months(year: number, count: number): string[] {
  return Array.from(
    { length: count },
    (_, k) => `${year + Math.floor(k / 12)}-${String(k % 12 + 1).padStart(2, "0")}`,
  );
}

function _requirements(
  primary: Requirements["primary"],
  metrics: Requirements["metrics"],
): Requirements {
  return { format: "ratchet.requirements/v1", primary, metrics, history: [] };
}

// What assembleResult does with scored partitions, errors and checks.
function _assemble(
  task: Task,
  fields: Pick<BacktestResult, "model" | "version" | "dataset" | "target" | "diagnostics">,
  partitions: BacktestPartition[],
  requirements: Requirements,
): TestCase {
  const scored = partitions.filter((p) => p.error === undefined).map((p) => ({
    partition: p.partition,
    rows: p.rows,
    values: p.metrics,
    reasons: p.undefined ?? {},
  }));
  const failed = partitions.filter((p) => p.error !== undefined);
  let checked: BacktestResult["requirements"] = checkRequirements(requirements, scored, task);
  if (failed.length) {
    checked = {
      ...checked,
      passed: false,
      note: `${failed.length} partition(s) could not be scored: ${
        failed.map((p) => p.partition).join(", ")
      }`,
    };
  }
  const result: BacktestResult = {
    ...fields,
    task,
    engine: "js",
    window: { from: partitions[0]?.partition ?? null, to: partitions.at(-1)?.partition ?? null },
    partitions,
    summary: summarizePartitions(scored),
    requirements: checked,
    passed: checked.passed && failed.length === 0,
  };
  return { result, requirements };
}

function _around(rng: Random, mean: number, spread: number): number {
  return Math.round((mean + (rng.next() - 0.5) * 2 * spread) * 1e4) / 1e4;
}

function _calibration(rng: Random): CalibrationBin[] {
  return Array.from({ length: 10 }, (_, k) => {
    const rows = k === 9 ? 0 : 20 + rng.int(300);
    const predicted = (k + 0.3 + rng.next() * 0.4) / 10;
    return {
      lo: k / 10,
      hi: (k + 1) / 10,
      rows,
      predicted,
      observed: rows ? Math.min(1, Math.max(0, predicted + (rng.next() - 0.5) * 0.2)) : 0,
    };
  });
}

/** Binary: 24 months, one without roc_auc, one unreadable, roc_auc and log_loss failing in 2015-05. */
export function binaryCase(): TestCase {
  const rng = createRandom(7);
  const partitions: BacktestPartition[] = months(2014, 24).map((partition) => {
    if (partition === "2015-02") {
      return {
        partition,
        rows: 0,
        metrics: {},
        error: "Cannot read data/seattle/month=2015-02/part-0.parquet: <corrupt footer>",
      };
    }
    const dip = partition === "2015-05";
    const metrics: Record<string, number | null> = {
      accuracy: _around(rng, dip ? 0.7 : 0.84, 0.03),
      precision: _around(rng, 0.72, 0.06),
      recall: _around(rng, 0.66, 0.08),
      f1: _around(rng, 0.69, 0.06),
      roc_auc: dip ? 0.64 : _around(rng, 0.83, 0.04),
      log_loss: dip ? 0.62 : _around(rng, 0.42, 0.05),
      brier: _around(rng, 0.13, 0.02),
      fpr: _around(rng, 0.1, 0.04),
    };
    if (partition !== "2014-06") return { partition, rows: 28 + rng.int(4), metrics };
    return {
      partition,
      rows: 30,
      metrics: { ...metrics, roc_auc: null },
      undefined: { roc_auc: "the target has one class only" },
    };
  });
  const worst: WorstRow[] = [0.01, 0.02, 0.03].map((p, k) => ({
    partition: k === 0 ? "2015-05" : "2014-11",
    row: { temp_max: 12.5 + k, precipitation: 0, wind: 3.1, weather: k === 0 ? MALICIOUS : "sun" },
    actual: "yes",
    prediction: "no",
    probabilities: { no: 1 - p, yes: p },
    loss: -Math.log(p),
  }));
  return _assemble(
    "binary",
    {
      model: "rain-tomorrow",
      version: 3,
      dataset: "seattle",
      target: "rain_tomorrow",
      diagnostics: { calibration: _calibration(rng), worst },
    },
    partitions,
    _requirements("roc_auc", {
      roc_auc: { min: 0.7 },
      log_loss: { max: 0.55 },
      accuracy: { mean: 0.8 },
      f1: { range: [0.5, 0.9] },
    }),
  );
}

/** Multiclass: 8 quarters, brier undefined everywhere, every check met. */
export function multiclassCase(): TestCase {
  const rng = createRandom(11);
  const quarters = Array.from({ length: 8 }, (_, k) => `${2014 + Math.floor(k / 4)}-Q${k % 4 + 1}`);
  const partitions: BacktestPartition[] = quarters.map((partition) => ({
    partition,
    rows: 90,
    metrics: {
      accuracy: _around(rng, 0.78, 0.04),
      precision: _around(rng, 0.7, 0.05),
      recall: _around(rng, 0.68, 0.05),
      f1: _around(rng, 0.69, 0.05),
      roc_auc: partition === "2014-Q3" ? null : _around(rng, 0.86, 0.03),
      log_loss: _around(rng, 0.6, 0.08),
      brier: null,
      fpr: _around(rng, 0.12, 0.03),
    },
    undefined: {
      brier: "brier is defined for binary classification only",
      ...(partition === "2014-Q3" ? { roc_auc: "class drizzle has no rows" } : {}),
    },
  }));
  const worst: WorstRow[] = [{
    partition: "2015-Q2",
    row: { temp_max: 30.1, precipitation: 12.4 },
    actual: "snow",
    prediction: "sun",
    probabilities: { drizzle: 0.05, rain: 0.1, snow: 0.01, sun: 0.84 },
    loss: -Math.log(0.01),
  }];
  return _assemble(
    "multiclass",
    {
      model: "weather-kind",
      version: 1,
      dataset: "seattle",
      target: "weather",
      diagnostics: { calibration: _calibration(rng), worst },
    },
    partitions,
    _requirements("accuracy", { accuracy: { min: 0.6, mean: 0.7 } }),
  );
}

/** Regression: 36 months, one without mape, one unreadable, rmse above its max twice. */
export function regressionCase(): TestCase {
  const rng = createRandom(3);
  const partitions: BacktestPartition[] = months(2013, 36).map((partition) => {
    if (partition === "2014-08") {
      return {
        partition,
        rows: 0,
        metrics: {},
        error: "Partition month=2014-08 has no column temp_max",
      };
    }
    const hot = partition === "2015-07" || partition === "2015-08";
    const metrics: Record<string, number | null> = {
      rmse: hot ? 3.6 : _around(rng, 2.4, 0.4),
      mae: _around(rng, 1.9, 0.3),
      r2: _around(rng, 0.8, 0.08),
      mape: partition === "2013-12" ? null : _around(rng, 0.2, 0.05),
    };
    return {
      partition,
      rows: 30,
      metrics,
      ...(partition === "2013-12" ? { undefined: { mape: "the target is 0 in some rows" } } : {}),
    };
  });
  const residuals = Array.from({ length: 400 }, (_, k) => {
    const predicted = 5 + rng.next() * 25;
    return {
      partition: partitions[k % partitions.length]!.partition,
      predicted,
      residual: rng.normal() * (1 + predicted / 15),
    };
  });
  const worst: WorstRow[] = [{
    partition: "2015-07",
    row: { temp_max: 35, note: "it's <b>hot</b> $HOME `date` \\ 'ROW'" },
    actual: 36.2,
    prediction: 27.9,
    loss: 8.3,
  }];
  return _assemble(
    "regression",
    {
      model: "temp-tomorrow",
      version: 2,
      dataset: "seattle",
      target: "temp_max_tomorrow",
      diagnostics: { residuals, worst },
    },
    partitions,
    _requirements("rmse", { rmse: { max: 3.2, mean: 2.8 }, r2: { range: [0.6, 1] } }),
  );
}
