/**
 * A tree as a SQL expression.
 *
 * @module
 */
import { float32AtMostSql, sqlNumber } from "../../core/sql/mod.ts";
import { float32AtMost } from "./float32_at_most.ts";
import type { TreeCoefficients } from "./tree_coefficients.ts";

/**
 * Nested `CASE WHEN x <= m THEN … ELSE … END` giving value `output` of the
 * leaf a row reaches, times `scale`. scikit-learn compares the input rounded
 * to float32 with the threshold; the split is written as the equivalent
 * double comparison (see {@linkcode float32AtMostSql}: `m` is the midpoint
 * between the largest float32 ≤ the threshold and the next float32), so it
 * is exact in any engine, for any double, without a float32 cast that
 * DuckDB refuses beyond the float32 range. A NULL or NaN input goes right,
 * like NaN in `predictBatch`.
 *
 * @example
 * ```ts
 * import { treeSQL } from "./tree_sql.ts";
 * const stump = { left: [1, -1, -1], right: [2, -1, -1], feature: [0, -1, -1], threshold: [0.5, -2, -2], value: [[1], [-2], [3]] };
 * const sql = treeSQL(stump, ['"x"'], 0);
 * if (sql !== 'CASE WHEN "x" <= 5.000000298023224e-1 THEN (-2e0) ELSE 3e0 END') throw new Error(sql);
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
    const split = float32AtMostSql(inputs[tree.feature[i]!]!, float32AtMost(tree.threshold[i]!));
    return `CASE WHEN ${split} THEN ${node(tree.left[i]!)} ELSE ${node(tree.right[i]!)} END`;
  };
  return node(0);
}
