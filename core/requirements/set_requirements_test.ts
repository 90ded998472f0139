import assert from "node:assert/strict";
import { createRandom } from "../random/mod.ts";
import { checkRequirements } from "./check_requirements.ts";
import { loosens } from "./loosens.ts";
import type { Requirements } from "./requirements.ts";
import { type RequirementEdit, setRequirements } from "./set_requirements.ts";

function start(): Requirements {
  return {
    format: "ratchet.requirements/v1",
    primary: "roc_auc",
    metrics: {
      roc_auc: { min: 0.7, mean: 0.75, range: [0.6, 0.95], min_improvement: 0.01 },
      log_loss: { max: 0.5, mean: 0.4 },
    },
    history: [{ date: "2026-01-01", action: "init", reason: "start", changes: [] }],
  };
}

function set(edits: RequirementEdit[], reason = "because") {
  return setRequirements(start(), { edits, reason, date: "2026-11-27T00:00:00.000Z" });
}

Deno.test("every way of loosening is recorded as lower, with from and to", () => {
  const loosenings: RequirementEdit[] = [
    { metric: "roc_auc", kind: "min", value: 0.65 },
    { metric: "roc_auc", kind: "mean", value: 0.7 },
    { metric: "roc_auc", kind: "range", value: [0.55, 0.95] },
    { metric: "roc_auc", kind: "range", value: [0.6, 0.99] },
    { metric: "roc_auc", kind: "min_improvement", value: 0 },
    { metric: "log_loss", kind: "max", value: 0.6 },
    { metric: "log_loss", kind: "mean", value: 0.45 },
    { metric: "roc_auc", kind: "min", value: null },
    { metric: "log_loss", kind: "mean", value: null },
  ];
  for (const edit of loosenings) {
    const { requirements, entry } = set([edit], "2026 data is noisier");
    assert.equal(entry?.action, "lower", JSON.stringify(edit));
    const from = start().metrics[edit.metric]![edit.kind];
    assert.deepEqual(
      entry.changes,
      [{ ...edit, from, to: edit.value }].map(({ value: _, ...c }) => c),
    );
    assert.equal(entry.reason, "2026 data is noisier");
    assert.deepEqual(requirements.history.slice(0, 1), start().history, "history is kept");
    assert.deepEqual(requirements.history.at(-1), entry);
    assert.deepEqual(requirements.metrics[edit.metric]?.[edit.kind], edit.value ?? undefined);
  }
});

Deno.test("tightening and adding are recorded as set; one loosening among them makes it lower", () => {
  const tight = set([
    { metric: "roc_auc", kind: "min", value: 0.72 },
    { metric: "log_loss", kind: "mean", value: 0.35 },
    { metric: "roc_auc", kind: "range", value: [0.65, 0.9] },
    { metric: "f1", kind: "min", value: 0.3 },
  ]);
  assert.equal(tight.entry?.action, "set");
  assert.equal(tight.requirements.metrics.f1?.min, 0.3);
  const mixed = set([
    { metric: "roc_auc", kind: "min", value: 0.72 },
    { metric: "log_loss", kind: "max", value: 0.55 },
  ]);
  assert.equal(mixed.entry?.action, "lower");
});

