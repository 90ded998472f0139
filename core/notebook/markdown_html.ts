/**
 * Markdown to HTML for notebook prose and `md` output, safely: raw HTML in
 * the Markdown is shown as text, and links may only go to http(s), mailto,
 * or relative addresses.
 *
 * @module
 */
import { fromMarkdown } from "mdast-util-from-markdown";
import { escapeHtml } from "../report/html.ts";

interface _Node {
  type: string;
  value?: string;
  children?: _Node[];
  depth?: number;
  ordered?: boolean | null;
  start?: number | null;
  url?: string;
  title?: string | null;
  alt?: string | null;
  lang?: string | null;
  identifier?: string;
  checked?: boolean | null;
}

/**
 * Renders Markdown (CommonMark) to HTML.
 *
 * @example
 * ```ts
 * import { markdownToHtml } from "./markdown_html.ts";
 * const out = markdownToHtml("# Rain\n\nIs it *wet*? [see](https://x.org) <b>no</b> [bad](javascript:alert(1))");
 * const want = '<h1>Rain</h1>\n<p>Is it <em>wet</em>? <a href="https://x.org">see</a> &lt;b&gt;no&lt;/b&gt; <a>bad</a></p>';
 * if (out !== want) throw new Error(out);
 * ```
 */
export function markdownToHtml(markdown: string): string {
  const root = fromMarkdown(markdown) as unknown as _Node;
  const definitions = new Map<string, _Node>();
  const collect = (n: _Node) => {
    if (n.type === "definition" && n.identifier) definitions.set(n.identifier, n);
    n.children?.forEach(collect);
  };
  collect(root);
  return _blocks(root.children ?? [], definitions);
}

function _blocks(nodes: _Node[], defs: Map<string, _Node>): string {
  return nodes.map((n) => _node(n, defs)).filter((s) => s !== "").join("\n");
}

function _inline(nodes: _Node[] | undefined, defs: Map<string, _Node>): string {
  return (nodes ?? []).map((n) => _node(n, defs)).join("");
}

function _node(n: _Node, defs: Map<string, _Node>): string {
  switch (n.type) {
    case "paragraph":
      return `<p>${_inline(n.children, defs)}</p>`;
    case "heading":
      return `<h${n.depth}>${_inline(n.children, defs)}</h${n.depth}>`;
    case "thematicBreak":
      return "<hr>";
    case "blockquote":
      return `<blockquote>\n${_blocks(n.children ?? [], defs)}\n</blockquote>`;
    case "list": {
      const tag = n.ordered ? "ol" : "ul";
      const start = n.ordered && n.start !== null && n.start !== undefined && n.start !== 1
        ? ` start="${n.start}"`
        : "";
      return `<${tag}${start}>\n${
        (n.children ?? []).map((item) => _listItem(item, defs)).join("\n")
      }\n</${tag}>`;
    }
    case "code": {
      const lang = n.lang ? ` class="language-${escapeHtml(n.lang)}"` : "";
      return `<pre><code${lang}>${escapeHtml(n.value ?? "")}</code></pre>`;
    }
    case "html":
    case "text":
      return escapeHtml(n.value ?? "");
    case "emphasis":
      return `<em>${_inline(n.children, defs)}</em>`;
    case "strong":
      return `<strong>${_inline(n.children, defs)}</strong>`;
    case "delete":
      return `<del>${_inline(n.children, defs)}</del>`;
    case "inlineCode":
      return `<code>${escapeHtml(n.value ?? "")}</code>`;
    case "break":
      return "<br>";
    case "link":
      return _link(n.url, n.title, _inline(n.children, defs));
    case "linkReference": {
      const d = defs.get(n.identifier ?? "");
      return d ? _link(d.url, d.title, _inline(n.children, defs)) : _inline(n.children, defs);
    }
    case "image":
      return _image(n.url, n.alt, n.title);
    case "imageReference": {
      const d = defs.get(n.identifier ?? "");
      return d ? _image(d.url, n.alt, d.title) : escapeHtml(n.alt ?? "");
    }
    case "definition":
      return "";
    default:
      return n.children ? _inline(n.children, defs) : escapeHtml(n.value ?? "");
  }
}

function _listItem(item: _Node, defs: Map<string, _Node>): string {
  const children = item.children ?? [];
  // A tight item's paragraphs are shown without <p>, as CommonMark renders them.
  const tight = !(item as { spread?: boolean }).spread;
  const inner = children.map((c) =>
    tight && c.type === "paragraph" ? _inline(c.children, defs) : _node(c, defs)
  ).join("\n");
  const box = item.checked === true
    ? '<input type="checkbox" checked disabled> '
    : item.checked === false
    ? '<input type="checkbox" disabled> '
    : "";
  return `<li>${box}${inner}</li>`;
}

function _safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim())?.[1]?.toLowerCase();
  return scheme === undefined || scheme === "http" || scheme === "https" || scheme === "mailto"
    ? url
    : undefined;
}

function _link(url: string | undefined, title: string | null | undefined, inner: string): string {
  const safe = _safeUrl(url);
  if (safe === undefined) return `<a>${inner}</a>`;
  const t = title ? ` title="${escapeHtml(title)}"` : "";
  return `<a href="${escapeHtml(safe)}"${t}>${inner}</a>`;
}

function _image(
  url: string | undefined,
  alt: string | null | undefined,
  title?: string | null,
): string {
  const safe = _safeUrl(url);
  const t = title ? ` title="${escapeHtml(title)}"` : "";
  return safe === undefined
    ? escapeHtml(alt ?? "")
    : `<img src="${escapeHtml(safe)}" alt="${escapeHtml(alt ?? "")}"${t}>`;
}
