/**
 * Test support: small synthetic problems for the tree plugins' tests.
 *
 * @module
 */
import type { ModelShape, Plugin, Task } from "../../core/contract/mod.ts";
import { runPython } from "../../core/testing/mod.ts";
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

/** One scikit-learn estimator to fit in a parity test. */
export interface SklearnCase {
  readonly estimator: string;
  readonly task: Task;
  readonly classes: number;
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * Fits each case in scikit-learn with `script` (stdin: the cases with `X`,
 * `y`, `X_test`; stdout: per case `{coefficients, pred}` with `pred` one list
 * per output), then checks, as one step per case, that `plugin` predicts
 * `pred` within `tolerance` in its batch path and identically in its row path.
 *
 * @example
 * ```ts ignore
 * Deno.test({ name: "parity", ...sklearnTest(), fn: (t) => checkSklearnPredictions(t, plugin, SCRIPT, CASES, { p: 5, seed: 40 }) });
 * ```
 */
export async function checkSklearnPredictions(
  t: Deno.TestContext,
  plugin: Plugin,
  script: string,
  cases: readonly SklearnCase[],
  options: { p: number; seed: number; tolerance?: number },
): Promise<void> {
  const tolerance = options.tolerance ?? 1e-12;
  const data = cases.map((c, k) => ({
    train: testProblem(options.seed + k, 400, options.p, c.task, c.classes),
    test: testProblem(options.seed + 20 + k, 300, options.p, c.task, c.classes),
  }));
  const results = await runPython<{ coefficients: unknown; pred: number[][] }[]>(
    script,
    cases.map((c, k) => ({
      ...c,
      X: data[k]!.train.rows,
      y: Array.from(data[k]!.train.target),
      X_test: data[k]!.test.rows,
    })),
  );
  for (const [k, c] of cases.entries()) {
    await t.step(`${c.estimator} ${JSON.stringify(c.params)}`, () => {
      const { test } = data[k]!;
      const r = results[k]!;
      const predictor = plugin.compile(plugin.parse(r.coefficients, test.shape), test.shape);
      const batch = predictor.predictBatch(test.columns, test.n);
      const row = new Float64Array(predictor.width);
      r.pred.forEach((column, q) => {
        for (let i = 0; i < test.n; i++) {
          const b = batch[q * test.n + i]!;
          if (!(Math.abs(b - column[i]!) <= tolerance)) {
            throw new Error(`row ${i}, output ${q}: ${b} vs scikit-learn's ${column[i]}`);
          }
          predictor.predictRow(test.rows[i]!, row);
          if (row[q] !== b) {
            throw new Error(`row ${i}, output ${q}: predictRow ${row[q]} ≠ predictBatch ${b}`);
          }
        }
      });
    });
  }
}
