/**
 * The page shell shared by every workbench page.
 *
 * @module
 */
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

/** Markup as the pages build it: hono's `html` template. */
export type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

const _STYLE = `
[hidden] { display: none !important; }
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto 3rem; max-width: 76rem; padding: 0 1rem; color: #1d1d1f; }
nav.top { display: flex; gap: 1.2rem; align-items: baseline; padding: 0.7rem 0; border-bottom: 1px solid #e5e5e5; margin-bottom: 1rem; }
nav.top b { margin-right: 1rem; }
a { color: #2f3e5c; }
h1 small { font-size: 0.5em; color: #888; font-weight: normal; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { text-align: left; padding: 0.3rem 0.8rem; border-bottom: 1px solid #e5e5e5; vertical-align: top; }
th { font-weight: 600; background: #fafafa; white-space: nowrap; }
td button { white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
th[data-sort] { cursor: pointer; user-select: none; }
th[data-sort]::after { content: " ↕"; color: #bbb; }
th[data-sort="asc"]::after { content: " ↑"; color: #333; }
th[data-sort="desc"]::after { content: " ↓"; color: #333; }
code { font-size: 0.9em; }
.error, .fail { color: #b00020; }
.pass { color: #1b7f3b; }
.muted, h2 small { color: #888; font-weight: normal; font-size: 0.85em; }
h2 small { font-size: 0.7em; }
details { margin: 0 0 1.5rem; }
button { font: inherit; padding: 0.2rem 0.7rem; border: 1px solid #9aa5b8; border-radius: 4px; background: #f4f6fa; cursor: pointer; }
button.primary { background: #2f3e5c; color: #fff; border-color: #2f3e5c; }
button:disabled { opacity: 0.5; cursor: default; }
input, select, textarea { font: inherit; }
.pager { display: flex; gap: 0.6rem; align-items: center; font-size: 0.9em; color: #555; }
tr.curate td { background: #f7f9fc; }
tr.curate input[name=note] { width: 24rem; }
.status { margin-left: 0.6rem; }
.output-frame { width: 100%; border: 0; height: 2rem; display: block; }
.grow { flex: 1; }
.toolbar { display: flex; gap: 0.6rem; align-items: center; position: sticky; top: 0; background: #fff; z-index: 2; padding: 0.3rem 0; border-bottom: 1px solid #eee; }
.toolbar .nb-title { font-size: 1.05rem; }
.prose { max-width: 48rem; }
section.cell { border: 1px solid #e1e4ea; border-left: 4px solid #c9d1de; border-radius: 4px; margin: 0.8rem 0; background: #fff; }
section.cell.running, section.cell.queued { border-left-color: #d8a200; }
section.cell.done { border-left-color: #1b7f3b; }
section.cell.error { border-left-color: #b00020; }
section.cell.stale .outputs, .outputs.pending { opacity: 0.45; }
.cell-head { display: flex; gap: 0.6rem; align-items: center; padding: 0.25rem 0.5rem; background: #f7f8fa; font-size: 0.85em; color: #555; }
.cell-head button { font-size: 0.9em; padding: 0 0.5rem; }
textarea.source { display: block; width: 100%; box-sizing: border-box; border: 0; border-top: 1px solid #eee; border-bottom: 1px solid #eee; padding: 0.5rem 0.7rem; font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; resize: vertical; background: #fcfcfd; tab-size: 2; }
.outputs { padding: 0.2rem 0.7rem; }
.outputs:empty { display: none; }
.output { margin: 0.4rem 0; overflow-x: auto; }
.output.text { font: 13px/1.45 ui-monospace, monospace; white-space: pre-wrap; margin: 0.4rem 0; }
.output.log { color: #555; border-left: 2px solid #ddd; padding-left: 0.5rem; }
.output.log.warn { color: #8a5a00; } .output.log.error { color: #b00020; }
.output.error { color: #b00020; font: 13px/1.45 ui-monospace, monospace; }
.output.input label { display: inline-flex; gap: 0.5rem; align-items: center; }
.output.input input[type=range] { width: 18rem; }
.data-table.loading { opacity: 0.6; }
.chart svg { max-width: 100%; height: auto; }
`;

/**
 * Wraps page content in the HTML shell: the navigation and the one script
 * the pages use (tables, curation, export, notebooks), served by the app.
 *
 * @example
 * ```ts
 * import { html } from "hono/html";
 * import { page } from "./layout.ts";
 * const text = String(await page("Models", html`<h1>Models</h1>`));
 * if (!text.includes("<title>Models</title>") || !text.includes("<h1>Models</h1>")) throw new Error(text);
 * ```
 */
export function page(title: string, body: Markup): Markup {
  return html`
    <!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8">
        <title>${title}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>${raw(_STYLE)}</style>
        <script type="module" src="/static/workbench.js"></script>
      </head>
      <body>
            <nav class="top"><b>ratchet</b><a href="/">Home</a><a href="/fixtures">Fixtures</a><a
                href="/#notebooks"
              >Notebooks</a><a href="/#reports">Reports</a></nav>
            ${body}
          </body>
    </html>
  `;
}
