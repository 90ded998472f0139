/**
 * The challenge report's tables: the rules, the primary metric's evidence,
 * the now-test of both models, the fixtures and the partitions.
 *
 * @module
 */
import { formatNumber } from "../report/format_number.ts";
import { type Html, html } from "../report/html.ts";
import type { ChallengeResult } from "./challenge_result.ts";
import type { PairedPartition } from "./paired_partitions.ts";

const _RULE_NAMES = {
  requirements: "meets every requirement",
  fixtures: "passes every fixture (superseded ones only with a reason)",
  improvement: "beats the champion by min_improvement, interval clear of 0",
  partitions: "regresses no partition beyond the tolerance (or says why)",
} as const;

/** One row per verdict rule: pass or fail, the rule, and what was found. */
export function rulesTable(result: ChallengeResult): Html {
  return html`
    <table class="checks">
      <thead>
        <tr>
          <th>result</th>
          <th>rule</th>
          <th>details</th>
        </tr>
      </thead>
      <tbody>${result.rules.map((r) =>
        html`
          <tr class="${r.passed ? "passed" : "fail"}">
            <td class="${r.passed ? "pass" : "fail"}">${r.passed ? "pass" : "FAIL"}</td>
            <td>${_RULE_NAMES[r.rule]}</td>
            <td>${r.message}</td>
          </tr>
        `
      )}</tbody>
    </table>
  `;
}

/** The primary metric of both models, the difference, its interval and the two tests. */
export function primaryTable(result: ChallengeResult): Html {
  const p = result.primary;
  const signed = (x: number | null) => x === null ? "—" : (x > 0 ? "+" : "") + formatNumber(x);
  const ci = p.ci ? `[${signed(p.ci[0])}, ${signed(p.ci[1])}]` : "could not be computed";
  const w = p.wilcoxon;
  const b = p.bootstrap;
  const rows: [string, string][] = [
    [`champion v${result.champion}, pooled rows`, formatNumber(p.champion)],
    [`candidate v${result.candidate}, pooled rows`, formatNumber(p.candidate)],
    ["difference (candidate − champion)", signed(p.diff)],
    [`required improvement (${p.direction} is better)`, String(p.min_improvement)],
    [`${Math.round(p.confidence * 100)}% paired bootstrap interval`, ci],
    [
      "partitions better / worse / equal / unpaired",
      `${p.partitions_better} / ${p.partitions_worse} / ${p.partitions_equal} / ${p.partitions_unpaired}`,
    ],
    [
      "mean over partitions, champion → candidate",
      `${formatNumber(p.partition_means.champion)} → ${formatNumber(p.partition_means.candidate)}`,
    ],
    [`sign test, two-sided (${p.sign_test.n} partitions)`, `p = ${_p(p.sign_test.p_value)}`],
    [
      `Wilcoxon signed-rank, two-sided (${w.n} partitions, ${w.method})`,
      `W = ${w.statistic}, p = ${_p(w.p_value)}`,
    ],
    [
      "bootstrap",
      `${b.resamples} resamples of ${b.kept.toLocaleString("en-US")} rows` +
      (b.sampled ? ` (a seeded sample of ${b.rows.toLocaleString("en-US")})` : "") +
      `, seed ${b.seed}` +
      (b.undefined_resamples ? `, ${b.undefined_resamples} undefined` : ""),
    ],
  ];
  return html`
    <table class="numbers">
      <tbody>${rows.map(([k, v]) =>
        html`
          <tr>
            <th>${k}</th>
            <td class="number">${v}</td>
          </tr>
        `
      )}</tbody>
    </table>
  `;
}

/** The now-test window's metrics for both models, and each model's now-test verdict. */
export function nowtestTable(result: ChallengeResult): Html {
  const { window, champion, candidate } = result.nowtest;
  const names = [
    ...new Set([
      ...Object.keys(champion.metrics?.values ?? {}),
      ...Object.keys(candidate.metrics?.values ?? {}),
    ]),
  ];
  const where = window.partitions.length === 1
    ? `partition ${window.partitions[0]}`
    : `${window.partitions.length} partitions, ${window.from} … ${window.to}`;
  return html`
    <p>Window <code>${window.text}</code>: ${where}, ${window.rows} rows, ${window
      .labelled} labelled.</p>
    <table class="numbers">
      <thead>
        <tr>
          <th>metric</th>
          <th class="number">champion v${result.champion}</th>
          <th class="number">candidate v${result.candidate}</th>
        </tr>
      </thead>
      <tbody>${names.map((m) =>
        html`
          <tr>
            <td>${m}</td>
            <td class="number">${formatNumber(champion.metrics?.values[m])}</td>
            <td class="number">${formatNumber(candidate.metrics?.values[m])}</td>
          </tr>
        `
      )}</tbody>
    </table>
    <ul>
      <li>champion: ${champion.verdict.summary}</li>
      <li>candidate: ${candidate.verdict.summary}</li>
    </ul>
  `;
}

/** Every fixture with both models' results; superseded cases with their reason. */
export function fixturesTable(result: ChallengeResult): Html {
  const f = result.fixtures;
  if (f.total === 0) return html`<p class="muted">The model has no fixtures.</p>`;
  const status = (s: string) =>
    html`<td class="${s === "failed" ? "fail" : s === "passed" ? "pass" : "muted"}">${s}</td>`;
  return html`
    <table class="checks">
      <thead>
        <tr>
          <th>case</th>
          <th>kind</th>
          <th>champion</th>
          <th>candidate</th>
          <th>details</th>
        </tr>
      </thead>
      <tbody>${f.cases.map((c) => {
        const s = c.superseded;
        const details = s
          ? `superseded at v${s.version} on ${s.date}: ${s.reason} (the candidate would ${
            s.candidate_would_pass ? "pass" : "fail"
          } it)`
          : c.message || (c.note ?? "");
        return html`<tr class="${c.candidate === "failed" ? "fail" : "passed"}">
        <td><code>${c.id}</code></td><td>${c.kind} ${c.mode}</td>${status(c.champion)}${
          status(c.candidate)
        }<td>${details}</td></tr>`;
      })}</tbody>
    </table>
  `;
}

/** The primary metric per partition: both values, the difference and the outcome. */
export function partitionsTable(result: ChallengeResult): Html {
  const regressed = new Set(result.regressions.partitions.map((p) => p.partition));
  const row = (p: PairedPartition) =>
    html`
      <tr class="${regressed.has(p.partition) ? "fail" : ""}">
        <td>${p.partition}</td>
        <td class="number">${p.rows}</td>
        <td class="number">${formatNumber(p.champion)}</td>
        <td class="number">${formatNumber(p.candidate)}</td>
        <td class="number">${p.diff === null
          ? "—"
          : (p.diff > 0 ? "+" : "") + formatNumber(p.diff)}</td>
        <td>${p.outcome}${p.reason ? `: ${p.reason}` : ""}${regressed.has(p.partition)
          ? " (beyond the tolerance)"
          : ""}</td>
      </tr>
    `;
  return html`
    <table class="numbers">
      <thead>
        <tr>
          <th>partition</th>
          <th class="number">rows</th>
          <th class="number">champion</th>
          <th class="number">candidate</th>
          <th class="number">difference</th>
          <th>outcome</th>
        </tr>
      </thead>
      <tbody>${result.partitions.map(row)}</tbody>
    </table>
  `;
}

function _p(p: number): string {
  return p < 1e-4 ? p.toExponential(2) : formatNumber(p);
}
