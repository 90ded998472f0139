/**
 * The partitions where the primary metric was worst: where to look first.
 *
 * @module
 */
import type { BacktestPartition } from "../backtest/mod.ts";
import { LOWER_IS_BETTER, type MetricName } from "../metrics/mod.ts";
import { type Html, html } from "./html.ts";
import type { MetricThresholds } from "./metric_thresholds.ts";
import { partitionTable } from "./partition_table.ts";

/**
 * The `count` scored partitions with the worst value of `primary`, worst
 * first, with every metric.
 *
 * @example
 * ```ts
 * import { worstPartitions } from "./worst_partitions.ts";
 * const p = (partition: string, rmse: number) => ({ partition, rows: 1, metrics: { rmse } });
 * const table = worstPartitions([p("a", 1), p("b", 3), p("c", 2)], "rmse", ["rmse"], {}, 2);
 * if (!/b<\/td>.*c<\/td>/s.test(table.text) || table.text.includes("<td>a</td>")) throw new Error(table.text);
 * ```
 */
export function worstPartitions(
  partitions: readonly BacktestPartition[],
  primary: string,
  metrics: readonly string[],
  thresholds: Record<string, MetricThresholds>,
  count = 5,
): Html {
  const lower = LOWER_IS_BETTER.has(primary as MetricName);
  const ranked = partitions
    .filter((p) => p.error === undefined && typeof p.metrics[primary] === "number")
    .sort((a, b) => (lower ? 1 : -1) * (b.metrics[primary]! - a.metrics[primary]!));
  if (ranked.length === 0) {
    return html`<p class="muted">${primary} has no value in any partition, so none can be ranked.</p>`;
  }
  const unranked = partitions.length - ranked.length;
  const left = unranked === 1 ? "1 partition has" : `${unranked} partitions have`;
  const note = unranked > 0
    ? `; ${left} no ${primary} and ${unranked === 1 ? "is" : "are"} not ranked`
    : "";
  const top = ranked.slice(0, count);
  return html`
    <p>The ${top.length} partitions with the ${lower
      ? "highest"
      : "lowest"} ${primary}, worst first${note}.</p>
    ${partitionTable(top, metrics, thresholds, { rank: true, highlight: primary })}
  `;
}
