/**
 * The Content-Security-Policy of workbench pages, and the sandbox that HTML
 * written by notebook code is shown in.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

/**
 * The one script a sandboxed output frame runs: it tells the page its
 * height, so the frame fits its content without the page reaching in (it
 * cannot: the frame's origin is opaque).
 */
const _RESIZE =
  `new ResizeObserver(()=>parent.postMessage({ratchetFrameHeight:document.documentElement.scrollHeight},"*")).observe(document.documentElement)`;

const _RESIZE_HASH = `'sha256-${createHash("sha256").update(_RESIZE).digest("base64")}'`;

/**
 * The policy of every page: scripts only from the workbench itself (plus the
 * frames' resize script, which a srcdoc frame inherits the policy for),
 * nothing loaded from elsewhere, and no framing by other sites.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  `script-src 'self' ${_RESIZE_HASH}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

/**
 * The policy inside an output frame: no network at all, no script but the
 * resize one. With `sandbox` lacking `allow-same-origin` the frame's origin
 * is opaque, so even a script that ran could not send the workbench's cookie
 * or pass its Origin check.
 */
export const FRAME_CSP =
  `default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; script-src ${_RESIZE_HASH}; form-action 'none'`;

/**
 * The policy of a stored report served as a page: shown as it is, in a
 * sandbox (an opaque origin, no script), so HTML in it cannot call the API.
 */
export const REPORT_CSP =
  "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

/**
 * An `<iframe>` showing untrusted HTML (a notebook's `html` output, a
 * stored output): `srcdoc`, `sandbox="allow-scripts"` without
 * `allow-same-origin`, and {@linkcode FRAME_CSP}.
 *
 * @example
 * ```ts
 * import { sandboxedFrame } from "./page_csp.ts";
 * const frame = String(sandboxedFrame(`<b>hi</b><script>fetch("/api")</script>`)).trim();
 * if (!frame.startsWith('<iframe sandbox="allow-scripts"') || frame.includes("<script>fetch")) throw new Error(frame);
 * ```
 */
export function sandboxedFrame(markup: string, title = "output"): HtmlEscapedString {
  const doc = `<!doctype html><html><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}">` +
    `<style>body{margin:0;font:14px/1.5 system-ui,sans-serif}</style></head>` +
    `<body>${markup}<script>${_RESIZE}</script></body></html>`;
  // Escaped once by `html` for the attribute; the frame parses it back to `doc`.
  return html`
    <iframe sandbox="allow-scripts" class="output-frame" title="${title}"
      srcdoc="${doc}"></iframe>
  ` as HtmlEscapedString;
}
