import assert from "node:assert/strict";
import { createAccumulator, type MetricAccumulator, type MetricsReport } from "./mod.ts";
import { SCORED_CASES as CASES, type ScoredRows, sliceRows as slice } from "./_scored_cases.ts";

const accumulatorFor = (c: ScoredRows): MetricAccumulator =>
  createAccumulator({
    task: c.task,
    classes: c.classes,
    ...(c.positive === undefined ? {} : { positive: c.positive }),
  });

/** Metrics computed from counts only must be identical; sums may differ in the last bits. */
const EXACT = new Set(["accuracy", "precision", "recall", "f1", "fpr", "roc_auc"]);

function assertSameReport(actual: MetricsReport, expected: MetricsReport, where: string): void {
  assert.equal(actual.rows, expected.rows, where);
  assert.deepEqual(actual.reasons, expected.reasons, where);
  for (const [name, want] of Object.entries(expected.values)) {
    const got = actual.values[name];
    if (want === null || got === null || EXACT.has(name)) {
      assert.equal(got, want, `${where}: ${name}`);
    } else {assert.ok(
        Math.abs(got! - want) <= 1e-14 * Math.max(1, Math.abs(want)),
        `${where}: ${name} ${got} vs ${want}`,
      );}
  }
}

Deno.test("merging the accumulators of 3 chunks equals accumulating all rows at once", () => {
  for (const c of CASES) {
    const n = c.target.length;
    const whole = accumulatorFor(c);
    whole.add(c.target, c.outputs, n);
    const cuts = [0, Math.floor(n / 5), Math.floor(n / 2), n];
    const parts = [0, 1, 2].map((j) => {
      const acc = accumulatorFor(c);
      acc.add(...slice(c, cuts[j]!, cuts[j + 1]!));
      return acc;
    });
    parts[0]!.merge(parts[1]!);
    parts[0]!.merge(parts[2]!);
    assertSameReport(parts[0]!.finish(), whole.finish(), `${c.name}, merged`);

    // The same chunks added in turn to one accumulator, with an empty batch and
    // a report read in between: finish() does not consume.
    const streamed = accumulatorFor(c);
    streamed.add(...slice(c, 0, cuts[1]!));
    streamed.add(...slice(c, cuts[1]!, cuts[1]!));
    streamed.finish();
    streamed.add(...slice(c, cuts[1]!, cuts[2]!));
    streamed.add(...slice(c, cuts[2]!, n));
    assertSameReport(streamed.finish(), whole.finish(), `${c.name}, streamed`);

    // Merging an empty accumulator changes nothing; merging one into itself doubles every row.
    whole.merge(accumulatorFor(c));
    assertSameReport(whole.finish(), parts[0]!.finish(), `${c.name}, merged with nothing`);
    const doubled = accumulatorFor(c);
    doubled.add(c.target, c.outputs, n);
    doubled.add(c.target, c.outputs, n);
    whole.merge(whole);
    assertSameReport(whole.finish(), doubled.finish(), `${c.name}, merged with itself`);
  }
});
