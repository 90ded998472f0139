/**
 * `leaderboard.html`: a search on one self-contained page (inline CSS and
 * SVG, no script, nothing fetched), built with the report's helpers.
 *
 * @module
 */
import { loadChartKit, renderChart } from "../report/chart_kit.ts";
import { type Html, html } from "../report/html.ts";
import { formatNumber } from "../report/format_number.ts";
import { COLORS } from "../report/metric_chart.ts";
import type { Leaderboard, LeaderboardEntry } from "./leaderboard.ts";
import { reportPage } from "../report/report_page.ts";

// Long error messages get room to wrap; a wide table scrolls rather than squeezing them.
const _STYLE = `
.scroll { overflow-x: auto; }
td.error { min-width: 22rem; }
`;

function _searched(board: Leaderboard, entry: LeaderboardEntry): string {
  const keys = Object.keys(board.space);
  return keys.map((k) => `${k}=${JSON.stringify(entry.params[k])}`).join(" ") || "defaults";
}

async function _chart(board: Leaderboard): Promise<Html> {
  const kit = await loadChartKit();
  const { Plot } = kit;
  const points = board.candidates.filter((e) => e.score !== null).map((e) => ({
    candidate: e.index + 1,
    score: e.score!,
    published: e.version !== undefined,
    title: `#${e.index + 1} ${_searched(board, e)}: ${board.metric} ${formatNumber(e.score)}` +
      (e.version !== undefined ? `, published as version ${e.version}` : ""),
  }));
  const champion = board.champion.score;
  return renderChart(kit, {
    width: 760,
    height: 260,
    marginLeft: 56,
    // Candidates are whole numbers: list them all while they fit, else let Plot pick round ones.
    x: {
      label: "candidate (search order)",
      ...(board.planned <= 12
        ? { ticks: Array.from({ length: board.planned }, (_, i) => i + 1) }
        : { tickFormat: "d" }),
    },
    y: { label: board.metric, nice: true, zero: false, grid: true, inset: 8 },
    marks: [
      ...(champion === null ? [] : [
        Plot.ruleY([champion], { stroke: COLORS.mean, strokeDasharray: "4,3", strokeWidth: 1.5 }),
        Plot.text([`champion v${board.champion.version} ${formatNumber(champion)}`], {
          y: () => champion,
          text: (d: string) => d,
          frameAnchor: "right",
          dy: -7,
          fill: COLORS.mean,
          stroke: "white",
          strokeWidth: 3,
          paintOrder: "stroke",
        }),
      ]),
      Plot.dot(points.filter((p) => !p.published), {
        x: "candidate",
        y: "score",
        r: 3,
        fill: COLORS.value,
        title: "title",
      }),
      Plot.dot(points.filter((p) => p.published), {
        x: "candidate",
        y: "score",
        r: 5,
        fill: COLORS.pass,
        stroke: "white",
        title: "title",
      }),
    ],
  });
}

function _table(board: Leaderboard): Html {
  const metrics = [...new Set(board.candidates.flatMap((e) => Object.keys(e.metrics)))];
  const failed = board.candidates.some((e) => e.error !== undefined);
  const rows = board.candidates.map((e) =>
    html`<tr class="${e.error !== undefined ? "fail" : ""}">
      <td class="number">${e.rank ?? "—"}</td>
      <td class="number">${e.index + 1}</td>
      <td>${e.version !== undefined ? html`<b>v${e.version}</b>` : ""}</td>
      <td><code>${_searched(board, e)}</code></td>
      ${
      metrics.map((m) =>
        html`<td class="number${m === board.metric ? " highlight" : ""}">${
          formatNumber(e.metrics[m])
        }</td>`
      )
    }
      <td class="number">${e.fit_ms}</td>
      ${failed && html`<td class="error">${e.error ?? ""}</td>`}
    </tr>`
  );
  return html`
    <table>
      <thead>
        <tr><th class="number">rank</th><th class="number">#</th><th>version</th><th>parameters</th>
        ${metrics.map((m) =>
          html`<th class="number${m === board.metric ? " highlight" : ""}">${m}</th>`
        )}
        <th class="number">ms</th>${failed && html`<th>error</th>`}</tr>
      </thead>
      <tbody>${rows}</tbody>
    </table>
  `;
}

