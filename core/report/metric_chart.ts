/**
 * One small multiple of the report: a metric per partition, with its
 * requirement lines, failing partitions in red and partitions without a
 * value marked along the bottom.
 *
 * @module
 */
import type { BacktestPartition } from "../backtest/mod.ts";
import type { RequirementCheck } from "../requirements/mod.ts";
import type { MetricName } from "../metrics/mod.ts";
import { LOWER_IS_BETTER } from "../metrics/mod.ts";
import type { MetricSummary } from "../evaluate/mod.ts";
import { type ChartKit, renderChart } from "./chart_kit.ts";
import { type Html, html } from "./html.ts";
import { formatNumber } from "./format_number.ts";
import { type MetricThresholds, partitionBreaches } from "./metric_thresholds.ts";
import { groupedPartitions } from "./grouped_partitions.ts";
import { partitionAxis } from "./partition_axis.ts";

/** Colours shared by the report's charts and its stylesheet. */
export const COLORS = {
  fail: "#b00020",
  pass: "#1b7f3b",
  value: "#2f3e5c",
  line: "#9aa5b8",
  mean: "#a15c00",
  muted: "#6b7280",
} as const;

/** What {@linkcode metricChart} draws. */
export interface MetricChartInput {
  /** The metric. */
  metric: string;
  /** Every partition, in order (also those that could not be scored). */
  partitions: readonly BacktestPartition[];
  /** The metric's thresholds, if any. */
  thresholds?: MetricThresholds;
  /** The metric's checks from the back-test. */
  checks: readonly RequirementCheck[];
  /** The metric over partitions. */
  summary?: MetricSummary | null;
  /** Whether this is the requirements' primary metric. */
  primary: boolean;
}

interface _Point {
  partition: string;
  value: number | null;
  title: string;
}

/**
 * A figure with the metric's chart and, below it, the failed checks and
 * every partition that breaks a threshold, has no value, or could not be
 * scored, in words (a chart is not the only way to read it).
 */
export function metricChart(kit: ChartKit, input: MetricChartInput): Html {
  const { Plot } = kit;
  const { metric, partitions, thresholds: t = {} } = input;
  const lower = LOWER_IS_BETTER.has(metric as MetricName);
  const ok: _Point[] = [], failing: _Point[] = [], missing: _Point[] = [], broken: _Point[] = [];
  const line: _Point[] = [];
  const undefinedReasons: { partition: string; reason: string }[] = [];
  for (const p of partitions) {
    const value = p.error === undefined ? p.metrics[metric] ?? null : null;
    const point = { partition: p.partition, value, title: "" };
    line.push(point);
    if (p.error !== undefined) {
      point.title = `${p.partition}: could not be scored: ${p.error}`;
      broken.push(point);
    } else if (typeof value !== "number") {
      const reason = p.undefined?.[metric] ?? "not measured";
      point.title = `${p.partition}: ${metric} undefined: ${reason}`;
      undefinedReasons.push({ partition: p.partition, reason });
      missing.push(point);
    } else {
      const breaches = partitionBreaches(value, t);
      point.title = `${p.partition}: ${formatNumber(value)} (${p.rows} rows)` +
        (breaches.length ? `, ${breaches.join(", ")}` : "");
      (breaches.length ? failing : ok).push(point);
    }
  }
  const failed = input.checks.some((c) => !c.passed);
  const status = input.checks.length === 0
    ? html`<span class="badge muted">no requirement</span>`
    : failed
    ? html`<span class="badge fail">FAIL</span>`
    : html`<span class="badge pass">pass</span>`;
  const head = html`<figcaption><h3>${metric}</h3> ${
    input.primary && html`<span class="badge primary">primary</span>`
  } ${status} <span class="muted">${lower ? "lower" : "higher"} is better</span></figcaption>`;
  const notes = [
    ...input.checks.filter((c) => !c.passed).map((c) => html`<li class="fail">${c.message}</li>`),
    failing.map((p) => html`<li><b class="fail">●</b> ${p.title}</li>`),
    groupedPartitions(undefinedReasons).map(([reason, labels]) =>
      html`<li><b class="muted">?</b> ${labels}: undefined, ${reason}</li>`
    ),
    broken.length > 0 &&
    html`<li class="muted"><b class="fail">✕</b> ${
      broken.map((p) => p.partition).join(", ")
    }: could not be scored</li>`,
  ];
  const rules = _rules(kit, t, input.summary);
  // Long tick labels would not fit the margin.
  const huge = [...ok, ...failing].some((p) => Math.abs(p.value!) >= 1e5);
  const svg = renderChart(kit, {
    width: 540,
    height: 230,
    marginLeft: 52,
    marginRight: 16,
    ...partitionAxis(partitions.map((p) => p.partition)),
    y: {
      label: null,
      nice: true,
      zero: false,
      grid: true,
      inset: 8,
      ...(huge ? { tickFormat: ".2~e" } : {}),
    },
    marks: [
      // A faint column where a partition has no value, so the gap in the line reads as intended.
      Plot.ruleX(missing, {
        x: "partition",
        stroke: COLORS.muted,
        strokeOpacity: 0.25,
        strokeDasharray: "2,3",
      }),
      Plot.ruleX(broken, {
        x: "partition",
        stroke: COLORS.fail,
        strokeOpacity: 0.3,
        strokeDasharray: "2,3",
      }),
      ...rules,
      Plot.lineY(line, { x: "partition", y: "value", stroke: COLORS.line, strokeWidth: 1.2 }),
      Plot.dot(ok, { x: "partition", y: "value", r: 2.6, fill: COLORS.value, title: "title" }),
      Plot.dot(failing, {
        x: "partition",
        y: "value",
        r: 4.5,
        fill: COLORS.fail,
        stroke: "white",
        title: "title",
      }),
      ..._markers(kit, missing, "?", COLORS.muted),
      ..._markers(kit, broken, "✕", COLORS.fail),
    ],
  });
  return html`<figure class="metric${
    failed ? " failed" : ""
  }">${head}${svg}<ul class="notes">${notes}</ul></figure>`;
}

