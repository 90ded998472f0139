import assert from "node:assert/strict";
import type { Label } from "../artifact/mod.ts";
import type { Task } from "../contract/mod.ts";
import { tableFromColumns } from "../table/mod.ts";
import { encodeTarget } from "./encode_target.ts";

/** The targets as numbers, or the message of the refusal. */
function outcome(values: ArrayLike<unknown>, task: Task, labels: readonly Label[]): unknown {
  try {
    return Array.from(
      encodeTarget(tableFromColumns({ y: values }, values.length), "y", task, labels),
    );
  } catch (e) {
    return (e as Error).message;
  }
}

const cases: { task: Task; labels: Label[]; values: number[] }[] = [
  { task: "regression", labels: [], values: [1.5, -2, 0, 1e300, -0] },
  { task: "regression", labels: [], values: [1, 2, NaN, 4] },
  { task: "regression", labels: [], values: [1, Infinity, NaN] },
  { task: "regression", labels: [], values: [-Infinity] },
  { task: "binary", labels: [0, 1], values: [0, 1, 1, 0, -0] },
  { task: "binary", labels: [0, 1], values: [0, 1, 2, 1] },
  { task: "binary", labels: [0, 1], values: [1, NaN] },
  { task: "binary", labels: [1, 0], values: [0, 0.5] },
  { task: "binary", labels: ["0", "1"], values: [1, 0, 1] },
  { task: "binary", labels: ["no", "yes"], values: [1] },
  { task: "multiclass", labels: [2, 70, 3.5], values: [70, 3.5, 2, 70, 64] },
  { task: "multiclass", labels: ["NaN", 1, 2], values: [1, NaN, 2] },
];

Deno.test("a typed target column encodes and is refused exactly as the same numbers in an array", () => {
  for (const { task, labels, values } of cases) {
    const long = Array.from({ length: 1000 }, (_, i) => values[i % values.length]!);
    for (const v of [values, long]) {
      assert.deepEqual(
        outcome(Float64Array.from(v), task, labels),
        outcome([...v], task, labels),
        `${task} ${JSON.stringify(labels)} ${v.slice(0, 6).join()}`,
      );
    }
  }
});

Deno.test("a typed target gives class indices and values, and names an unknown class", () => {
  assert.deepEqual(outcome(Float64Array.of(1, 0, -0), "binary", [0, 1]), [1, 0, 0]);
  assert.deepEqual(outcome(Float64Array.of(1, 0), "binary", ["0", "1"]), [1, 0]);
  assert.deepEqual(outcome(Float64Array.of(2.5, -0), "regression", []), [2.5, -0]);
  assert.equal(
    outcome(Float64Array.of(0, 2), "binary", [0, 1]),
    "row 2: target 2 is not a class of the model (classes: 0, 1)",
  );
});
