/**
 * The model page: versions and aliases, requirements with their history and
 * a chart, fixtures, the evaluation sample's worst rows (to curate), back-test
 * and challenge reports, the changelog, features, and the Export button.
 *
 * @module
 */
import { join } from "node:path";
import { html } from "hono/html";
import { RatchetError } from "../errors/mod.ts";
import type { Project } from "../project/mod.ts";
import { validateModelName } from "../store/mod.ts";
import type { Feature } from "../artifact/mod.ts";
import { listDatasets } from "../data/mod.ts";
import { type Markup, page } from "./layout.ts";
import { type ModelStatus, modelStatus } from "./model_status.ts";
import { fixturesSection, requirementsSection } from "./model_sections.ts";
import { metricChart } from "./metric_chart.ts";
import { dataTable, type ScoredRow, type TableColumn } from "./data_table.ts";
import { listReports } from "./list_reports.ts";
import { reportLink } from "./report_link.ts";

/**
 * Renders the page of model `name` (404 when there is none).
 *
 * @example
 * ```ts ignore
 * const markup = await modelPage(project, "rain-tomorrow");
 * ```
 */
export async function modelPage(project: Project, name: string): Promise<Markup> {
  validateModelName(name);
  const store = project.store;
  if (store.versions(name).length === 0) {
    throw new RatchetError("not_found", `No model named ${name}: see the list on the home page`);
  }
  const aliases = store.aliases(name);
  const versions = store.versions(name).map((v) => store.load(name, v)).reverse();
  const current = store.load(name, undefined);
  const status = await modelStatus(project, name, current.version);
  const reports = listReports(project.root, store.names()).filter((r) => r.model === name);
  const datasets = listDatasets(project.root).map((d) => d.name);
  const changelog = _read(join(store.modelDir(name), "CHANGELOG.md"));
  return page(
    name,
    html`
      <h1>${name} <small>${current.task}, ${current.plugin.id}</small></h1>
      <p>${current.description ?? ""}</p>
      <p>
        <button type="button" id="export" class="primary" data-model="${name}"
          data-version="${current.version}">Export ${name}@${current.version}</button>
        <span
          class="status muted">a bundle with predictor.js, fixtures, requirements and a self-test, as a .tar.gz</span>
      </p>
      <h2>Versions</h2>
      <table>
        <thead>
          <tr>
            <th>version</th>
            <th>alias</th>
            <th>plugin</th>
            <th>created</th>
            <th>source</th>
            <th>sha256</th>
          </tr>
        </thead>
        <tbody>${versions.map((a) => {
          const tags = Object.entries(aliases).filter(([, v]) => v === a.version).map(([k]) => k);
          return html`
            <tr>
              <td>${a.version}</td>
              <td>${tags.join(", ") || "—"}</td>
              <td>${a.plugin.id} ${a.plugin.version}</td>
              <td>${a.provenance.created}</td>
              <td>${a.provenance.source}${a.provenance.estimator
                ? ` (${a.provenance.estimator})`
                : ""}</td>
              <td><code>${a.sha256.slice(0, 12)}…</code></td>
            </tr>
          `;
        })}</tbody>
      </table>
      ${requirementsSection(name, status)}
      ${_chart(status)}
      ${fixturesSection(name, status)}
      <p><a href="/fixtures#${name}">All fixtures of ${name}, with inputs and provenance →</a></p>
      ${_worst(name, status, current.features)}
      <h2>Back-test and challenge reports</h2>
      ${datasets.length === 0 ? "" : html`
        <p class="backtest">
          <label>Back-test version ${current.version} on <select name="dataset">${datasets.map((
            d,
          ) =>
            html`<option${d === current.provenance.dataset ? " selected" : ""}>${d}</option>`
          )}</select></label>
          <button type="button" id="backtest" data-model="${name}"
            data-version="${current.version}">Run back-test</button>
          <span class="status"></span>
        </p>
      `}
      ${reports.length === 0
        ? html`
          <p
            class="muted">None yet: run one here, or <code>ratchet backtest ${name} --dataset DATASET --report reports/backtest-${name}.html</code>.</p>
        `
        : html`<ul>${reports.map((r) => html`<li>${reportLink(r)}</li>`)}</ul>`}
      ${changelog === undefined ? "" : html`
        <h2>Changelog</h2>
        <pre class="changelog">${changelog}</pre>
      `}
      <h2>Features of version ${current.version}</h2>
      <table>
        <thead>
          <tr>
            <th>feature</th>
            <th>type</th>
            <th>levels</th>
          </tr>
        </thead>
        <tbody>${current.features.map((f) =>
          html`
            <tr>
              <td>${f.name}</td>
              <td>${f.type}</td>
              <td>${(f.levels ?? []).join(", ")}</td>
            </tr>
          `
        )}</tbody>
      </table>
      <p>Target <b>${current.target.name}</b>${current.target.labels
        ? `: ${current.target.labels.join(", ")}`
        : ""}</p>
    `,
  );
}

