/**
 * A notebook run as one self-contained HTML page: prose, code, and outputs
 * (charts inline, tables, Markdown), readable offline and printable. HTML
 * outputs, and charts that hold anything but drawing, go in sandboxed
 * frames: no script of theirs runs with the page.
 *
 * @module
 */
import { escapeHtml, Html, html } from "../report/html.ts";
import type { CellOutput, TableOutput } from "./cell_output.ts";
import { markdownToHtml } from "./markdown_html.ts";
import type { NotebookRun } from "./run_notebook.ts";

const _STYLE = `
* { box-sizing: border-box; }
body { font: 15px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 980px; padding: 1.5rem 1.25rem 4rem; color: #1d1d1f; }
pre { background: #f6f7f9; padding: 0.6rem 0.8rem; border-radius: 6px; overflow-x: auto; font-size: 13px; }
pre.code { border-left: 3px solid #c7cdd8; }
.cell { margin: 1rem 0 1.5rem; }
.output { margin: 0.4rem 0 0 0.2rem; }
.output pre { background: #fff; border: 1px solid #e5e7eb; }
pre.log { color: #555; }
pre.warn { color: #8a5a00; }
pre.error, .error pre { color: #b42318; background: #fdf0f2; border: 1px solid #f3c2c9; }
table { border-collapse: collapse; font-size: 13px; margin: 0.3rem 0; }
th, td { text-align: left; padding: 0.2rem 0.55rem; border-bottom: 1px solid #e5e7eb; }
th { background: #f6f7f9; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: #6b7280; font-size: 0.85rem; }
iframe { width: 100%; border: 1px solid #e5e7eb; min-height: 8rem; }
label.input { display: block; font-size: 0.9rem; }
`;

/**
 * Renders a run.
 *
 * @example
 * ```ts
 * import { renderNotebookHtml } from "./notebook_html.ts";
 * import { parseNotebook } from "./notebook.ts";
 * const f = "`".repeat(3);
 * const notebook = parseNotebook(`# Hi\n\n${f}ts\n1 + 1\n${f}\n`);
 * const page = renderNotebookHtml({ path: "hi.md", notebook, ok: true, ms: 1,
 *   cells: [{ id: notebook.cells[0]!.id, line: 4, status: "done", outputs: [{ type: "text", text: "2" }] }] });
 * if (!page.includes("<h1>Hi</h1>") || !page.includes("<pre>2</pre>")) throw new Error(page);
 * ```
 */
export function renderNotebookHtml(run: NotebookRun): string {
  const { notebook } = run;
  const parts = notebook.blocks.map((b) => {
    if (b.kind === "front_matter") return "";
    if (b.kind === "prose") return new Html(markdownToHtml(b.text));
    const cell = run.cells.find((c) => c.id === b.id);
    return html`
      <div class="cell"
        id="${b.id}"><pre class="code"><code>${b.source}</code></pre>${cell?.outputs.map((o) =>
          html`<div class="output">${_output(o)}</div>`
        )}${cell?.error &&
          html`
            <div class="output error">
              <pre>${run.path}:${cell.line + (cell.error.line ?? 1) - 1}: ${cell.error.stack ||
                `${cell.error.name}: ${cell.error.message}`}</pre>
            </div>
          `}</div>
    `;
  });
  const title = notebook.title ?? run.path;
  return html`
    <!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>${title}</title>
        <style>${new Html(_STYLE)}</style>
      </head>
      <body>${parts}
    <p class="muted">${run.path} · ran in ${(run.ms / 1000).toFixed(2)} s · ${run.ok
      ? "every cell ran"
      : `${run.cells.filter((c) => c.error).length} cell(s) failed`}</p>
      </body>
    </html>
  `.text;
}

function _output(o: CellOutput): Html {
  switch (o.type) {
    case "text":
      return html`<pre>${o.text}</pre>`;
    case "log":
      return html`<pre class="log ${o.level}">${o.text}</pre>`;
    case "markdown":
      return new Html(o.html);
    case "plot":
      return _drawingOnly(o.html) ? new Html(o.html) : _frame(o.html);
    case "html":
      return _frame(o.html);
    case "table":
      return _table(o);
    case "input":
      return html`<label class="input">${o.label}: <strong>${o.value}</strong>${
        o.control === "slider"
          ? html`
            <span class="muted">(${o.min} to ${o.max})</span>
          `
          : ""
      }</label>`;
  }
}

// A static page shows the head of a table; the workbench pages through all of it.
const _HTML_ROWS = 50;

function _table(t: TableOutput): Html {
  return html`
    <table>
      <thead>
        <tr>${t.columns.map((c) => html`<th>${c.name}</th>`)}</tr>
      </thead>
      <tbody>${t.rows.map((r) =>
        html`<tr>${
          r.map((v, j) =>
            html`<td class="${t.columns[j]?.type === "number" ? "number" : ""}">${
              v === null ? "" : String(v)
            }</td>`
          )
        }</tr>`
      )}</tbody>
    </table>
    <p class="muted">${t.rows.length < t.total
      ? `first ${t.rows.length} of ${t.total} rows`
      : `${t.total} rows`}${t.scoring ? ` · scored by ${t.scoring.model}` : ""}</p>
  `;
}

/** Markup with nothing that can run or load: no scripts, handlers, frames, links or imports. */
function _drawingOnly(markup: string): boolean {
  return !(/<\s*(script|iframe|object|embed|foreignObject|a|use|image|link|meta)\b/i.test(markup) ||
    /\son\w+\s*=|javascript:|href\s*=|@import|url\(\s*['"]?\s*(https?:|\/\/)/i.test(markup));
}

function _frame(markup: string): Html {
  return new Html(`<iframe sandbox="" srcdoc="${escapeHtml(markup)}"></iframe>`);
}