// Threshold lines with their labels; the range as a shaded band.
function _rules(kit: ChartKit, t: MetricThresholds, summary: MetricSummary | null | undefined) {
  const { Plot } = kit;
  const line = (values: number[], stroke: string, dash: string) =>
    Plot.ruleY(values, { stroke, strokeWidth: 1.5, strokeDasharray: dash });
  const label = (value: number, text: string, fill: string, anchor: "left" | "right") =>
    Plot.text([text], {
      y: () => value,
      text: (d: string) => d,
      frameAnchor: anchor,
      dy: -7,
      dx: anchor === "right" ? -4 : 4,
      fill,
      fontWeight: 600,
      // A white halo keeps the label legible where it crosses the line.
      stroke: "white",
      strokeWidth: 3,
      paintOrder: "stroke",
    });
  const marks = [];
  if (t.range) {
    const [lo, hi] = t.range;
    marks.push(
      Plot.rect([t.range], { y1: () => lo, y2: () => hi, fill: COLORS.pass, fillOpacity: 0.07 }),
    );
    marks.push(
      line([lo, hi], COLORS.fail, "2,3"),
      label(hi, `range [${lo}, ${hi}]`, COLORS.fail, "right"),
    );
  }
  for (const kind of ["min", "max"] as const) {
    const v = t[kind];
    if (v !== undefined) {
      marks.push(line([v], COLORS.fail, "6,3"), label(v, `${kind} ${v}`, COLORS.fail, "right"));
    }
  }
  if (t.mean !== undefined) {
    marks.push(
      line([t.mean], COLORS.mean, "1,3"),
      label(t.mean, `required mean ${t.mean}`, COLORS.mean, "right"),
    );
    if (summary) {
      marks.push(
        line([summary.mean], COLORS.muted, "8,2"),
        label(summary.mean, `mean ${formatNumber(summary.mean, t.mean)}`, COLORS.muted, "left"),
      );
    }
  }
  return marks;
}

// Partitions without a value: a symbol along the bottom, its reason as a tooltip.
function _markers(kit: ChartKit, points: _Point[], symbol: string, fill: string) {
  return [kit.Plot.text(points, {
    x: "partition",
    frameAnchor: "bottom",
    dy: -6,
    text: () => symbol,
    fill,
    fontSize: 13,
    fontWeight: 700,
    title: "title",
  })];
}