function _chart(status: ModelStatus): Markup | string {
  const r = status.requirements;
  if (!r || !status.partitions || status.partitions.length < 2) return "";
  return html`<figure class="chart">
    ${metricChart(r.primary, status.partitions, r.metrics[r.primary])}
    <figcaption class="muted">${r.primary} of version ${status.version} per partition of ${
    status.sample ?? "the sample"
  }, with its requirement.</figcaption>
  </figure>`;
}

function _worst(name: string, status: ModelStatus, types: readonly Feature[]): Markup | string {
  const worst = status.worst ?? [];
  if (worst.length === 0) return "";
  const labels = Object.keys(worst[0]!.probabilities ?? {});
  const features = Object.keys(worst[0]!.row);
  const columns: TableColumn[] = [
    { name: "key" },
    { name: "actual" },
    { name: "predicted" },
    ...labels.map((l) => ({ name: `p(${l})`, type: "number" as const })),
    { name: "loss", type: "number" },
    ...features.map((f) => ({ name: f })),
  ];
  const rows = worst.map((w) => [
    w.key ?? "",
    w.actual,
    w.prediction,
    ...labels.map((l) => w.probabilities?.[l] ?? null),
    w.loss,
    ...features.map((f) => w.row[f]),
  ]);
  const dataset = `models/${name}/${status.sample ?? "evaluation sample"}`;
  return html`
    <h2>Worst rows of the evaluation sample <small>version ${status.version}, ${status.sample ??
      ""}</small></h2>
    <p
      class="muted">The rows this version gets most wrong. "add to fixtures" keeps one as an <code>outlier</code> case, with a note.</p>
    ${dataTable({
      columns,
      rows,
      pageSize: 10,
      scoring: {
        name,
        version: status.version,
        existing: new Set(status.fixtures.filter((f) => f.status !== "skipped").map((f) => f.id)),
        rows: worst.map((w) => ({
          input: _typed(w.row, types),
          provenance: { dataset, ...(w.key !== undefined ? { row_key: w.key } : {}) },
        })),
      },
    })}
  `;
}

/**
 * A sample's row as JSON values: a CSV sample holds text, and a fixture's input is what
 * `predict` takes (numbers as numbers), so that the same row gets the same fixture id.
 */
function _typed(row: Record<string, unknown>, features: readonly Feature[]): ScoredRow["input"] {
  const out: ScoredRow["input"] = {};
  for (const f of features) {
    const v = row[f.name];
    if (typeof v !== "string") out[f.name] = (v ?? null) as ScoredRow["input"][string];
    else if (v.trim() === "") out[f.name] = null;
    else if (f.type === "number" && Number.isFinite(Number(v))) out[f.name] = Number(v);
    else if (f.type === "boolean" && (v === "true" || v === "false")) out[f.name] = v === "true";
    else out[f.name] = v;
  }
  return out;
}

function _read(path: string): string | undefined {
  try {
    return Deno.readTextFileSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined; // no promotion yet
    throw e;
  }
}
