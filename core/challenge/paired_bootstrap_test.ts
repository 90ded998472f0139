import assert from "node:assert/strict";
import { createRandom } from "../random/mod.ts";
import type { MetricsReport } from "../metrics/mod.ts";
import { pairedBootstrap, quantile } from "./paired_bootstrap.ts";
import type { PairedRows } from "./paired_rows.ts";

const BINARY = {
  task: "binary",
  shape: { task: "binary", inputs: [], classes: 2 },
  positive: 1,
} as const;
const REGRESSION = {
  task: "regression",
  shape: { task: "regression", inputs: [], classes: 1 },
  positive: -1,
} as const;
const NO_REPORT: MetricsReport = { rows: 0, values: {}, reasons: {} };

// Binary rows where the candidate's probabilities follow the true logit and the champion's are noisier.
function binaryRows(n: number, seed = 3, same = false): PairedRows {
  const rng = createRandom(seed);
  const y = new Float64Array(n), a = new Float64Array(2 * n), b = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const x = rng.normal();
    y[i] = rng.next() < 1 / (1 + Math.exp(-2 * x)) ? 1 : 0;
    const pb = 1 / (1 + Math.exp(-2 * x));
    const pa = same ? pb : 1 / (1 + Math.exp(-(x + rng.normal())));
    [a[2 * i], a[2 * i + 1], b[2 * i], b[2 * i + 1]] = [1 - pa, pa, 1 - pb, pb];
  }
  return {
    rows: n,
    kept: n,
    sampled: false,
    partitionRows: [],
    champion: { target: y, outputs: a, width: 2 },
    candidate: { target: y, outputs: b, width: 2 },
    pooled: { champion: NO_REPORT, candidate: NO_REPORT },
  };
}

Deno.test("pairedBootstrap: the same seed gives the same interval, another seed another", () => {
  const rows = binaryRows(400);
  const a = pairedBootstrap(rows, "roc_auc", BINARY, BINARY, { seed: 7, resamples: 300 });
  const b = pairedBootstrap(rows, "roc_auc", BINARY, BINARY, { seed: 7, resamples: 300 });
  const c = pairedBootstrap(rows, "roc_auc", BINARY, BINARY, { seed: 8, resamples: 300 });
  assert.deepEqual(a.ci, b.ci);
  assert.notDeepEqual(a.ci, c.ci);
  assert.equal(a.seed, 7);
  assert.equal(a.rows, 400);
});

Deno.test("pairedBootstrap: a clearly better candidate has an interval on the improving side", () => {
  const rows = binaryRows(2000);
  const auc = pairedBootstrap(rows, "roc_auc", BINARY, BINARY, { resamples: 200 });
  assert.ok(auc.ci && auc.ci[0] > 0, `roc_auc interval ${auc.ci}`);
  // Lower is better: the interval of candidate − champion lies below zero.
  const loss = pairedBootstrap(rows, "log_loss", BINARY, BINARY, { resamples: 200 });
  assert.ok(loss.ci && loss.ci[1] < 0, `log_loss interval ${loss.ci}`);
  assert.ok(auc.ci![0] < auc.ci![1]);
});

Deno.test("pairedBootstrap: identical predictions give the interval [0, 0]", () => {
  const rows = binaryRows(300, 5, true);
  const r = pairedBootstrap(rows, "brier", BINARY, BINARY, { resamples: 100 });
  assert.deepEqual(r.ci, [0, 0]);
});

Deno.test("pairedBootstrap: the interval covers the true difference of a known regression case", () => {
  // Champion errors ~ N(0, 2), candidate errors ~ N(0, 1): mae differs by (2 − 1)·√(2/π) ≈ 0.798.
  const n = 4000, rng = createRandom(9);
  const y = new Float64Array(n), a = new Float64Array(n), b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.normal() * 10;
    a[i] = y[i]! + 2 * rng.normal();
    b[i] = y[i]! + rng.normal();
  }
  const rows: PairedRows = {
    rows: n,
    kept: n,
    sampled: false,
    partitionRows: [],
    champion: { target: y, outputs: a, width: 1 },
    candidate: { target: y, outputs: b, width: 1 },
    pooled: { champion: NO_REPORT, candidate: NO_REPORT },
  };
  const r = pairedBootstrap(rows, "mae", REGRESSION, REGRESSION, { resamples: 400, seed: 2 });
  const truth = -Math.sqrt(2 / Math.PI);
  assert.ok(r.ci && r.ci[0] < truth && truth < r.ci[1], `mae interval ${r.ci}, truth ${truth}`);
});

Deno.test("pairedBootstrap: undefined resamples are counted, and too many leave no interval", () => {
  // One positive in ten rows: a resample misses it with probability 0.9^10 ≈ 0.35, and
  // roc_auc is undefined there.
  const rows = binaryRows(10, 1);
  rows.champion.target.set([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  rows.candidate.target.set(rows.champion.target);
  const some = pairedBootstrap(rows, "roc_auc", BINARY, BINARY, { resamples: 400 });
  assert.ok(
    some.undefined_resamples > 80 && some.undefined_resamples < 200,
    `${some.undefined_resamples}`,
  );
  assert.notEqual(some.ci, null);
  rows.champion.target.fill(0);
  rows.candidate.target.fill(0);
  const none = pairedBootstrap(rows, "roc_auc", BINARY, BINARY, { resamples: 100 });
  assert.equal(none.undefined_resamples, 100);
  assert.equal(none.ci, null);
});

Deno.test("pairedBootstrap refuses a bad number of resamples or confidence", () => {
  const rows = binaryRows(10);
  assert.throws(() => pairedBootstrap(rows, "roc_auc", BINARY, BINARY, { resamples: 10 }), /100/);
  assert.throws(
    () => pairedBootstrap(rows, "roc_auc", BINARY, BINARY, { confidence: 1 }),
    /between 0 and 1/,
  );
});

Deno.test({
  name: "quantile interpolates linearly between ranks, as numpy.percentile does",
  fn: () => {
    const xs = [3, 1, 4, 1, 5, 9, 2, 6].sort((a, b) => a - b);
    // numpy.percentile([3, 1, 4, 1, 5, 9, 2, 6], [0, 25, 50, 97.5, 100]) = 1, 1.75, 3.5, 8.475, 9
    const want = [1, 1.75, 3.5, 8.475, 9];
    [0, 0.25, 0.5, 0.975, 1].forEach((q, k) => {
      assert.ok(Math.abs(quantile(xs, q) - want[k]!) < 1e-12, `q ${q}: ${quantile(xs, q)}`);
    });
  },
});
