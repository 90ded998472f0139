/**
 * The notebook format: a Markdown file with optional front matter, prose,
 * and code cells (fenced blocks of language `ts`). Parsing records where every piece is, so that
 * writing a notebook back is byte-identical and an edit touches only the
 * lines of the cell it changes.
 *
 * @module
 */
import { fromMarkdown } from "mdast-util-from-markdown";
import { cellIds } from "./cell_id.ts";
import { type FrontMatterValue, readFrontMatter } from "./front_matter.ts";

/** A code cell: a top-level fenced block whose language is `ts` or `typescript`. */
export interface NotebookCell {
  /** Always `cell`. */
  kind: "cell";
  /** A stable id: see {@linkcode cellIds}. It changes when the source changes. */
  id: string;
  /** 0-based position among the cells. */
  index: number;
  /** The code between the fences, as in the file (line endings and indentation kept). */
  source: string;
  /** Offset (a JS string index into the text) where the opening fence starts. */
  start: number;
  /** Offset just past the closing fence (its line ending excluded). */
  end: number;
  /** Offset where the source starts. */
  sourceStart: number;
  /** Offset where the source ends (before the line ending that precedes the closing fence). */
  sourceEnd: number;
  /** 1-based line of the file where the source starts (the line after the opening fence). */
  line: number;
  /** The opening fence: its indentation, character and length, e.g. three backticks. */
  fence: string;
  /** True when the file ends inside this cell (no closing fence). */
  unclosed: boolean;
}

/** Text between cells: Markdown prose, including any fence that is not a cell. */
export interface ProseBlock {
  /** Always `prose`. */
  kind: "prose";
  /** Offset where the block starts. */
  start: number;
  /** Offset where the block ends. */
  end: number;
  /** The text. */
  text: string;
}

/** The front matter, `---` lines included. */
export interface FrontMatterBlock {
  /** Always `front_matter`. */
  kind: "front_matter";
  /** Always 0. */
  start: number;
  /** Offset just past the closing `---` line. */
  end: number;
  /** The text. */
  text: string;
}

/** A piece of a notebook; the blocks of a notebook cover its text exactly. */
export type NotebookBlock = FrontMatterBlock | ProseBlock | NotebookCell;

/** A parsed notebook. */
export interface Notebook {
  /** The text it was parsed from. */
  text: string;
  /** The front matter's keys and values (empty without front matter). */
  frontMatter: Record<string, FrontMatterValue>;
  /** The front matter's `title`, else the text of the first `#` heading. */
  title: string | undefined;
  /** Front matter, prose and cells in file order, covering the text exactly. */
  blocks: NotebookBlock[];
  /** The cells, in order. */
  cells: NotebookCell[];
}

const _CELL_LANGS = new Set(["ts", "typescript"]);

/**
 * Parses a notebook. Only top-level fences are cells: a fence inside a list
 * or a block quote, or of another language, stays prose.
 *
 * @example
 * ```ts
 * import { parseNotebook } from "./notebook.ts";
 * const fence = "`".repeat(3);
 * const nb = parseNotebook(`---\ntitle: Rain\n---\nSome prose.\n\n${fence}ts\nconst x = 1\n${fence}\n`);
 * const [cell] = nb.cells;
 * if (nb.title !== "Rain" || cell?.source !== "const x = 1" || cell.line !== 7) throw new Error();
 * if (nb.blocks.map((b) => b.kind).join() !== "front_matter,prose,cell,prose") throw new Error();
 * ```
 */
