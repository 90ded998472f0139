/**
 * The requirements, as the back-test and the now-test checked them on
 * champion and candidate.
 *
 * @module
 */
import type { BacktestResult } from "../backtest/mod.ts";
import type { NowtestResult } from "../nowtest/mod.ts";
import type { ChallengeRequirements, ModelRequirements } from "./challenge_result.ts";

/**
 * Puts both models' requirement checks side by side. The candidate meets
 * its requirements when every back-test partition was scored, every
 * back-test check passed and the now-test window did not fail (a window
 * without labelled rows is not checked). Without requirements, only
 * unscored partitions count, with a note that nothing was checked.
 *
 * @example
 * ```ts
 * import { compareRequirements } from "./compare_requirements.ts";
 * const none = { passed: true, checks: [] };
 * const bt = { requirements: none, partitions: [{ partition: "2015-01", rows: 0, metrics: {}, error: "unreadable" }] };
 * const r = compareRequirements("churn", true, [bt, bt], [{ requirements: none }, { requirements: none }]);
 * if (r.passed || r.candidate.unscored[0] !== "2015-01") throw new Error(JSON.stringify(r));
 * ```
 */
export function compareRequirements(
  name: string,
  has: boolean,
  backtests: readonly Pick<BacktestResult, "requirements" | "partitions">[],
  nowtests: readonly Pick<NowtestResult, "requirements">[],
): ChallengeRequirements {
  const side = (k: number): ModelRequirements => ({
    backtest: backtests[k]!.requirements,
    nowtest: nowtests[k]!.requirements,
    unscored: backtests[k]!.partitions.filter((p) => p.error !== undefined).map((p) => p.partition),
  });
  const champion = side(0), candidate = side(1);
  if (!has) {
    return {
      passed: candidate.unscored.length === 0,
      note: `${name} has no requirements, so none was checked (write them with ` +
        "`ratchet requirements init`)",
      champion,
      candidate,
    };
  }
  return {
    passed: candidate.backtest.passed && candidate.unscored.length === 0 &&
      candidate.nowtest.passed !== false,
    champion,
    candidate,
  };
}
