/**
 * Boosted trees as SQL expressions.
 *
 * @module
 */
import { sqlNumber } from "../../core/sql/mod.ts";
import { treeSQL } from "../decision_tree/mod.ts";
import type { GradientBoostingCoefficients } from "./boosting_coefficients.ts";

/**
 * One expression per output: the raw scores `init + lr·tree_1 + lr·tree_2 +
 * …` (each leaf already multiplied by the learning rate, summed in stage
 * order), through the link. Softmax is written `1 / Σ_j EXP(raw_j − raw_k)`,
 * which never divides an overflowed exponential by another.
 *
 * @example
 * ```ts
 * import { boostingSQL } from "./boosting_sql.ts";
 * const leaf = { left: [-1], right: [-1], feature: [-2], threshold: [-2], value: [[2]] };
 * const [p0, p1] = boostingSQL({ link: "logistic", init: [0.5], learning_rate: 0.1, stages: [[leaf]] }, ['"x"']);
 * if (p1 !== "1 / (1 + EXP(-(5e-1 + 2e-1)))" || p0 !== `1 - (${p1})`) throw new Error(p1);
 * ```
 */
export function boostingSQL(c: GradientBoostingCoefficients, inputs: readonly string[]): string[] {
  const raw = c.init.map((init, k) =>
    [sqlNumber(init), ...c.stages.map((stage) => treeSQL(stage[k]!, inputs, 0, c.learning_rate))]
      .join(" + ")
  );
  switch (c.link) {
    case "identity":
      return raw;
    case "logistic":
    case "exponential": {
      const p1 = `1 / (1 + EXP(-${c.link === "logistic" ? "" : "2 * "}(${raw[0]})))`;
      return [`1 - (${p1})`, p1];
    }
    case "softmax":
      return raw.map((_, k) => {
        const terms = raw.map((r, j) => (j === k ? "1" : `EXP((${r}) - (${raw[k]}))`));
        return `1 / (${terms.join(" + ")})`;
      });
  }
}
