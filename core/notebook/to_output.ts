/**
 * What a value looks like as a cell output: Markdown, HTML, a Plot figure,
 * a table, or text.
 *
 * @module
 */
import { Html } from "../report/html.ts";
import type { CellOutput } from "./cell_output.ts";
import { markdownToHtml } from "./markdown_html.ts";
import { type TableData, tableData, tableOutput } from "./table_data.ts";

/** Markdown source to show rendered: what `md` returns. */
export class Markdown {
  /** The Markdown source. */
  readonly markdown: string;

  /** Wraps Markdown source. */
  constructor(markdown: string) {
    this.markdown = markdown;
  }

  /** The Markdown source. */
  toString(): string {
    return this.markdown;
  }
}

/**
 * The output a value shows as (undefined shows nothing), and the whole
 * table behind a table output.
 *
 * @example
 * ```ts
 * import { Markdown, toOutput } from "./to_output.ts";
 * if (toOutput(new Markdown("*hi*"), 10)?.output.type !== "markdown") throw new Error();
 * if (toOutput([{ a: 1 }], 10)?.output.type !== "table" || toOutput(undefined, 10) !== undefined) throw new Error();
 * const text = toOutput({ a: [1, 2] }, 10)?.output;
 * if (text?.type !== "text" || text.text !== "{ a: [ 1, 2 ] }") throw new Error(JSON.stringify(text));
 * ```
 */
export function toOutput(
  value: unknown,
  maxRows: number,
): { output: CellOutput; table?: TableData } | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Markdown) {
    return { output: { type: "markdown", html: markdownToHtml(value.markdown) } };
  }
  if (value instanceof Html) return { output: { type: "html", html: value.text } };
  if (_isElement(value)) {
    const tag = value.tagName.toLowerCase();
    const type = tag === "svg" || tag === "figure" ? "plot" : "html";
    return { output: { type, html: value.outerHTML } };
  }
  const table = tableData(value);
  if (table) return { output: tableOutput(table, maxRows), table };
  if (typeof value === "string") return { output: { type: "text", text: value } };
  return {
    output: {
      type: "text",
      text: Deno.inspect(value, {
        depth: 4,
        colors: false,
        iterableLimit: 200,
        strAbbreviateSize: 10_000,
      }),
    },
  };
}

function _isElement(v: unknown): v is { tagName: string; outerHTML: string } {
  return typeof v === "object" && v !== null &&
    typeof (v as { outerHTML?: unknown }).outerHTML === "string" &&
    typeof (v as { tagName?: unknown }).tagName === "string";
}
