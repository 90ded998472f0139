/**
 * The page shell shared by every workbench page.
 *
 * @module
 */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

const _STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #1d1d1f; }
h1 small { font-size: 0.5em; color: #888; font-weight: normal; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { text-align: left; padding: 0.3rem 0.8rem; border-bottom: 1px solid #e5e5e5; }
th { font-weight: 600; background: #fafafa; }
code { font-size: 0.9em; }
.error, .fail { color: #b00020; }
.pass { color: #1b7f3b; }
.muted, h2 small { color: #888; font-weight: normal; font-size: 0.7em; }
details { margin: 0 0 1.5rem; }
`;

/**
 * Wraps page content in the HTML shell.
 *
 * @example
 * ```ts
 * import { html } from "hono/html";
 * import { page } from "./layout.ts";
 * const text = String(await page("Models", html`<h1>Models</h1>`));
 * if (!text.includes("<title>Models</title>") || !text.includes("<h1>Models</h1>")) throw new Error(text);
 * ```
 */
export function page(title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>) {
  return html`
    <!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8">
        <title>${title}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>${_STYLE}</style>
      </head>
      <body>${body}</body>
    </html>
  `;
}
