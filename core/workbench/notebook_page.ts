/**
 * The notebook page: prose rendered from Markdown, and each cell as an
 * editor with its outputs. `static/notebook.js` runs cells through the API
 * and shows the events the kernel streams.
 *
 * @module
 */
import { html, raw } from "hono/html";
import { markdownToHtml } from "../notebook/mod.ts";
import type { CellState } from "../notebook/mod.ts";
import { type Markup, page } from "./layout.ts";
import type { NotebookSession } from "./notebook_sessions.ts";

/**
 * Renders the page of an open notebook, with the outputs its kernel holds.
 *
 * @example
 * ```ts ignore
 * const markup = await notebookPage(await sessions.open("rain.md"));
 * ```
 */
export async function notebookPage(session: NotebookSession): Promise<Markup> {
  const nb = session.notebook;
  const states = new Map<string, CellState>(session.kernel.cells.map((c) => [c.id, c]));
  const views = new Map(
    (await session.views([...states.values()])).map((v) => [v.id, v]),
  );
  const title = nb.title ?? session.path;
  const blocks = nb.blocks.map((b) => {
    if (b.kind === "front_matter") return "";
    if (b.kind === "prose") {
      return b.text.trim() === ""
        ? ""
        : html`<div class="prose">${raw(markdownToHtml(b.text))}</div>`;
    }
    const view = views.get(b.id);
    const status = view?.status ?? "idle";
    return html`
      <section class="cell ${status}" id="cell-${b.id}" data-id="${b.id}"
        data-line="${b.line}">
        <div class="cell-head">
          <button type="button" class="run"
            title="Run this cell and the cells that read it (Shift+Enter)">▶ Run</button>
          <span class="where">[${b.index + 1}] line ${b.line}</span>
          <span class="cell-status">${_status(status, view?.ms)}</span>
          <span class="grow"></span>
          <button type="button" class="add-cell" title="Add a cell below">+ cell</button>
          <button type="button" class="delete-cell" title="Delete this cell">✕</button>
        </div>
        <textarea class="source" spellcheck="false" rows="${Math.min(
          Math.max(b.source.split("\n").length, 1),
          30,
        )}">${// The HTML parser drops a newline that follows <textarea>: this one, not the source's.
        "\n" + b.source}</textarea>
        <div class="outputs">${raw(view?.html ?? "")}</div>
      </section>
    `;
  });
  return page(
    title,
    html`
      <div class="notebook" data-path="${session.path}">
        <div class="toolbar">
          <span class="nb-title"><b>${title}</b> <span class="muted">notebooks/${session
            .path}</span></span>
          <span class="grow"></span>
          <span class="kernel-status muted" aria-live="polite"></span>
          <button type="button" class="run-all primary">▶▶ Run all</button>
          <button type="button" class="interrupt">■ Interrupt</button>
        </div>
        ${blocks}
        ${nb.cells.length === 0
          ? html`<p><button type="button" class="add-cell">+ first cell</button></p>`
          : ""}
      </div>
      <script type="module" src="/static/notebook.js"></script>
    `,
  );
}

function _status(status: string, ms?: number): string {
  if (status === "done" && ms !== undefined) {
    return `done in ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  }
  return status === "idle" ? "" : status;
}
