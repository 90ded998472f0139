/**
 * The shell every ratchet report shares: one self-contained HTML page with
 * the report style inlined, loading nothing.
 *
 * @module
 */
import { escapeHtml } from "./html.ts";
import { REPORT_STYLE } from "./report_style.ts";

/**
 * The whole page around `body` (HTML: a string or an `html` template), titled `title` (text), with
 * the report style and any `extraStyle` after it.
 *
 * @example
 * ```ts
 * import { reportPage } from "./report_page.ts";
 * const page = reportPage("A & B", "<h1>hi</h1>");
 * if (!page.startsWith("<!doctype html>") || !page.includes("<title>A &amp; B</title>")) throw new Error();
 * ```
 */
export function reportPage(
  title: string,
  body: { toString(): string },
  extraStyle = "",
): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_STYLE}${extraStyle}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