Deno.test("lower is recorded exactly when some model that failed now passes (random check)", () => {
  // The definition of loosening, tested by its consequence rather than by its code.
  const rng = createRandom(3);
  const seen = { lower: 0, set: 0 };
  for (let trial = 0; trial < 400; trial++) {
    const kind = (["min", "mean", "range"] as const)[rng.int(3)]!;
    const metric = rng.next() < 0.5 ? "roc_auc" : "log_loss";
    const actualKind = kind === "min" && metric === "log_loss" ? "max" : kind;
    const v = () => Math.round(rng.next() * 10) / 10;
    const a = v(), b = v();
    const value = actualKind === "range"
      ? [Math.min(a, b), Math.max(a, b)] as [number, number]
      : v();
    const before = start();
    const { requirements, entry } = setRequirements(before, {
      edits: [{ metric, kind: actualKind, value }],
      reason: "r",
    });
    if (!entry) continue;
    // Probe single-partition models at every 0.05 step against the edited threshold alone:
    // did any go from failing to passing?
    const only = (r: Requirements) => ({
      ...r,
      metrics: { [metric]: { [actualKind]: r.metrics[metric]?.[actualKind] } },
    });
    let freed = false;
    for (let i = 0; i <= 20; i++) {
      const x = i / 20;
      const ps = [{ partition: "all", rows: 1, values: { [metric]: x }, reasons: {} }];
      const was = checkRequirements(only(before), ps, "binary");
      const now = checkRequirements(only(requirements), ps, "binary");
      if (!was.passed && now.passed) freed = true;
    }
    assert.equal(
      entry.action === "lower",
      freed,
      `${metric} ${actualKind} → ${JSON.stringify(value)}`,
    );
    seen[entry.action === "lower" ? "lower" : "set"]++;
  }
  assert.ok(seen.lower > 50 && seen.set > 50, JSON.stringify(seen));
});

Deno.test("a new primary is recorded; equal values are no change; a reason is required", () => {
  const p = setRequirements(start(), {
    primary: "log_loss",
    edits: [],
    reason: "calibration matters",
  });
  assert.equal(p.requirements.primary, "log_loss");
  assert.deepEqual(p.entry?.primary, { from: "roc_auc", to: "log_loss" });
  assert.equal(p.entry?.action, "set");
  const same = set([{ metric: "roc_auc", kind: "range", value: [0.6, 0.95] }]);
  assert.equal(same.entry, undefined);
  assert.deepEqual(same.requirements, start());
  assert.throws(
    () => set([{ metric: "roc_auc", kind: "min", value: 0.8 }], "  "),
    /A reason is required/,
  );
});

Deno.test("wrong keywords, duplicates, removing nothing and invalid values are refused", () => {
  assert.throws(
    () => set([{ metric: "log_loss", kind: "min", value: 0.3 }]),
    /log_loss is better when lower: use max, not min/,
  );
  assert.throws(
    () => set([{ metric: "roc_auc", kind: "max", value: 0.9 }]),
    /roc_auc is better when higher: use min, not max/,
  );
  assert.throws(
    () =>
      set([
        { metric: "roc_auc", kind: "min", value: 0.8 },
        { metric: "roc_auc", kind: "min", value: 0.9 },
      ]),
    /roc_auc min is given twice/,
  );
  assert.throws(
    () => set([{ metric: "f1", kind: "mean", value: null }]),
    /f1 has no mean threshold/,
  );
  assert.throws(
    () => set([{ metric: "roc_auc", kind: "range", value: [0.9, 0.1] }]),
    /\$\.metrics\.roc_auc\.range: inverted range/,
  );
  assert.throws(
    () => set([{ metric: "roc_auc", kind: "min", value: NaN }]),
    /roc_auc min: NaN is not finite/,
  );
  assert.throws(
    () => set([{ metric: "roc_auc", kind: "range", value: [0, Infinity] }]),
    /roc_auc range: \[0, Infinity\] is not finite/,
  );
  assert.throws(
    () =>
      setRequirements(start(), {
        edits: [{ metric: "rmse", kind: "max", value: 3 }],
        reason: "r",
        task: "binary",
      }),
    /rmse does not apply to a binary model/,
  );
});

Deno.test("loosens: additions never loosen, removals always do", () => {
  for (const kind of ["min", "max", "mean", "min_improvement"] as const) {
    assert.equal(loosens({ metric: "mae", kind, from: null, to: 1 }), false);
    assert.equal(loosens({ metric: "mae", kind, from: 1, to: null }), true);
  }
  assert.equal(loosens({ metric: "r2", kind: "range", from: [0, 1], to: [0.1, 0.9] }), false);
  assert.equal(loosens({ metric: "r2", kind: "range", from: [0, 1], to: [-0.1, 0.9] }), true);
});
