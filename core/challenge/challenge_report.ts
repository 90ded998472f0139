/**
 * The challenge report: one self-contained HTML file (inline CSS and SVG,
 * no script, nothing fetched) with the verdict and every rule, the
 * evidence on the primary metric, both models side by side per partition,
 * the now-test and the fixtures.
 *
 * @module
 */
import { metricsFor } from "../metrics/mod.ts";
import { loadChartKit } from "../report/chart_kit.ts";
import { checksTable } from "../report/checks_table.ts";
import { type Html, html } from "../report/html.ts";
import {
  differenceChart,
  intervalChart,
  MODEL_COLORS,
  pairedMetricChart,
} from "./_challenge_charts.ts";
import {
  fixturesTable,
  nowtestTable,
  partitionsTable,
  primaryTable,
  rulesTable,
} from "./_challenge_tables.ts";
import type { ChallengeResult } from "./challenge_result.ts";
import { reportPage } from "../report/report_page.ts";

/**
 * Renders a challenge as one HTML document. Plot and its DOM load only here.
 *
 * @example
 * ```ts ignore
 * const page = await challengeReport(await challenge(project, { name: "rain-tomorrow", candidate: 2 }));
 * Deno.writeTextFileSync("challenge.html", page);
 * ```
 */
export async function challengeReport(result: ChallengeResult): Promise<string> {
  const kit = await loadChartKit();
  const { model, champion, candidate, primary } = result;
  const labels = { champion: `v${champion} champion`, candidate: `v${candidate} candidate` };
  const bt = result.backtest;
  const title = `Challenge of ${model}: v${candidate} against the champion v${champion}`;
  const others = metricsFor(result.task)
    .filter((m) => m !== primary.metric)
    .filter((m) =>
      [...bt.champion.partitions, ...bt.candidate.partitions].some((p) =>
        typeof p.metrics[m] === "number"
      )
    );
  const promote = result.verdict === "promote";
  const c = result.requirements.candidate, k = result.requirements.champion;
  const body = html`
    <header>
      <h1>${title}</h1>
      <p class="subtitle">
        Dataset <b>${result.data.dataset}</b>, ${result.data.partitions} partitions from ${result
          .data
          .window.from} to ${result.data.window.to}, ${result.data.rows.toLocaleString(
            "en-US",
          )} rows
        scored by both; primary metric <b>${primary.metric}</b> (${primary.direction} is better).
      </p>
    </header>
    <section class="verdict ${promote ? "passed" : "failed"}" id="verdict">
      <p class="headline">${promote
        ? `PROMOTE — v${candidate} may replace v${champion}`
        : `REJECT — v${candidate} stays a candidate`}</p>
      <p>${promote
        ? html`Every rule holds. Promote it with <code>ratchet promote ${model}@${candidate}</code>.`
        : html`${result.reasons.length} of ${result.rules.length} rules fail.`}</p>
      ${rulesTable(result)}
    </section>
    <nav>${[
      ["primary", "Primary metric"],
      ["partitions", "Per partition"],
      ["metrics", "Every metric"],
      ["requirements", "Requirements"],
      ["nowtest", "Now-test"],
      ["fixtures", "Fixtures"],
      ["table", "Partitions table"],
    ].map(([id, name]) => html`<a href="#${id}">${name}</a>`)}</nav>
    <h2 id="primary">Primary metric: ${primary.metric}</h2>
    <div class="pair">${primaryTable(result)}<figure>${intervalChart(kit, primary)}
      <figcaption class="muted">The bar is the interval of candidate − champion, the dot the pooled
      difference; the solid line is 0, the dashed line the required improvement.</figcaption></figure></div>
    <h2 id="partitions">Per partition</h2>
    ${_legend(labels)}
    ${pairedMetricChart(
      kit,
      primary.metric,
      bt.champion.partitions,
      bt.candidate.partitions,
      labels,
      1080,
    )}
    <p>Improvement per partition (above 0: the candidate is better), with the tolerance:</p>
    ${differenceChart(kit, result.partitions, result.regressions.tolerance)}
    ${_regressions(result)}
    <h2 id="metrics">Every metric, side by side</h2>
    <div class="charts">${others.map((m) =>
      html`<figure class="metric"><figcaption><h3>${m}</h3></figcaption>${
        pairedMetricChart(kit, m, bt.champion.partitions, bt.candidate.partitions, labels)
      }</figure>`
    )}</div>
    <h2 id="requirements">Requirements</h2>
    ${result.requirements.note && html`<p>${result.requirements.note}</p>`}
    <h3>Candidate v${candidate}: back-test</h3>${checksTable(c.backtest.checks)}
    <h3>Candidate v${candidate}: now-test window</h3>${_nowtestChecks(c.nowtest)}
    <details><summary>Champion v${champion}'s checks, for comparison</summary>
      ${checksTable(k.backtest.checks)}${_nowtestChecks(k.nowtest)}
    </details>
    <h2 id="nowtest">Now-test</h2>
    ${nowtestTable(result)}
    <h2 id="fixtures">Fixtures</h2>
    ${fixturesTable(result)}
    <h2 id="table">Partitions</h2>
    <details><summary>${primary.metric} of both models in all ${result.partitions
      .length} partitions</summary>
      ${partitionsTable(result)}
    </details>
    <footer>
      Written by <code>ratchet challenge --report</code> on ${result.created}${result.evidence
        ? html`; evidence <code>${result.evidence}</code>`
        : ""}. Seed ${result.options.seed}, ${result.options.resamples} resamples. The page is
      self-contained: it loads nothing.
    </footer>
  `;
  return reportPage(title, body);
}

function _legend(labels: { champion: string; candidate: string }): Html {
  return html`<p class="legend">
    <span><b style="color:${MODEL_COLORS.champion}">●—</b> ${labels.champion}</span>
    <span><b style="color:${MODEL_COLORS.candidate}">●—</b> ${labels.candidate}</span>
    <span class="muted">Hover a point for its value.</span></p>`;
}

function _nowtestChecks(r: ChallengeResult["requirements"]["candidate"]["nowtest"]): Html {
  return r.passed === null
    ? html`<p class="muted">${r.note ?? "not checked"}</p>`
    : checksTable(r.checks);
}

function _regressions(result: ChallengeResult): Html | false {
  const r = result.regressions;
  if (r.partitions.length === 0) return false;
  return html`<p class="${r.reason === undefined ? "fail" : ""}">
    ${r.partitions.length} partition(s) regressed beyond the tolerance:
    ${r.partitions.map((p) => p.partition).join(", ")}${
    r.reason === undefined ? "." : html`; accepted because: <b>${r.reason}</b>`
  }</p>`;
}
