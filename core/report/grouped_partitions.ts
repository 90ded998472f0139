/**
 * Partitions that share a reason, listed once per reason.
 *
 * @module
 */

/**
 * Groups partitions by reason: `[reason, "2015-01, 2015-02"]`, first
 * appearance first; long lists are cut to a count.
 *
 * @example
 * ```ts
 * import { groupedPartitions } from "./grouped_partitions.ts";
 * const g = groupedPartitions([
 *   { partition: "a", reason: "no rows" },
 *   { partition: "b", reason: "one class" },
 *   { partition: "c", reason: "no rows" },
 * ]);
 * if (JSON.stringify(g) !== '[["no rows","a, c"],["one class","b"]]') throw new Error(JSON.stringify(g));
 * ```
 */
export function groupedPartitions(
  items: readonly { partition: string; reason: string }[],
  shown = 8,
): [string, string][] {
  const byReason = new Map<string, string[]>();
  for (const { partition, reason } of items) {
    const list = byReason.get(reason) ?? [];
    list.push(partition);
    byReason.set(reason, list);
  }
  return [...byReason].map(([reason, labels]) => [
    reason,
    labels.length > shown
      ? `${labels.slice(0, shown - 1).join(", ")} and ${labels.length - shown + 1} more`
      : labels.join(", "),
  ]);
}
