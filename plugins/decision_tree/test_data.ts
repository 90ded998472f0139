/**
 * Test support: small synthetic problems for the tree plugins' tests.
 *
 * @module
 */
import type { ModelShape, Task } from "../../core/contract/mod.ts";
import { createRandom } from "../../core/random/mod.ts";

/** A generated data set, as columns (for ratchet) and as rows (for Python). */
export interface TestProblem {
  readonly shape: ModelShape;
  readonly columns: Float64Array[];
  readonly rows: number[][];
  readonly target: Float64Array;
  readonly n: number;
}

/**
 * `n` rows of `p` standard-normal inputs (continuous, so no ties) and a
 * target that depends on a few of them non-linearly, with `noise`: a value
 * for regression, a class index for classification.
 *
 * @example
 * ```ts
 * import { testProblem } from "./test_data.ts";
 * const d = testProblem(1, 50, 3, "multiclass", 3);
 * if (d.columns.length !== 3 || d.rows[4]![2] !== d.columns[2]![4] || d.shape.classes !== 3) throw new Error();
 * ```
 */
export function testProblem(
  seed: number,
  n: number,
  p: number,
  task: Task,
  classes = 1,
  noise = 0.5,
): TestProblem {
  const random = createRandom(seed);
  const rows = Array.from({ length: n }, () => Array.from({ length: p }, () => random.normal()));
  const target = Float64Array.from(rows, (x) => {
    const s = x[0]! + 0.8 * x[1 % p]! * x[2 % p]! - 0.5 * Math.abs(x[p - 1]!) +
      noise * random.normal();
    if (task === "regression") return 3 * s + 1;
    if (task === "binary") return s > 0 ? 1 : 0;
    return Math.min(classes - 1, Math.max(0, Math.floor(s + classes / 2)));
  });
  const columns = Array.from({ length: p }, (_, j) => Float64Array.from(rows, (x) => x[j]!));
  const shape = {
    task,
    inputs: Array.from({ length: p }, (_, j) => `x${j}`),
    classes: task === "regression" ? 1 : classes,
  };
  return { shape, columns, rows, target, n };
}
