/**
 * The fixtures page: every case of every model, checked against its
 * champion (or latest version), with its input and where it came from.
 *
 * @module
 */
import { html } from "hono/html";
import type { Project } from "../project/mod.ts";
import { checkFixtures, type Fixture, fixturesPath, readFixtures } from "../fixtures/mod.ts";
import { type Markup, page } from "./layout.ts";
import { predictionText } from "./model_sections.ts";
import { cellText } from "./data_table.ts";

/**
 * Renders the fixtures page.
 *
 * @example
 * ```ts
 * import { fixturesPage } from "./fixtures_page.ts";
 * import { openProject } from "../project/mod.ts";
 * const root = Deno.makeTempDirSync();
 * const text = String(await fixturesPage(await openProject(root)));
 * if (!text.includes("No models yet")) throw new Error(text);
 * Deno.removeSync(root);
 * ```
 */
export function fixturesPage(project: Project): Markup {
  const store = project.store;
  const sections = store.names().map((name) => {
    const model = project.model({ name, ref: undefined });
    const fixtures = readFixtures(fixturesPath(store, name));
    const results = checkFixtures(model, fixtures);
    return { name, version: model.artifact.version, fixtures, results };
  });
  return page(
    "Fixtures",
    html`
      <h1>Fixtures</h1>
      <p
        class="muted">Each model's regression cases, checked now against its champion (the latest version if it has none), as <code>ratchet fixtures check NAME</code> does.</p>
      ${sections.length === 0 ? html`<p>No models yet.</p>` : ""}
      ${sections.map((s) => {
        const failed = s.results.filter((r) => r.status === "failed").length;
        const checked = s.results.filter((r) => r.status !== "skipped").length;
        return html`
          <h2
            id="${s.name}"><a href="/models/${s.name}">${s.name}</a> <small>version ${s
              .version}: ${checked - failed} of ${checked} pass${failed
              ? html`, <span class="fail">${failed} fail</span>`
              : ""}</small></h2>
          ${s.fixtures.length === 0
            ? html`
              <p
                class="muted">No cases yet: <code>ratchet fixtures add ${s
                  .name} --input ROW.json</code>, or "add to fixtures" on a row the model scored.</p>
            `
            : html`
              <table class="fixtures">
                <thead>
                  <tr>
                    <th></th>
                    <th>id</th>
                    <th>kind</th>
                    <th>mode</th>
                    <th>input</th>
                    <th>expected</th>
                    <th>actual</th>
                    <th>provenance</th>
                  </tr>
                </thead>
                <tbody>${s.fixtures.map((f, i) => {
                  const r = s.results[i]!;
                  return html`
                    <tr data-fixture="${f.id}" data-status="${r.status}">
                      <td>${r.status === "skipped"
                        ? html`<span class="muted">superseded</span>`
                        : r.passed
                        ? html`<span class="pass">pass</span>`
                        : html`<span class="fail">FAIL</span>`}</td>
                      <td><code>${f.id}</code></td>
                      <td>${f.kind}</td>
                      <td>${f.mode}</td>
                      <td>${Object.entries(f.input).map(([k, v]) =>
                        html`<div><b>${k}</b> ${cellText(v)}</div>`
                      )}</td>
                      <td>${predictionText(f.expect)}${f.tolerance
                        ? html`
                          <span class="muted">± ${f.tolerance}</span>
                        `
                        : ""}</td>
                      <td>${predictionText(r.actual)}${r.message
                        ? html`<div class="fail">${r.message}</div>`
                        : ""}</td>
                      <td>${_provenance(f)}</td>
                    </tr>
                  `;
                })}</tbody>
              </table>
            `}
        `;
      })}
    `,
  );
}

function _provenance(f: Fixture): Markup {
  const p = f.provenance;
  const from = [
    p.dataset,
    p.partition && `partition ${p.partition}`,
    p.row_key && `row ${p.row_key}`,
  ]
    .filter(Boolean).join(", ");
  return html`<div>${p.added.slice(0, 10)} by ${p.by}</div>
    ${from ? html`<div class="muted">from ${from}</div>` : ""}
    ${p.note ? html`<div><i>${p.note}</i></div>` : ""}
    ${
    f.superseded
      ? html`<div class="muted">superseded by version ${f.superseded.version}: ${f.superseded.reason}</div>`
      : ""
  }`;
}