/**
 * Renders a leaderboard: what was searched and how it ended, the published
 * versions, a chart of each candidate's score against the champion's, and
 * every candidate with its parameters and metrics.
 *
 * @example
 * ```ts
 * import { leaderboardHtml } from "./leaderboard_html.ts";
 * const entry = { index: 0, rank: 1, params: { C: 1 }, score: 0.7, metrics: { roc_auc: 0.7 }, fit_ms: 3, version: 2 };
 * const page = await leaderboardHtml({
 *   format: "ratchet.leaderboard/v1", id: "20261127T124148Z", model: "rain-tomorrow",
 *   champion: { version: 1, score: 0.65 }, plugin: { id: "logistic", version: "1.0.0" }, task: "binary",
 *   dataset: "seattle", target: "rain_tomorrow", train: { from: "2012-01", to: "2013-12", rows: 731 },
 *   validate: { from: "2014-01", to: "2014-12", rows: 365 }, overlap: false, metric: "roc_auc",
 *   lower_is_better: false, mode: "grid", seed: 0, space: { C: [1] }, budget_ms: null, keep: 1,
 *   started: "2026-11-27T12:41:48Z", finished: "2026-11-27T12:41:49Z", stopped: "complete", planned: 1,
 *   candidates: [entry], published: [{ version: 2, rank: 1, score: 0.7, sha256: "ab" }],
 *   files: { json: "l.json", html: "l.html" }, notes: [],
 * });
 * if (!page.startsWith("<!doctype html>") || !page.includes("<svg") || !page.includes("C=1")) throw new Error();
 * ```
 */
export async function leaderboardHtml(board: Leaderboard): Promise<string> {
  const title = `Search ${board.id} for ${board.model}`;
  const direction = board.lower_is_better ? "lower is better" : "higher is better";
  const ended = {
    complete: "every planned candidate was tried",
    budget: "stopped at the budget",
    aborted: "interrupted",
  }[board.stopped];
  const published = board.published.length
    ? html`<ul>${
      board.published.map((p) =>
        html`<li><b>${board.model}@${p.version}</b>: rank ${p.rank}, ${board.metric} ${
          formatNumber(p.score)
        }</li>`
      )
    }</ul>`
    : html`<p class="fail">Nothing was published.</p>`;
  const champion = board.champion.score === null
    ? html`could not be scored (${board.champion.reason ?? "no value"})`
    : html`${board.metric} ${formatNumber(board.champion.score)}`;
  const body = html`
    <header>
      <h1>${title}</h1>
      <p class="subtitle">
        Plugin <b>${board.plugin.id}</b> ${board.plugin.version}, ${board.mode} search (seed ${board
          .seed}),
        fitted on <b>${board.dataset}</b> ${board.train.from} … ${board.train.to} (${board.train
          .rows} rows),
        ranked by <b>${board.metric}</b> (${direction}) on ${board.validate.from} … ${board.validate
          .to}
        (${board.validate.rows} rows). ${board.candidates.length} of ${board.planned} candidates
        finished; ${ended}.
      </p>
    </header>
    <h2>Published candidates</h2>
    ${published}
    <p>The champion, version ${board.champion.version}, on the same window: ${champion}.
    Candidates are not promoted: challenge one with
    <code>ratchet challenge ${board.model} --candidate VERSION</code>.</p>
    ${board.notes.length > 0 &&
      html`<ul class="notes">${board.notes.map((n) => html`<li>${n}</li>`)}</ul>`}
    <h2>Score per candidate</h2>
    <p class="legend"><span><b style="color:${COLORS.pass}">●</b> published</span>
    <span><b style="color:${COLORS.value}">●</b> not kept</span>
    <span><b style="color:${COLORS.mean}">- -</b> champion</span></p>
    ${await _chart(board)}
    <h2>All candidates</h2>
    ${_table(board)}
    <footer>Written by <code>ratchet search</code>; the data is in leaderboard.json beside this page. The page loads nothing.</footer>
  `;
  return reportPage(title, body, _STYLE);
}
