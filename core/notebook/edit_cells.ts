/**
 * Editing a notebook's text one cell at a time: every other byte stays as
 * it is, so a diff in git shows only the cell that changed.
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";
import { type NotebookCell, parseNotebook } from "./notebook.ts";

/** The edited text and the id the edited (or new) cell has in it. */
export interface CellEdit {
  /** The whole notebook text after the edit. */
  text: string;
  /** The cell's id in the new text (ids follow the source). */
  id: string;
}

/** Where {@linkcode insertCell} puts the new cell; neither key means at the end. */
export interface CellPlace {
  /** The id of the cell the new one follows. */
  after?: string;
  /** The id of the cell the new one precedes (when `after` is not given). */
  before?: string;
}

/**
 * Replaces a cell's source. Only the source lines change, unless the new
 * source holds a line that would close the fence: then both fences grow
 * longer than that line. Line endings of `source` become the cell's own.
 *
 * @example
 * ```ts
 * import { replaceCell } from "./edit_cells.ts";
 * import { parseNotebook } from "./notebook.ts";
 * const f = "`".repeat(3);
 * const text = `# A\r\n\r\n${f}ts\r\nlet x = 1\r\n${f}\r\n\r\nEnd.\r\n`;
 * const { id } = parseNotebook(text).cells[0]!;
 * const edit = replaceCell(text, id, "let x = 2\nx");
 * if (edit.text !== text.replace("let x = 1", "let x = 2\r\nx")) throw new Error(JSON.stringify(edit.text));
 * if (parseNotebook(edit.text).cells[0]?.id !== edit.id) throw new Error();
 * ```
 */
export function replaceCell(text: string, id: string, source: string): CellEdit {
  const cell = _find(text, id);
  const eol = _eol(text, cell.start);
  const lines = source.split(/\r\n|\n|\r/);
  const body = lines.join(eol);
  const mark = cell.fence.trimStart();
  const longest = Math.max(
    0,
    ...lines.map((l) => /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(l)?.[1]).filter((m) =>
      m !== undefined && m[0] === mark[0]
    ).map((m) => m!.length),
  );
  let out: string;
  if (longest >= mark.length) {
    // The source would end the fence early: rewrite the fences around it.
    const indent = cell.fence.slice(0, cell.fence.length - mark.length);
    const longer = indent + mark[0]!.repeat(longest + 1);
    const opening = text.slice(cell.start, cell.sourceStart).replace(/(\r\n|\n|\r)$/, "");
    const info = opening.slice(opening.indexOf(mark) + mark.length);
    out = text.slice(0, cell.start) + longer + info + eol + body + eol + longer +
      text.slice(cell.end);
  } else if (cell.sourceStart === text.length && !/[\r\n]$/.test(text)) {
    out = body === "" ? text : text + eol + body; // an opening fence on the file's last line
  } else if (
    !cell.unclosed && cell.sourceEnd === cell.sourceStart &&
    cell.sourceStart === _closingStart(text, cell)
  ) {
    // An empty cell has no source line yet: add one, with its line ending.
    out = body === ""
      ? text
      : text.slice(0, cell.sourceStart) + body + eol + text.slice(cell.sourceStart);
  } else {
    out = text.slice(0, cell.sourceStart) + body + text.slice(cell.sourceEnd);
  }
  return { text: out, id: _idAt(out, cell.index) };
}

/**
 * Adds a cell after or before another one, or at the end, set off from its
 * neighbours by blank lines.
 *
 * @example
 * ```ts
 * import { insertCell } from "./edit_cells.ts";
 * import { parseNotebook } from "./notebook.ts";
 * const edit = insertCell("# Notes\n", {}, "1 + 1");
 * const nb = parseNotebook(edit.text);
 * if (nb.cells[0]?.source !== "1 + 1" || nb.cells[0].id !== edit.id) throw new Error(edit.text);
 * ```
 */
export function insertCell(text: string, place: CellPlace, source: string): CellEdit {
  const eol = _eol(text, 0);
  const f = "```";
  const block = `${f}ts${eol}${source.split(/\r\n|\n|\r/).join(eol)}${eol}${f}`;
  let out: string;
  let index: number;
  if (place.after !== undefined) {
    const cell = _find(text, place.after);
    out = text.slice(0, cell.end) + eol + eol + block + text.slice(cell.end);
    index = cell.index + 1;
  } else if (place.before !== undefined) {
    const cell = _find(text, place.before);
    out = text.slice(0, cell.start) + block + eol + eol + text.slice(cell.start);
    index = cell.index;
  } else {
    const trimmed = text.replace(/(\r\n|\n|\r)+$/, "");
    out = (trimmed === "" ? "" : trimmed + eol + eol) + block + eol;
    index = parseNotebook(text).cells.length;
  }
  // Re-edit through replaceCell so a source holding a fence line is handled once, there.
  const placed = parseNotebook(out).cells[index]!;
  return replaceCell(out, placed.id, source);
}

/**
 * Removes a cell, its fences and one blank line beside it.
 *
 * @example
 * ```ts
 * import { deleteCell, insertCell } from "./edit_cells.ts";
 * const text = "# Notes\n\nSome text.\n";
 * const added = insertCell(text, {}, "let y = 2");
 * if (deleteCell(added.text, added.id) !== text) throw new Error(JSON.stringify(deleteCell(added.text, added.id)));
 * ```
 */
export function deleteCell(text: string, id: string): string {
  const cell = _find(text, id);
  let start = cell.start;
  let end = cell.end;
  const after = /^(\r\n|\n|\r)/.exec(text.slice(end));
  if (after) end += after[0].length;
  const blankAfter = /^[ \t]*(\r\n|\n|\r)/.exec(text.slice(end));
  const blankBefore = /(\r\n|\n|\r)[ \t]*(\r\n|\n|\r)$/.exec(text.slice(0, start));
  if (blankBefore && (blankAfter || end === text.length)) {
    start -= blankBefore[0].length - blankBefore[1]!.length;
  } else if (blankAfter && start === 0) end += blankAfter[0].length;
  return text.slice(0, start) + text.slice(end);
}

function _find(text: string, id: string): NotebookCell {
  const nb = parseNotebook(text);
  const cell = nb.cells.find((c) => c.id === id);
  if (!cell) {
    throw new RatchetError(
      "not_found",
      `No cell ${id} in this notebook (it has ${nb.cells.length} cells; ids change when a cell's source changes: reload the notebook)`,
    );
  }
  return cell;
}

function _idAt(text: string, index: number): string {
  return parseNotebook(text).cells[index]!.id;
}

function _eol(text: string, from: number): string {
  const m = /\r\n|\n|\r/.exec(text.slice(from));
  return m?.[0] ?? /\r\n|\n|\r/.exec(text)?.[0] ?? "\n";
}

function _closingStart(text: string, cell: NotebookCell): number {
  let i = cell.end;
  while (i > 0 && text[i - 1] !== "\n" && text[i - 1] !== "\r") i--;
  return i;
}