export function parseNotebook(text: string): Notebook {
  const fm = readFrontMatter(text);
  // Blank out the front matter (newlines kept) so offsets and lines stay those of the file.
  const body = text.slice(0, fm.end).replace(/[^\r\n]/g, " ") + text.slice(fm.end);
  const tree = fromMarkdown(body);
  const found: Omit<NotebookCell, "id" | "index">[] = [];
  let heading: string | undefined;
  for (const node of tree.children) {
    if (node.type === "heading" && node.depth === 1 && heading === undefined) {
      heading = _plainText(node);
    }
    if (node.type !== "code" || !_CELL_LANGS.has(node.lang ?? "")) continue;
    const start = node.position!.start.offset!;
    const end = node.position!.end.offset!;
    found.push(_cell(text, start, end, node.position!.start.line));
  }
  const ids = cellIds(found.map((c) => c.source));
  const cells = found.map((c, index) => ({ ...c, kind: "cell" as const, id: ids[index]!, index }));
  const blocks: NotebookBlock[] = [];
  if (fm.end > 0) {
    blocks.push({ kind: "front_matter", start: 0, end: fm.end, text: text.slice(0, fm.end) });
  }
  let at = fm.end;
  for (const cell of cells) {
    if (cell.start > at) blocks.push(_prose(text, at, cell.start));
    blocks.push(cell);
    at = cell.end;
  }
  if (text.length > at) blocks.push(_prose(text, at, text.length));
  const title = typeof fm.values.title === "string" ? fm.values.title : heading;
  return { text, frontMatter: fm.values, title, blocks, cells };
}

function _prose(text: string, start: number, end: number): ProseBlock {
  return { kind: "prose", start, end, text: text.slice(start, end) };
}

function _cell(
  text: string,
  start: number,
  end: number,
  line: number,
): Omit<NotebookCell, "id" | "index"> {
  const openEnd = _lineEnd(text, start);
  const fence = /^ {0,3}(`{3,}|~{3,})/.exec(text.slice(start, openEnd))![0];
  const sourceStart = _nextLine(text, openEnd);
  const lastLineStart = _lineStart(text, end);
  const mark = fence.trimStart();
  const closing = lastLineStart >= sourceStart && end > lastLineStart &&
    _isClosing(text.slice(lastLineStart, end), mark);
  let sourceEnd = end;
  if (closing) {
    // The line ending before the closing fence belongs to the fence, not the source.
    sourceEnd = lastLineStart > sourceStart ? _endOfPreviousLine(text, lastLineStart) : sourceStart;
  }
  return {
    kind: "cell",
    source: text.slice(sourceStart, sourceEnd),
    start,
    end,
    sourceStart,
    sourceEnd,
    line: line + 1,
    fence,
    unclosed: !closing,
  };
}

function _isClosing(line: string, mark: string): boolean {
  const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return m !== null && m[1]![0] === mark[0] && m[1]!.length >= mark.length;
}

function _lineEnd(text: string, at: number): number {
  const m = /\r\n|\n|\r/g;
  m.lastIndex = at;
  const r = m.exec(text);
  return r ? r.index : text.length;
}

function _nextLine(text: string, lineEnd: number): number {
  if (text.startsWith("\r\n", lineEnd)) return lineEnd + 2;
  return lineEnd < text.length ? lineEnd + 1 : lineEnd;
}

function _lineStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && text[i - 1] !== "\n" && text[i - 1] !== "\r") i--;
  return i;
}

function _endOfPreviousLine(text: string, lineStart: number): number {
  if (text.slice(lineStart - 2, lineStart) === "\r\n") return lineStart - 2;
  return lineStart - 1;
}

function _plainText(node: { value?: string; children?: unknown[] }): string {
  if (typeof node.value === "string") return node.value;
  return (node.children ?? []).map((c) => _plainText(c as { value?: string })).join("");
}

/**
 * Writes a notebook back: its blocks' text in order, so an unchanged parse
 * gives back the very same text.
 *
 * @example
 * ```ts
 * import { parseNotebook, serializeNotebook } from "./notebook.ts";
 * const text = "# T\r\n\r\n~~~ts\r\nlet π = 3.14\r\n~~~";
 * if (serializeNotebook(parseNotebook(text)) !== text) throw new Error();
 * ```
 */
export function serializeNotebook(notebook: Notebook): string {
  return notebook.blocks.map((b) =>
    b.kind === "cell" ? notebook.text.slice(b.start, b.end) : b.text
  )
    .join("");
}
