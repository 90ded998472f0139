/**
 * Training inputs as scikit-learn's trees see them.
 *
 * @module
 */
import type { TrainingData } from "../../core/contract/mod.ts";
import { invalid } from "../../core/errors/mod.ts";

/**
 * The training columns cast to float32 (scikit-learn fits trees on float32
 * inputs), after checking that there are rows, that every input is finite,
 * and that targets are finite values or class indices 0…classes-1.
 *
 * @example
 * ```ts
 * import { float32TrainingColumns } from "./float32_training_columns.ts";
 * const shape = { task: "binary", inputs: ["x"], classes: 2 } as const;
 * const [x] = float32TrainingColumns({ shape, columns: [Float64Array.of(0.1, 2)], n: 2, target: Float64Array.of(0, 1) }, "decision_tree");
 * if (x![0] !== Math.fround(0.1)) throw new Error();
 * ```
 */
export function float32TrainingColumns(data: TrainingData, plugin: string): Float32Array[] {
  const { n, shape, target } = data;
  if (!(n >= 1)) throw invalid(`Cannot fit ${plugin} on 0 rows: the training data is empty`);
  const classes = shape.task === "regression" ? 0 : shape.classes;
  for (let i = 0; i < n; i++) {
    const y = target[i]!;
    const ok = classes === 0 ? Number.isFinite(y) : Number.isInteger(y) && y >= 0 && y < classes;
    if (!ok) {
      throw invalid(
        `Cannot fit ${plugin}: target row ${i} is ${y}, expected ${
          classes === 0 ? "a finite number" : `a class index 0…${classes - 1}`
        }`,
      );
    }
  }
  return shape.inputs.map((name, j) => {
    const column = data.columns[j]!;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const v = column[i]!;
      if (!Number.isFinite(Math.fround(v))) {
        throw invalid(
          `Cannot fit ${plugin}: input ${name} is ${v} in row ${i}; impute or drop missing values, and keep values within float32 range`,
        );
      }
      x[i] = v;
    }
    return x;
  });
}
