/**
 * A dataset's page: its columns, partitions (rows, files, when imported)
 * and import history, from its descriptor — no Parquet is read.
 *
 * @module
 */
import { html } from "hono/html";
import { loadDataset } from "../data/mod.ts";
import { type Markup, page } from "./layout.ts";

/**
 * Renders the page of dataset `name` of the project at `root` (404 when
 * there is none).
 *
 * @example
 * ```ts ignore
 * const markup = datasetPage(project.root, "seattle");
 * ```
 */
export function datasetPage(root: string, name: string): Markup {
  const d = loadDataset(root, name);
  const rows = d.partitions.reduce((s, p) => s + p.rows, 0);
  return page(
    `${d.name} dataset`,
    html`
      <h1>${d.name} <small>dataset, ${d.partitions.length} ${d
        .key} partitions, ${rows} rows</small></h1>
      <p>Partitioned by <b>${d.time}</b> per ${d.grain}, in <code>data/${d.name}/${d
        .key}=…/</code>.</p>
      <h2>Columns</h2>
      <table>
        <thead>
          <tr>
            <th>column</th>
            <th>type</th>
          </tr>
        </thead>
        <tbody>${d.columns.map((c) =>
          html`
            <tr>
              <td>${c.name}</td>
              <td>${c.type}</td>
            </tr>
          `
        )}</tbody>
      </table>
      <h2>Partitions</h2>
      <div class="data-table" data-page-size="12">
        <table>
          <thead>
            <tr>
              <th>${d.key}</th>
              <th>rows</th>
              <th>files</th>
              <th>imported</th>
            </tr>
          </thead>
          <tbody>${d.partitions.map((p) =>
            html`
              <tr>
                <td>${p.label}</td>
                <td class="num" data-v="${p.rows}">${p.rows}</td>
                <td class="num" data-v="${p.files.length}">${p.files.length}</td>
                <td>${p.imported}</td>
              </tr>
            `
          )}</tbody>
        </table>
      </div>
      <h2>History</h2>
      <ul>${d.history.slice().reverse().map((h) =>
        html`<li><code>${
          h.date.slice(0, 16).replace("T", " ")
        }</code> ${h.action}: ${h.partitions.length} partitions, ${h.rows} rows from ${
          h.source.join(", ")
        }</li>`
      )}</ul>
    `,
  );
}
