/**
 * A table of rows as the workbench shows it, sorted and paged by
 * `static/workbench.js`: in the browser when every row is on the page, or
 * through the notebook's kernel when the table is larger (`remote`). A table
 * of rows scored by a model offers "add to fixtures" on each row.
 *
 * @module
 */
import { html } from "hono/html";
import { fixtureId } from "../fixtures/mod.ts";
import type { Markup } from "./layout.ts";

/** A column of a table. */
export interface TableColumn {
  /** Its name. */
  name: string;
  /** Its values' type: numbers are right-aligned and sort as numbers. */
  type?: "number" | "string" | "boolean" | "date" | "other";
}

/** Where a scored row came from, as a fixture's provenance records it. */
export interface RowProvenance {
  /** The dataset the row was taken from. */
  dataset?: string;
  /** The dataset's partition holding the row. */
  partition?: string;
  /** The row's key in the dataset. */
  row_key?: string;
}

/** One scored row's input to the model and where it came from. */
export interface ScoredRow {
  /** The model's features, by name. */
  input: Record<string, string | number | boolean | null>;
  /** Where the row came from. */
  provenance: RowProvenance;
}

/** The model that scored a table's rows, for "add to fixtures". */
export interface TableScoring {
  /** The model's name. */
  name: string;
  /** The version that scored the rows. */
  version?: number;
  /** The notebook that made the table, relative to the project (`notebooks/x.md`). */
  notebook?: string;
  /** Per shown row, its input and provenance (parallel to the rows). */
  rows: readonly ScoredRow[];
  /** Ids of the model's fixtures: a row already among them says so instead of offering a button. */
  existing?: ReadonlySet<string>;
}

/** Where the kernel keeps a table's full rows, for sorting and paging on the server. */
export interface RemoteTable {
  /** The notebook, relative to `notebooks/`. */
  notebook: string;
  /** The cell id. */
  cell: string;
  /** The output's index in the cell. */
  output: number;
}

/** A table to show. */
export interface DataTable {
  /** The columns, in order. */
  columns: readonly TableColumn[];
  /** The rows shown: values in column order. */
  rows: readonly (readonly unknown[])[];
  /** How many rows the whole table has; default `rows.length`. */
  total?: number;
  /** Where the whole table is, when `total` exceeds the rows shown. */
  remote?: RemoteTable;
  /** The model that scored the rows: each row offers "add to fixtures". */
  scoring?: TableScoring;
  /** Rows per page; default 15. */
  pageSize?: number;
}

/**
 * A cell's text: numbers with 4 significant digits (the full value stays
 * in `data-v` for sorting), objects as JSON.
 *
 * @example
 * ```ts
 * import { cellText } from "./data_table.ts";
 * if (cellText(0.123456) !== "0.1235" || cellText(0.9) !== "0.9" || cellText(42) !== "42" || cellText(null) !== "") throw new Error();
 * ```
 */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
  }
  if (typeof v === "object") return v instanceof Date ? v.toISOString() : JSON.stringify(v);
  return String(v);
}

/**
 * Renders a table; with `scoring`, each row carries its input and
 * provenance and an "add to fixtures" button.
 *
 * @example
 * ```ts
 * import { dataTable } from "./data_table.ts";
 * const out = String(await dataTable({
 *   columns: [{ name: "x", type: "number" }],
 *   rows: [[1.5]],
 *   scoring: { name: "m", version: 2, rows: [{ input: { x: 1.5 }, provenance: { row_key: "2015-03-01" } }] },
 * }));
 * if (!out.includes('data-model="m"') || !out.includes("add to fixtures") || !out.includes("2015-03-01")) throw new Error(out);
 * ```
 */
export function dataTable(table: DataTable): Markup {
  const total = table.total ?? table.rows.length;
  const remote = total > table.rows.length ? table.remote : undefined;
  const size = table.pageSize ?? 15;
  const s = table.scoring;
  return html`
    <div class="data-table" data-page-size="${size}" data-total="${total}"
      ${remote
        ? html`
          data-notebook="${remote.notebook}" data-cell="${remote.cell}" data-output="${remote
            .output}"
        `
        : ""}${s
        ? html`
          data-model="${s.name}"${s.version !== undefined
            ? html`
              data-version="${s.version}"
            `
            : ""}${s.notebook
            ? html`
              data-notebook-path="${s.notebook}"
            `
            : ""}
        `
        : ""}>
      <table>
        <thead>
          <tr>${table.columns.map((c) =>
            html`<th data-type="${c.type ?? "other"}">${c.name}</th>`
          )}${s ? html`<th></th>` : ""}</tr>
        </thead>
        <tbody>${tableRows(
          table.columns,
          remote ? table.rows.slice(0, size) : table.rows,
          s,
        )}</tbody>
      </table>
      ${remote || total <= table.rows.length
        ? ""
        : html`<p class="muted">Showing the first ${table.rows.length} of ${total} rows.</p>`}
    </div>
  `;
}

/**
 * The `<tr>`s of a table (also a page of one fetched later): cells, and with
 * `scoring`, each row's input and provenance and its "add to fixtures" button
 * (or the id of the fixture that already holds its input).
 *
 * @example
 * ```ts
 * import { tableRows } from "./data_table.ts";
 * const out = String(await tableRows([{ name: "x", type: "number" }], [[2]]));
 * if (out !== '<tr><td class="num" data-v="2">2</td></tr>') throw new Error(out);
 * ```
 */
export function tableRows(
  columns: readonly TableColumn[],
  rows: readonly (readonly unknown[])[],
  scoring?: Pick<TableScoring, "rows" | "existing">,
): Markup {
  return html`${
    rows.map((row, i) => {
      const r = scoring?.rows[i];
      const cells = columns.map((c, k) => _cell(row[k], c.type));
      if (!scoring) return html`<tr>${cells}</tr>`;
      if (!r) return html`<tr>${cells}<td></td></tr>`;
      const id = fixtureId(r.input);
      return html`<tr data-row="${JSON.stringify(r.input)}" data-provenance="${
        JSON.stringify(r.provenance)
      }">${cells}<td>${
        scoring.existing?.has(id)
          ? html`<span class="muted" title="its input is fixture ${id}">✓ in fixtures</span>`
          : html`<button type="button" class="add-fixture">add to fixtures</button>`
      }</td></tr>`;
    })
  }`;
}

function _cell(v: unknown, type?: string) {
  return typeof v === "number" || type === "number"
    ? html`<td class="num" data-v="${typeof v === "number" ? String(v) : ""}">${cellText(v)}</td>`
    : html`<td>${cellText(v)}</td>`;
}
