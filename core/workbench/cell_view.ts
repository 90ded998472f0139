/**
 * A notebook cell's outputs as the page shows them: text; Markdown (safe
 * HTML from the kernel); HTML and Plot figures in sandboxed frames (user
 * code made them); tables with sorting, paging and curation; inputs that
 * send their changes; errors at the notebook file's line.
 *
 * @module
 */
import { html, raw } from "hono/html";
import type { CellError, CellOutput, CellState, TableOutput } from "../notebook/mod.ts";
import type { Markup } from "./layout.ts";
import { sandboxedFrame } from "./page_csp.ts";
import { dataTable } from "./data_table.ts";

/** What rendering a cell needs to know beside its state. */
export interface CellContext {
  /** The notebook, relative to `notebooks/`. */
  notebook: string;
  /** 1-based line of the file where the cell's source starts. */
  line: number;
  /** Ids of a model's fixtures, by model name: scored rows already among them say so. */
  fixtureIds(model: string): ReadonlySet<string>;
}

/** A cell's state as the page receives it. */
export interface CellView {
  /** The cell's id. */
  id: string;
  /** `idle`, `queued`, `running`, `done`, `error` or `stale`. */
  status: CellState["status"];
  /** Its own run time, when it ran. */
  ms?: number;
  /** The outputs and error, rendered. */
  html: string;
}

/**
 * Renders a cell's outputs and error.
 *
 * @example
 * ```ts
 * import { cellView } from "./cell_view.ts";
 * const view = await cellView(
 *   { id: "c1", status: "error", outputs: [{ type: "text", text: "<b>" }], declares: [], reads: [],
 *     error: { name: "TypeError", message: "x is not a function", line: 2, stack: "" } },
 *   { notebook: "rain.md", line: 10, fixtureIds: () => new Set() },
 * );
 * if (!view.html.includes("&lt;b&gt;") || !view.html.includes("notebooks/rain.md:11")) throw new Error(view.html);
 * ```
 */
export async function cellView(cell: CellState, ctx: CellContext): Promise<CellView> {
  const markup = html`${cell.outputs.map((o, i) => outputView(o, i, cell.id, ctx))}${
    cell.error ? _error(cell.error, ctx) : ""
  }`;
  return {
    id: cell.id,
    status: cell.status,
    ...(cell.ms !== undefined ? { ms: cell.ms } : {}),
    html: String(await markup),
  };
}

/**
 * Renders one output of cell `id` (its `index` among the cell's outputs).
 *
 * @example
 * ```ts
 * import { outputView } from "./cell_view.ts";
 * const out = String(await outputView({ type: "html", html: "<script>alert(1)</script>" }, 0, "c1", { notebook: "a.md", line: 1, fixtureIds: () => new Set() }));
 * if (!out.includes('sandbox="allow-scripts"') || out.includes("<script>alert")) throw new Error(out);
 * ```
 */
export function outputView(
  output: CellOutput,
  index: number,
  id: string,
  ctx: CellContext,
): Markup {
  switch (output.type) {
    case "text":
      return html`<pre class="output text">${output.text}</pre>`;
    case "log":
      return html`<pre class="output text log ${output.level}">${output.text}</pre>`;
    case "markdown":
      // The kernel's Markdown renderer escapes raw HTML and drops javascript: links.
      return html`<div class="output markdown">${raw(output.html)}</div>`;
    case "html":
      return html`<div class="output html">${sandboxedFrame(output.html, "HTML output")}</div>`;
    case "plot":
      return html`<div class="output plot">${sandboxedFrame(output.html, "chart")}</div>`;
    case "table":
      return html`<div class="output table">${_table(output, index, id, ctx)}</div>`;
    case "input":
      return html`<div class="output input" data-cell="${id}" data-key="${output.key}">${
        _input(output)
      }</div>`;
    default:
      return html`<pre class="output text">${JSON.stringify(output)}</pre>`;
  }
}

function _table(t: TableOutput, index: number, id: string, ctx: CellContext): Markup {
  const s = t.scoring;
  return dataTable({
    columns: t.columns,
    rows: t.rows,
    total: t.total,
    remote: { notebook: ctx.notebook, cell: id, output: index },
    ...(s
      ? {
        scoring: {
          name: s.name,
          version: s.version,
          notebook: `notebooks/${ctx.notebook}`,
          rows: s.rows,
          existing: ctx.fixtureIds(s.name),
        },
      }
      : {}),
  });
}

function _input(o: Extract<CellOutput, { type: "input" }>): Markup {
  if (o.control === "slider") {
    return html`<label>${o.label} <input type="range" name="${o.key}" min="${o.min ?? 0}" max="${
      o.max ?? 100
    }" step="${o.step ?? "any"}" value="${o.value}"> <output>${o.value}</output></label>`;
  }
  if (o.control === "select") {
    return html`<label>${o.label} <select name="${o.key}">${
      (o.options ?? []).map((v) => html`<option${v === o.value ? " selected" : ""}>${v}</option>`)
    }</select></label>`;
  }
  return html`<label>${o.label} <input type="text" name="${o.key}" value="${o.value}"></label>`;
}

function _error(e: CellError, ctx: CellContext): Markup {
  const line = e.line !== undefined ? ctx.line + e.line - 1 : undefined;
  const where = `notebooks/${ctx.notebook}${line !== undefined ? `:${line}` : ""}`;
  return html`<div class="output error" data-line="${line ?? ""}">
    <b>${where}</b>${
    e.line !== undefined
      ? html`
        <span class="muted">(line ${e.line} of the cell)</span>
      `
      : ""
  }:
    ${e.name}: ${e.message}
    ${
    e.stack
      ? html`
        <details>
          <summary>stack</summary>
          <pre>${e.stack}</pre>
        </details>
      `
      : ""
  }
  </div>`;
}
