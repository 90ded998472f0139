/**
 * The model page's chart: a metric of the evaluation sample per partition,
 * with the requirement's thresholds, drawn by Plot on the server.
 *
 * @module
 */
import { raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { PartitionMetrics } from "../evaluate/mod.ts";
import type { MetricRequirement } from "../requirements/mod.ts";
import { loadChartKit, renderChart } from "../report/chart_kit.ts";

/**
 * An SVG chart of `metric` over `partitions`: a line with a dot per
 * partition (red where a min, max or range threshold is broken), and a rule
 * per threshold.
 *
 * @example
 * ```ts
 * import { metricChart } from "./metric_chart.ts";
 * const svg = String(await metricChart("roc_auc", [
 *   { partition: "2015-01", rows: 31, values: { roc_auc: 0.7 }, reasons: {} },
 *   { partition: "2015-02", rows: 28, values: { roc_auc: 0.5 }, reasons: {} },
 * ], { min: 0.6 }));
 * if (!svg.startsWith("<svg") || !svg.includes("min 0.6")) throw new Error(svg);
 * ```
 */
export async function metricChart(
  metric: string,
  partitions: readonly PartitionMetrics[],
  requirement: MetricRequirement = {},
): Promise<HtmlEscapedString> {
  const kit = await loadChartKit();
  const { Plot } = kit;
  const points = partitions.flatMap((p) => {
    const value = p.values[metric as keyof typeof p.values];
    return typeof value === "number"
      ? [{ partition: p.partition, value, bad: _breaks(value, requirement) }]
      : [];
  });
  const rules = [
    ...(["min", "max", "mean"] as const).flatMap((k) =>
      requirement[k] === undefined ? [] : [{ y: requirement[k]!, label: `${k} ${requirement[k]}` }]
    ),
    ...(requirement.range
      ? requirement.range.map((y, i) => ({ y, label: `range ${i ? "hi" : "lo"} ${y}` }))
      : []),
  ];
  const svg = renderChart(kit, {
    width: 760,
    height: 220,
    marginBottom: 40,
    x: { type: "point", label: null, tickRotate: points.length > 12 ? -45 : 0 },
    y: { label: metric, grid: true },
    marks: [
      Plot.ruleY(rules, { y: "y", stroke: "#a15c00", strokeDasharray: "4,3" }),
      Plot.text(rules, { y: "y", text: "label", frameAnchor: "right", dy: -6, fill: "#a15c00" }),
      Plot.line(points, { x: "partition", y: "value", stroke: "#9aa5b8" }),
      Plot.dot(points, {
        x: "partition",
        y: "value",
        r: 3.5,
        fill: (d: { bad: boolean }) => d.bad ? "#b00020" : "#2f3e5c",
        title: (d: { partition: string; value: number }) => `${d.partition}: ${d.value}`,
      }),
    ],
  });
  // linkedom serialises the SVG with text and attributes escaped.
  return raw(svg.text);
}

function _breaks(v: number, r: MetricRequirement): boolean {
  return (r.min !== undefined && v < r.min) || (r.max !== undefined && v > r.max) ||
    (r.range !== undefined && (v < r.range[0] || v > r.range[1]));
}
