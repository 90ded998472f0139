/**
 * A link to a stored HTML report, opened in a new tab through the app's
 * sandboxed report route.
 *
 * @module
 */
import { html } from "hono/html";
import type { Markup } from "./layout.ts";
import type { ReportFile } from "./list_reports.ts";

/**
 * The report's title linked to `/files/<path>`, with its path and date.
 *
 * @example
 * ```ts
 * import { reportLink } from "./report_link.ts";
 * const a = String(await reportLink({ path: "reports/bt.html", title: "Back-test", modified: "2026-01-02T03:04:05.000Z" }));
 * if (!a.includes('href="/files/reports/bt.html"') || !a.includes("2026-01-02 03:04")) throw new Error(a);
 * ```
 */
export function reportLink(r: ReportFile): Markup {
  return html`
    <a href="/files/${urlPath(r.path)}" target="_blank" rel="noopener">${r.title}</a>
    <span class="muted">${r.path}, ${r.modified.slice(0, 16).replace("T", " ")}</span>
  `;
}

/**
 * A relative path made safe for a URL, segment by segment.
 *
 * @example
 * ```ts
 * import { urlPath } from "./report_link.ts";
 * if (urlPath("a b/c#1.html") !== "a%20b/c%231.html") throw new Error();
 * ```
 */
export function urlPath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}
