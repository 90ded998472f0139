/**
 * A challenge in one paragraph of plain text, for a terminal, a cron mail
 * or a CI log.
 *
 * @module
 */
import { formatValue } from "../requirements/mod.ts";
import type { ChallengeResult } from "./challenge_result.ts";

/** Longest a failed rule's message runs in the summary; the evidence has it whole. */
const _MAX_REASON = 240;

/**
 * Summarises a challenge: verdict, the primary metric with its interval,
 * the partition counts and tests, the failed rules, the evidence file.
 *
 * @example
 * ```ts ignore
 * console.log(challengeSummary(await challenge(project, { name: "rain-tomorrow", candidate: 2 })));
 * // rain-tomorrow@2 against the champion v1 on seattle (48 partitions, 1,459 rows): PROMOTE. …
 * ```
 */
export function challengeSummary(result: ChallengeResult): string {
  const p = result.primary;
  const f = (x: number | null) => (x === null ? "undefined" : formatValue(x));
  const signed = (x: number) => (x > 0 ? "+" : "") + formatValue(x);
  const ci = p.ci
    ? `, ${Math.round(p.confidence * 100)}% interval [${signed(p.ci[0])}, ${signed(p.ci[1])}]`
    : "";
  const pv = (x: number) => (x < 1e-4 ? x.toExponential(1) : formatValue(x));
  const failed = result.rules.filter((r) => !r.passed).map((r) =>
    `${r.rule}: ${
      r.message.length > _MAX_REASON ? r.message.slice(0, _MAX_REASON - 1) + "…" : r.message
    }`
  );
  const parts = [
    `${result.model}@${result.candidate} against the champion v${result.champion} on ` +
    `${result.data.dataset} (${result.data.partitions} partitions, ` +
    `${result.data.rows.toLocaleString("en-US")} rows): ${result.verdict.toUpperCase()}.`,
    `${p.metric} ${f(p.champion)} → ${f(p.candidate)}` +
    (p.diff === null ? "" : ` (${signed(p.diff)}${ci})`) +
    `, min_improvement ${p.min_improvement}; better in ${p.partitions_better} partitions, ` +
    `worse in ${p.partitions_worse}, equal in ${p.partitions_equal} (sign test p = ${
      pv(p.sign_test.p_value)
    }, Wilcoxon p = ${pv(p.wilcoxon.p_value)}).`,
    failed.length
      ? `Failed ${failed.length} of ${result.rules.length} rules: ${failed.join(" | ")}`
      : `Every rule holds: promote with \`ratchet promote ${result.model}@${result.candidate}\`.`,
    result.evidence ? `Evidence: ${result.evidence}.` : "",
  ];
  return parts.filter(Boolean).join(" ");
}
