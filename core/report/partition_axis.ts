/**
 * The x axis of charts over partitions: every partition in order, labels
 * thinned and turned when there are many.
 *
 * @module
 */
import type { PlotOptions } from "@observablehq/plot";

/**
 * Plot options for an x axis of partition labels, and the bottom margin
 * its labels need.
 *
 * @example
 * ```ts
 * import { partitionAxis } from "./partition_axis.ts";
 * const labels = Array.from({ length: 48 }, (_, k) => `${2012 + Math.floor(k / 12)}-${String(k % 12 + 1).padStart(2, "0")}`);
 * const axis = partitionAxis(labels);
 * const ticks = (axis.x as { ticks: string[] }).ticks;
 * if (ticks.length > 16 || ticks[0] !== "2012-01") throw new Error(String(ticks));
 * ```
 */
export function partitionAxis(labels: readonly string[]): Pick<PlotOptions, "x" | "marginBottom"> {
  const longest = Math.min(24, Math.max(1, ...labels.map((l) => l.length)));
  // The charts are about 480 px wide inside their margins; 11 px labels take ~6.5 px a character.
  const level = labels.length <= Math.floor(480 / (longest * 6.5 + 8));
  // Turned labels need less room each, but past 16 they crowd anyway.
  const every = level ? 1 : Math.ceil(labels.length / 16);
  return {
    x: {
      type: "point",
      domain: [...labels],
      ticks: labels.filter((_, k) => k % every === 0),
      tickRotate: level ? 0 : -35,
      tickFormat: (l: string) => (l.length > 24 ? `${l.slice(0, 23)}…` : l),
      label: null,
      padding: 0.5,
    },
    marginBottom: level ? 30 : Math.round(14 + longest * 4.2),
  };
}
