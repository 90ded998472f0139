import assert from "node:assert/strict";
import { challengeVerdict, type VerdictInput } from "./challenge_verdict.ts";
import type { PrimaryComparison } from "./challenge_result.ts";

const none = { passed: true, checks: [] };

function input(
  primary: Partial<PrimaryComparison>,
  rest: Partial<VerdictInput> = {},
): VerdictInput {
  return {
    candidate: "m@2",
    requirements: {
      passed: true,
      champion: { backtest: none, nowtest: none, unscored: [] },
      candidate: { backtest: none, nowtest: none, unscored: [] },
    },
    fixtures: {
      passed: true,
      total: 0,
      candidate_passed: 0,
      candidate_failed: 0,
      champion_failed: 0,
      superseded: 0,
      cases: [],
    },
    regressions: { tolerance: 0.1, tolerance_source: "option", partitions: [] },
    primary: {
      metric: "rmse",
      direction: "lower",
      champion: 3,
      candidate: 2.5,
      diff: -0.5,
      improvement: 0.5,
      min_improvement: 0.2,
      ci: [-0.8, -0.3],
      confidence: 0.95,
      partitions_better: 5,
      partitions_worse: 1,
      partitions_equal: 0,
      partitions_unpaired: 0,
      partition_means: { champion: 3, candidate: 2.5 },
      sign_test: { n: 6, better: 5, p_value: 0.22 },
      wilcoxon: {
        n: 6,
        zeros: 0,
        r_plus: 19,
        r_minus: 2,
        statistic: 2,
        method: "exact",
        z: null,
        p_value: 0.09,
      },
      bootstrap: {
        resamples: 1000,
        undefined_resamples: 0,
        seed: 1,
        rows: 100,
        kept: 100,
        sampled: false,
      },
      ...primary,
    },
    ...rest,
  };
}

Deno.test("challengeVerdict: lower-is-better metrics improve below zero", () => {
  assert.equal(challengeVerdict(input({})).verdict, "promote");
  const straddles = challengeVerdict(input({ ci: [-0.8, 0.1] }));
  assert.equal(straddles.verdict, "reject");
  assert.match(straddles.reasons[0]!, /includes 0/);
  const worse = challengeVerdict(input({ diff: 0.5, improvement: -0.5, ci: [0.2, 0.9] }));
  assert.match(worse.reasons[0]!, /lies above 0: the candidate is worse/);
});

Deno.test("challengeVerdict: the improvement must reach min_improvement, even with a clear interval", () => {
  const v = challengeVerdict(input({ improvement: 0.1, diff: -0.1, ci: [-0.15, -0.05] }));
  assert.equal(v.verdict, "reject");
  assert.match(v.reasons[0]!, /less than min_improvement 0.2/);
  assert.equal(challengeVerdict(input({ ci: null })).verdict, "reject");
  assert.equal(
    challengeVerdict(input({ candidate: null, diff: null, improvement: null })).verdict,
    "reject",
  );
});

Deno.test("challengeVerdict: requirements, fixtures and regressions each reject on their own", () => {
  const failing = {
    passed: false,
    checks: [{
      metric: "rmse" as const,
      kind: "max" as const,
      threshold: 2,
      actual: 2.5,
      passed: false,
      message: "rmse max 2: 2015-03 has 2.5",
    }],
  };
  const req = challengeVerdict(input({}, {
    requirements: {
      passed: false,
      champion: { backtest: none, nowtest: none, unscored: [] },
      candidate: { backtest: failing, nowtest: none, unscored: ["2015-04"] },
    },
  }));
  assert.deepEqual(req.rules.map((r) => r.passed), [false, true, true, true]);
  assert.match(
    req.reasons[0]!,
    /partition 2015-04 could not be scored; rmse max 2: 2015-03 has 2.5 \(back-test\)/,
  );
  const regressed = {
    partition: "2015-03",
    rows: 30,
    champion: 2,
    candidate: 2.4,
    diff: 0.4,
    improvement: -0.4,
    outcome: "worse" as const,
  };
  const reg = challengeVerdict(
    input({}, {
      regressions: { tolerance: 0.1, tolerance_source: "option", partitions: [regressed] },
    }),
  );
  assert.deepEqual(reg.rules.map((r) => r.passed), [true, true, true, false]);
  assert.match(reg.reasons[0]!, /2015-03 \(2 → 2.4\).*--regression-reason/);
  const said = challengeVerdict(input({}, {
    regressions: {
      tolerance: 0.1,
      tolerance_source: "option",
      partitions: [regressed],
      reason: "March had a sensor fault",
    },
  }));
  assert.equal(said.verdict, "promote");
  assert.ok(said.reasons.some((r) => r.includes("accepted: March had a sensor fault")));
});

Deno.test("challengeVerdict: without requirements or labelled now-test rows, the requirements rule says so", () => {
  const note = "m has no requirements, so none was checked";
  const v = challengeVerdict(input({}, {
    requirements: {
      passed: true,
      note,
      champion: { backtest: none, nowtest: none, unscored: [] },
      candidate: { backtest: none, nowtest: none, unscored: [] },
    },
  }));
  assert.equal(v.rules[0]!.message, note);
  const unlabelled = {
    passed: null,
    checks: [],
    note: "not checked: no row of the window has a label yet",
  };
  const w = challengeVerdict(input({}, {
    requirements: {
      passed: true,
      champion: { backtest: none, nowtest: unlabelled, unscored: [] },
      candidate: { backtest: none, nowtest: unlabelled, unscored: [] },
    },
  }));
  assert.ok(w.rules[0]!.passed);
  assert.match(w.rules[0]!.message, /now-test: not checked: no row/);
});

Deno.test("challengeVerdict: without requirements, a partition the candidate cannot score still rejects", () => {
  const side = { backtest: none, nowtest: none, unscored: [] };
  const v = challengeVerdict(input({}, {
    requirements: {
      passed: false,
      note: "m has no requirements, so none was checked",
      champion: side,
      candidate: { ...side, unscored: ["2015-02"] },
    },
  }));
  assert.equal(v.verdict, "reject");
  assert.match(v.reasons[0]!, /partition 2015-02 could not be scored/);
});
