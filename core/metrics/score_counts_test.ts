import assert from "node:assert/strict";
import { createRandom } from "../random/mod.ts";
import { ScoreCounts } from "./score_counts.ts";

/** The definition, pair by pair: a positive scoring above a negative counts 1, a tie 1/2. */
function bruteForceAuc(scores: number[], positive: boolean[]): number {
  let wins = 0, pairs = 0;
  scores.forEach((s, i) => {
    if (!positive[i]) return;
    scores.forEach((t, j) => {
      if (positive[j]) return;
      pairs++;
      wins += s > t ? 1 : s === t ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

Deno.test("ScoreCounts.auc counts every positive–negative pair, ties as 1/2", () => {
  const random = createRandom(7);
  for (const distinct of [2, 5, 50, 1e9]) {
    const scores = Array.from(
      { length: 300 },
      () => Math.floor(random.next() * distinct) / distinct,
    );
    const positive = scores.map((s) => random.next() < 0.3 + 0.4 * s);
    const counts = new ScoreCounts();
    scores.forEach((s, i) => counts.add(s, positive[i]!));
    const expected = bruteForceAuc(scores, positive);
    assert.ok(
      Math.abs(counts.auc() - expected) < 1e-15,
      `${distinct} distinct: ${counts.auc()} vs ${expected}`,
    );
    assert.equal(counts.positives + counts.negatives, 300);
  }
});

Deno.test("ScoreCounts: -0 and 0 are one score; a single class gives NaN; merging adds counts", () => {
  const a = new ScoreCounts();
  a.add(-0, true);
  a.add(0, false);
  assert.equal(a.auc(), 0.5);
  const onlyPositive = new ScoreCounts();
  onlyPositive.add(0.3, true);
  assert.ok(Number.isNaN(onlyPositive.auc()));
  const b = new ScoreCounts();
  b.add(0.5, false);
  a.merge(b);
  // Pairs: (0 vs 0) 1/2, (0 vs 0.5) 0.
  assert.equal(a.auc(), 0.25);
  a.merge(a);
  assert.equal(a.auc(), 0.25);
  assert.equal(a.positives, 2);
  assert.equal(a.negatives, 4);
});

/** The rank-sum form of the same statistic, with average ranks for ties. */
function rankSumAuc(scores: Float64Array, positive: Uint8Array): number {
  const order = Array.from(scores.keys()).sort((a, b) => scores[a]! - scores[b]!);
  let rankSum = 0, positives = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end < order.length && scores[order[end]!] === scores[order[start]!]) end++;
    const averageRank = (start + 1 + end) / 2;
    for (let r = start; r < end; r++) {
      if (positive[order[r]!]) {
        rankSum += averageRank;
        positives++;
      }
    }
    start = end;
  }
  const negatives = order.length - positives;
  return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
}

Deno.test("ScoreCounts stays exact over many rows, in any order, merged or not", () => {
  const random = createRandom(11);
  const n = 200_000;
  const scores = new Float64Array(n), positive = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    // Half the rows share 20 scores, half are (almost all) distinct.
    scores[i] = i % 2 === 0 ? random.int(20) / 20 : random.next();
    positive[i] = random.next() < 0.2 + 0.6 * scores[i]! ? 1 : 0;
  }
  const whole = new ScoreCounts();
  const parts = [new ScoreCounts(), new ScoreCounts(), new ScoreCounts()];
  for (let i = 0; i < n; i++) {
    whole.add(scores[i]!, positive[i] === 1);
    parts[i < 1000 ? 0 : i < 150_000 ? 1 : 2]!.add(scores[i]!, positive[i] === 1);
  }
  const expected = rankSumAuc(scores, positive);
  assert.ok(Math.abs(whole.auc() - expected) < 1e-14, `${whole.auc()} vs ${expected}`);
  parts[2]!.merge(parts[0]!);
  parts[2]!.merge(parts[1]!);
  assert.equal(parts[2]!.auc(), whole.auc());
  // Reading the AUC does not stop counting.
  whole.add(2, true);
  whole.add(-1, false);
  assert.ok(whole.auc() > expected);
});
