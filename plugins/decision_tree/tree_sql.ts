/**
 * A tree as a SQL expression.
 *
 * @module
 */
import { sqlNumber } from "../../core/sql/mod.ts";
import { float32AtMost } from "./float32_at_most.ts";
import type { TreeCoefficients } from "./tree_coefficients.ts";

/**
 * Nested `CASE WHEN CAST(x AS REAL) <= t THEN … ELSE … END` giving value
 * `output` of the leaf a row reaches, times `scale`. Inputs are cast to REAL
 * (float32 in DuckDB and PostgreSQL) and thresholds written as the largest
 * float32 ≤ the threshold, so the split is the same as scikit-learn's in
 * float32 and in double arithmetic. A NULL input goes right, like NaN in
 * `predictBatch`.
 *
 * @example
 * ```ts
 * import { treeSQL } from "./tree_sql.ts";
 * const stump = { left: [1, -1, -1], right: [2, -1, -1], feature: [0, -1, -1], threshold: [0.5, -2, -2], value: [[1], [-2], [3]] };
 * const sql = treeSQL(stump, ['"x"'], 0);
 * if (sql !== 'CASE WHEN CAST("x" AS REAL) <= 0.5 THEN (-2) ELSE 3 END') throw new Error(sql);
 * ```
 */
export function treeSQL(
  tree: TreeCoefficients,
  inputs: readonly string[],
  output: number,
  scale = 1,
): string {
  const node = (i: number): string => {
    if (tree.left[i] === -1) return sqlNumber(scale * tree.value[i]![output]!);
    const x = inputs[tree.feature[i]!]!;
    const t = sqlNumber(float32AtMost(tree.threshold[i]!));
    return `CASE WHEN CAST(${x} AS REAL) <= ${t} THEN ${node(tree.left[i]!)} ELSE ${
      node(tree.right[i]!)
    } END`;
  };
  return node(0);
}
