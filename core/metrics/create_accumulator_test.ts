import assert from "node:assert/strict";
import { RatchetError } from "../errors/mod.ts";
import { type AccumulatorOptions, createAccumulator, metricsFor } from "./mod.ts";

Deno.test("createAccumulator refuses options that do not describe a model", () => {
  const bad: [AccumulatorOptions, RegExp][] = [
    [{ task: "regression", classes: 2 }, /regression model has classes = 1/],
    [{ task: "regression", classes: 1, positive: 1 }, /binary models only/],
    [{ task: "binary", classes: 3 }, /binary model has classes = 2/],
    [{ task: "binary", classes: 2, positive: 2 }, /positive class index 2.*use 0 or 1/],
    [{ task: "multiclass", classes: 2 }, /at least 3 classes/],
    [{ task: "multiclass", classes: 3.5 }, /at least 3 classes/],
    [{ task: "multiclass", classes: 4, positive: 1 }, /macro averages/],
    [{ task: "ranking" as "binary", classes: 2 }, /Unknown task "ranking"/],
  ];
  for (const [options, pattern] of bad) {
    assert.throws(
      () => createAccumulator(options),
      (e: unknown) => e instanceof RatchetError && pattern.test(e.message),
    );
  }
});

Deno.test("createAccumulator reports every metric of the task, the positive class defaulting to 1", () => {
  for (const [task, classes] of [["regression", 1], ["binary", 2], ["multiclass", 3]] as const) {
    assert.deepEqual(Object.keys(createAccumulator({ task, classes }).finish().values), [
      ...metricsFor(task),
    ]);
  }
  const rows = [
    new Float64Array([1, 0, 0]),
    new Float64Array([0.2, 0.6, 0.3, 0.8, 0.4, 0.7]),
    3,
  ] as const;
  const byDefault = createAccumulator({ task: "binary", classes: 2 });
  const classZero = createAccumulator({ task: "binary", classes: 2, positive: 0 });
  byDefault.add(...rows);
  classZero.add(...rows);
  assert.equal(byDefault.finish().values.recall, 1);
  assert.equal(classZero.finish().values.recall, 1 / 2);
});
