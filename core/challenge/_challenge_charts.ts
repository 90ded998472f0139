/**
 * The challenge report's charts: a metric of both models per partition, the
 * per-partition differences as bars, and the bootstrap interval against
 * zero and the required improvement.
 *
 * @module
 */
import type { BacktestPartition } from "../backtest/mod.ts";
import { type ChartKit, renderChart } from "../report/chart_kit.ts";
import { formatNumber } from "../report/format_number.ts";
import type { Html } from "../report/html.ts";
import { COLORS } from "../report/metric_chart.ts";
import { partitionAxis } from "../report/partition_axis.ts";
import type { PrimaryComparison } from "./challenge_result.ts";
import type { PairedPartition } from "./paired_partitions.ts";

/** The two models' colours, in charts and legends. */
export const MODEL_COLORS = { champion: COLORS.value, candidate: "#d9730d" } as const;

interface _Point {
  partition: string;
  model: string;
  value: number | null;
  title: string;
}

/** One metric of both models per partition: two lines over the same partitions. */
export function pairedMetricChart(
  kit: ChartKit,
  metric: string,
  champion: readonly BacktestPartition[],
  candidate: readonly BacktestPartition[],
  labels: { champion: string; candidate: string },
  width = 540,
): Html {
  const { Plot } = kit;
  const points: _Point[] = [];
  for (const [who, partitions] of [["champion", champion], ["candidate", candidate]] as const) {
    for (const p of partitions) {
      const v = p.error === undefined ? p.metrics[metric] : null;
      const value = typeof v === "number" ? v : null;
      const title = `${labels[who]} ${p.partition}: ` +
        (value === null ? (p.error ?? p.undefined?.[metric] ?? "undefined") : formatNumber(value));
      points.push({ partition: p.partition, model: labels[who], value, title });
    }
  }
  const defined = points.filter((p) => p.value !== null);
  const color = {
    domain: [labels.champion, labels.candidate],
    range: [MODEL_COLORS.champion, MODEL_COLORS.candidate],
  };
  return renderChart(kit, {
    width,
    height: 230,
    marginLeft: 52,
    marginRight: 16,
    ...partitionAxis(champion.map((p) => p.partition)),
    y: { label: null, nice: true, zero: false, grid: true, inset: 8 },
    color,
    marks: [
      Plot.lineY(points, { x: "partition", y: "value", stroke: "model", strokeWidth: 1.4 }),
      Plot.dot(defined, { x: "partition", y: "value", fill: "model", r: 2.4, title: "title" }),
    ],
  });
}

/**
 * The improvement of each partition (the candidate better above zero, in
 * either metric direction), with the tolerance below which a partition
 * counts as regressed.
 */
export function differenceChart(
  kit: ChartKit,
  partitions: readonly PairedPartition[],
  tolerance: number,
): Html {
  const { Plot } = kit;
  const bars = partitions.filter((p) => p.improvement !== null).map((p) => ({
    partition: p.partition,
    improvement: p.improvement!,
    fill: p.improvement! < -tolerance ? COLORS.fail : p.improvement! < 0 ? "#e9a8b3" : COLORS.pass,
    title: `${p.partition}: ${formatNumber(p.champion)} → ${formatNumber(p.candidate)} ` +
      `(${p.improvement! >= 0 ? "+" : ""}${formatNumber(p.improvement)})`,
  }));
  const axis = partitionAxis(partitions.map((p) => p.partition));
  return renderChart(kit, {
    width: 1080,
    height: 220,
    marginLeft: 52,
    marginRight: 16,
    marginBottom: axis.marginBottom,
    x: { ...axis.x, type: "band", padding: 0.15 },
    y: { label: "improvement", grid: true, nice: true },
    marks: [
      Plot.barY(bars, { x: "partition", y: "improvement", fill: "fill", title: "title" }),
      Plot.ruleY([0], { stroke: "#374151" }),
      Plot.ruleY([-tolerance], { stroke: COLORS.fail, strokeDasharray: "6,3" }),
      Plot.text([`tolerance −${formatNumber(tolerance)}`], {
        y: () => -tolerance,
        text: (d: string) => d,
        frameAnchor: "left",
        dx: 4,
        dy: 8,
        fill: COLORS.fail,
        fontWeight: 600,
      }),
    ],
  });
}

/**
 * The bootstrap interval of candidate − champion as a bar, the pooled
 * difference as a dot, zero and the required improvement as rules.
 */
export function intervalChart(kit: ChartKit, primary: PrimaryComparison): Html | false {
  if (primary.ci === null || primary.diff === null) return false;
  const { Plot } = kit;
  const [lo, hi] = primary.ci;
  // The required improvement, as a difference (negative where lower is better).
  const needed = primary.direction === "higher"
    ? primary.min_improvement
    : -primary.min_improvement;
  const ok = primary.direction === "higher" ? lo > 0 : hi < 0;
  const span = Math.max(hi, 0, needed) - Math.min(lo, 0, needed) || 1;
  const label = `${Math.round(primary.confidence * 100)}% interval`;
  return renderChart(kit, {
    width: 540,
    height: 110,
    marginLeft: 100,
    marginRight: 24,
    x: {
      label: `${primary.metric}: candidate − champion`,
      domain: [Math.min(lo, 0, needed) - span * 0.1, Math.max(hi, 0, needed) + span * 0.1],
      grid: true,
    },
    y: { label: null },
    marks: [
      Plot.ruleX([0], { stroke: "#374151", strokeWidth: 1.5 }),
      Plot.ruleX([needed], { stroke: COLORS.mean, strokeDasharray: "4,3" }),
      Plot.ruleY([{ lo, hi }], {
        y: () => label,
        x1: "lo",
        x2: "hi",
        stroke: ok ? COLORS.pass : COLORS.fail,
        strokeWidth: 8,
        title: () => `[${formatNumber(lo)}, ${formatNumber(hi)}]`,
      }),
      Plot.dot([primary.diff], {
        x: (d: number) => d,
        y: () => label,
        r: 5,
        fill: "#111827",
        title: () => `pooled difference ${formatNumber(primary.diff)}`,
      }),
    ],
  });
}
