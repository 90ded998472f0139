/**
 * The home page: the project at a glance — models with their champion,
 * requirement status and last back-test; datasets with their partitions;
 * notebooks; recent reports; plugins.
 *
 * @module
 */
import { html } from "hono/html";
import type { Project } from "../project/mod.ts";
import { listDatasets } from "../data/mod.ts";
import { type Markup, page } from "./layout.ts";
import { modelStatus } from "./model_status.ts";
import { listReports } from "./list_reports.ts";
import { listNotebooks } from "./list_notebooks.ts";
import { reportLink, urlPath } from "./report_link.ts";

/** How many reports the home page lists. */
const _RECENT = 10;

/**
 * Renders the home page of `project`.
 *
 * @example
 * ```ts
 * import { homePage } from "./home_page.ts";
 * import { openProject } from "../project/mod.ts";
 * const root = Deno.makeTempDirSync();
 * const text = String(await homePage(await openProject(root)));
 * if (!text.includes("No models yet")) throw new Error(text);
 * Deno.removeSync(root);
 * ```
 */
export async function homePage(project: Project): Promise<Markup> {
  const store = project.store;
  const names = store.names();
  const reports = listReports(project.root, names);
  const models = await Promise.all(names.map(async (name) => {
    const aliases = store.aliases(name);
    const current = store.load(name, undefined);
    const status = await modelStatus(project, name, current.version);
    const backtest = reports.find((r) => r.model === name && /^Back-test/i.test(r.title));
    return { name, aliases, current, versions: store.versions(name).length, status, backtest };
  }));
  const datasets = listDatasets(project.root);
  const notebooks = listNotebooks(project.root);
  return page(
    "ratchet",
    html`
      <h1>ratchet <small>${project.root}</small></h1>
      <h2 id="models">Models</h2>
      ${models.length === 0
        ? html`<p>No models yet. Publish one with <code>ratchet models add NAME FILE</code>.</p>`
        : html`
          <table>
            <thead>
              <tr>
                <th>model</th>
                <th>champion</th>
                <th>challenger</th>
                <th>versions</th>
                <th>plugin</th>
                <th>task</th>
                <th>requirements</th>
                <th>fixtures</th>
                <th>last back-test</th>
              </tr>
            </thead>
            <tbody>${models.map((m) => {
              const failed = m.status.fixtures.filter((f) => f.status === "failed").length;
              // Superseded cases are skipped, not passed: count only the cases checked.
              const checked = m.status.fixtures.filter((f) => f.status !== "skipped").length;
              return html`
                <tr>
                  <td><a href="/models/${m.name}">${m.name}</a></td>
                  <td>${m.aliases.champion ?? "—"}</td>
                  <td>${m.aliases.challenger ?? "—"}</td>
                  <td>${m.versions}</td>
                  <td>${m.current.plugin.id}</td>
                  <td>${m.current.task}</td>
                  <td>${_requirements(m.status)}</td>
                  <td>${m.status.fixtures.length === 0
                    ? html`<span class="muted">none</span>`
                    : failed
                    ? html`<span class="fail">${failed} of ${checked} fail</span>`
                    : html`<span class="pass">${checked} pass</span>`}</td>
                  <td>${m.backtest
                    ? reportLink(m.backtest)
                    : html`<span class="muted">none under reports/</span>`}</td>
                </tr>
              `;
            })}</tbody>
          </table>
        `}
      <h2 id="datasets">Datasets</h2>
      ${datasets.length === 0
        ? html`
          <p
            class="muted">None. Import one with <code>ratchet data import FILE --dataset NAME --time COLUMN --grain month</code>.</p>
        `
        : html`
          <table>
            <thead>
              <tr>
                <th>dataset</th>
                <th>time</th>
                <th>grain</th>
                <th>partitions</th>
                <th>from</th>
                <th>to</th>
                <th>rows</th>
                <th>columns</th>
              </tr>
            </thead>
            <tbody>${datasets.map((d) =>
              html`
                <tr>
                  <td><a href="/datasets/${d.name}">${d.name}</a></td>
                  <td>${d.time}</td>
                  <td>${d.grain}</td>
                  <td>${d.partitions.length}</td>
                  <td>${d.partitions[0]?.label ?? "—"}</td>
                  <td>${d.partitions.at(-1)?.label ?? "—"}</td>
                  <td class="num">${d.partitions.reduce((s, p) => s + p.rows, 0)}</td>
                  <td>${d.columns.length}</td>
                </tr>
              `
            )}</tbody>
          </table>
        `}
      <h2 id="notebooks">Notebooks</h2>
      ${notebooks.length === 0
        ? html`
          <p
            class="muted">None yet: a notebook is a Markdown file under <code>notebooks/</code> with <code>${"```"}ts</code> cells.</p>
        `
        : html`<ul>${
          notebooks.map((n) =>
            html`<li><a href="/notebooks/${
              urlPath(n.path)
            }">${n.title}</a> <span class="muted">notebooks/${n.path}, ${n.cells} cells</span></li>`
          )
        }</ul>`}
      <h2 id="reports">Recent reports</h2>
      ${reports.length === 0
        ? html`
          <p
            class="muted">None under <code>reports/</code>: <code>ratchet backtest NAME --dataset D --report reports/backtest.html</code> writes one.</p>
        `
        : html`<ul>${reports.slice(0, _RECENT).map((r) => html`<li>${reportLink(r)}</li>`)}</ul>`}
      <h2 id="plugins">Plugins</h2>
      <table>
        <thead>
          <tr>
            <th>plugin</th>
            <th>version</th>
            <th>tasks</th>
            <th>fit</th>
            <th>description</th>
          </tr>
        </thead>
        <tbody>${project.registry.list().map((p) =>
          html`
            <tr>
              <td>${p.id}</td>
              <td>${p.version}</td>
              <td>${p.tasks.join(", ")}</td>
              <td>${p.fit ? "yes" : "no"}</td>
              <td>${p.description}</td>
            </tr>
          `
        )}</tbody>
      </table>
    `,
  );
}

function _requirements(status: Awaited<ReturnType<typeof modelStatus>>) {
  if (!status.requirements) return html`<span class="muted">none</span>`;
  if (status.checkError) {
    return html`<span class="fail" title="${status.checkError}">not checked</span>`;
  }
  const checks = status.checks?.checks ?? [];
  const failed = checks.filter((c) => !c.passed).length;
  return failed
    ? html`<span class="fail">${failed} of ${checks.length} fail</span>`
    : html`<span class="pass">${checks.length} pass</span>`;
}
