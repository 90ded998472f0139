/**
 * The trial report as one self-contained HTML file (inline CSS and SVG, no
 * script, nothing fetched): the outcome, the evidence on the primary
 * metric, both versions per partition, the requirements, the pairs logged.
 *
 * @module
 */
import {
  differenceChart,
  intervalChart,
  pairedMetricChart,
} from "../challenge/_challenge_charts.ts";
import { loadChartKit } from "../report/chart_kit.ts";
import { checksTable } from "../report/checks_table.ts";
import { html } from "../report/html.ts";
import { formatValue } from "../requirements/mod.ts";
import { asBacktestPartitions } from "./measure_live.ts";
import type { TrialResult, TrialSide } from "./trial_result.ts";
import { reportPage } from "../report/report_page.ts";

/**
 * Renders a trial report. Plot and its DOM load only here.
 *
 * @example
 * ```ts ignore
 * Deno.writeTextFileSync("trial.html", await trialHtml(await trialReport(project, { name: "rain-tomorrow" })));
 * ```
 */
export async function trialHtml(result: TrialResult): Promise<string> {
  const kit = await loadChartKit();
  const { model, champion, challenger, primary } = result;
  const labels = { champion: `v${champion} champion`, candidate: `v${challenger} challenger` };
  const sides = [result.metrics.champion, result.metrics.challenger].map((s: TrialSide) =>
    asBacktestPartitions(s.partitions)
  );
  const title = `Trial of ${model}: v${challenger} in shadow of v${champion}`;
  const f = (x: number | null) => (x === null ? "—" : formatValue(x));
  const d = result.data;
  const body = html`
    <header>
      <h1>${title}</h1>
      <p
        class="subtitle">Prediction log <b>${d.dataset}</b>: ${d.logged} rows logged, ${d
          .with_outcome} with an outcome, ${d.with_shadow} with a shadow prediction, ${d
          .compared} with both; ${result.partitions.length} ${d.grain} partitions from ${d.window
          .from} to ${d.window.to}.</p>
    </header>
    <section class="verdict ${result.promote ? "passed" : "failed"}" id="verdict">
      <p class="headline">${result.outcome.replaceAll("_", " ").toUpperCase()}${result.promote
        ? html`
          — challenge it, then <code>ratchet promote ${model}@${challenger}</code>
        `
        : ""}</p>
      <p>${result.summary}</p>
      <ul>${result.reasons.map((r) => html`<li>${r}</li>`)}</ul>
    </section>
    <h2>Primary metric: ${primary.metric}</h2>
    <figure>${intervalChart(kit, primary)}<figcaption class="muted">The bar is the interval of
      challenger − champion, the dot the pooled difference; the dashed line the required
      improvement.</figcaption></figure>
    ${pairedMetricChart(kit, primary.metric, sides[0]!, sides[1]!, labels, 1080)}
    <p>Improvement per partition (above 0: the challenger is better):</p>
    ${differenceChart(kit, result.partitions, result.regressions.tolerance)}
    <h2>Requirements on the live partitions</h2>
    ${result.requirements.note && html`<p>${result.requirements.note}</p>`}
    <h3>Challenger v${challenger}</h3>${checksTable(result.requirements.challenger.checks)}
    <h3>Champion v${champion}</h3>${checksTable(result.requirements.champion.checks)}
    <h2>Pairs logged</h2>
    <table>
      <thead>
        <tr>
          <th>champion</th>
          <th>challenger</th>
          <th>rows</th>
          <th>from</th>
          <th>to</th>
          <th>${primary.metric} champion</th>
          <th>${primary.metric} challenger</th>
        </tr>
      </thead>
      <tbody>${result.pairs.map((p) =>
        html`
          <tr>
            <td>v${p.champion}</td>
            <td>v${p.challenger}</td>
            <td>${p.rows}</td>
            <td>${p.first}</td>
            <td>${p.last}</td>
            <td>${f(p.primary.champion)}</td>
            <td>${f(p.primary.challenger)}</td>
          </tr>
        `
      )}</tbody>
    </table>
    <footer>Written by <code>ratchet trial report --report</code> on ${result
      .created}. Seed ${result
      .options.seed}, ${result.options.resamples} resamples. The page is self-contained.</footer>
  `;
  return reportPage(title, body);
}
