/**
 * The report's stylesheet: inline, no web fonts, readable printed.
 *
 * @module
 */
import { COLORS } from "./metric_chart.ts";

/** CSS for the back-test report. */
export const REPORT_STYLE = `
:root { color-scheme: light; --fail: ${COLORS.fail}; --pass: ${COLORS.pass}; --muted: ${COLORS.muted}; --mean: ${COLORS.mean}; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1160px; padding: 1.5rem 1.25rem 4rem; color: #1d1d1f; background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 0.2rem; }
h2 { font-size: 1.2rem; margin: 2.2rem 0 0.6rem; padding-bottom: 0.25rem; border-bottom: 1px solid #e5e7eb; }
h3 { display: inline; font-size: 1rem; margin: 0; }
.subtitle { color: var(--muted); margin: 0 0 1rem; }
nav { font-size: 0.9rem; margin: 0.8rem 0 0; }
nav a { color: #2f3e5c; margin-right: 1rem; }
.muted { color: var(--muted); }
.fail, tr.fail td { color: var(--fail); }
.pass { color: var(--pass); }
.verdict { border-radius: 8px; padding: 0.8rem 1.1rem; border: 2px solid; }
.verdict.failed { border-color: var(--fail); background: #fdf0f2; }
.verdict.passed { border-color: var(--pass); background: #eff8f2; }
.verdict.unchecked { border-color: var(--mean); background: #fdf6ea; }
.verdict .headline { font-size: 1.35rem; font-weight: 700; margin: 0 0 0.3rem; }
.verdict.failed .headline { color: var(--fail); }
.verdict.passed .headline { color: var(--pass); }
.verdict.unchecked .headline { color: var(--mean); }
.verdict p, .verdict ul { margin: 0.3rem 0; }
table { border-collapse: collapse; margin: 0.4rem 0 1rem; font-size: 0.92rem; }
th, td { text-align: left; padding: 0.28rem 0.65rem; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
th { font-weight: 600; background: #f6f7f9; }
th.number, td.number { text-align: right; font-variant-numeric: tabular-nums; }
td.fail { font-weight: 600; background: #fdf0f2; }
th.highlight, td.highlight { background: #f1f4fa; }
td.fail.highlight { background: #fbe3e7; }
table.checks tr.fail td { background: #fdf0f2; }
table.checks td:first-child { font-weight: 700; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(520px, 100%), 1fr)); gap: 1rem 1.5rem; }
figure { margin: 0; }
figure.metric { border: 1px solid #e5e7eb; border-radius: 6px; padding: 0.55rem 0.7rem 0.3rem; break-inside: avoid; }
figure.metric.failed { border-color: #e9a8b3; }
figure.metric svg { display: block; margin-top: 0.3rem; }
figcaption { font-size: 0.88rem; }
.badge { display: inline-block; font-size: 0.72rem; font-weight: 700; padding: 0 0.4rem; border-radius: 3px; margin-left: 0.3rem; border: 1px solid; vertical-align: 0.1em; }
.badge.fail { color: #fff; background: var(--fail); border-color: var(--fail); }
.badge.pass { color: var(--pass); border-color: var(--pass); }
.badge.muted { border-color: #d1d5db; }
.badge.primary { color: #2f3e5c; border-color: #2f3e5c; }
ul.notes { list-style: none; margin: 0.2rem 0 0.3rem; padding-left: 0.2rem; font-size: 0.82rem; color: #374151; }
ul.notes:empty { display: none; }
.legend { font-size: 0.85rem; color: #374151; }
.legend span { margin-right: 1.1rem; white-space: nowrap; }
.pair { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
table.worst { width: 100%; }
table.worst tr.case td { border-bottom: none; font-weight: 600; }
table.worst tr.detail td { padding-top: 0; }
.features { font-size: 0.84rem; color: #374151; margin-bottom: 0.3rem; }
.features span { display: inline-block; margin-right: 0.9rem; }
.features b { font-weight: 600; color: #6b7280; }
pre.command { margin: 0 0 0.4rem; padding: 0.45rem 0.6rem; background: #f6f7f9; border: 1px solid #e5e7eb; border-radius: 4px; font-size: 0.8rem; white-space: pre-wrap; overflow-wrap: anywhere; user-select: all; -webkit-user-select: all; }
details { margin: 0.4rem 0 1rem; }
summary { cursor: pointer; color: #2f3e5c; }
footer { margin-top: 3rem; font-size: 0.8rem; color: var(--muted); }
@media print { nav { display: none; } h2 { break-after: avoid; } figure, tr { break-inside: avoid; } }
`;
