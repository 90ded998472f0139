/**
 * Errors mapped back to cells: a stack frame in a cell's module reads
 * `cell <id>:LINE:COL` with the line and column of the cell's own source.
 *
 * @module
 */
import type { CellError } from "./cell_output.ts";
import type { ModuleMap } from "./kernel_protocol.ts";

/** A cell module the worker imported: its cell and how its positions map. */
export interface CellModuleInfo {
  /** The cell's id. */
  id: string;
  /** How the module's lines map to the cell's. */
  map: ModuleMap;
}

/**
 * Describes what a cell threw. `modules` maps module URLs to their cells;
 * `line`/`column` point into cell `id`, at the first frame in it (or at the
 * position a syntax error names).
 *
 * @example
 * ```ts
 * import { cellError } from "./cell_error.ts";
 * const map = { lines: 1, outputLine: 0, outputColumn: 0, outputShift: 0 };
 * const e = new TypeError("x is not a function");
 * e.stack = "TypeError: x is not a function\n    at blob:null/42:3:5";
 * const err = cellError(e, "c1", new Map([["blob:null/42", { id: "c1", map }]]));
 * if (err.line !== 2 || err.column !== 5 || !err.stack.includes("at cell c1:2:5")) throw new Error(JSON.stringify(err));
 * ```
 */
export function cellError(
  thrown: unknown,
  id: string,
  modules: ReadonlyMap<string, CellModuleInfo>,
): CellError {
  const e = thrown instanceof Error ? thrown : undefined;
  const name = e?.name ?? "Error";
  let message = e ? e.message : _describe(thrown);
  let stack = e?.stack ?? `${name}: ${message}`;
  let line: number | undefined;
  let column: number | undefined;
  const rewrite = (text: string) =>
    text.replace(
      /(blob:[^\s():]+(?::[^\s():]+)*?):(\d+):(\d+)/g,
      (all, url: string, l: string, c: string) => {
        const info = modules.get(url);
        if (!info) return all;
        const [cl, cc] = _position(info.map, Number(l), Number(c));
        if (info.id === id && line === undefined && cl >= 1) {
          line = cl;
          column = cc;
        }
        return `cell ${info.id}:${cl}:${cc}`;
      },
    );
  stack = rewrite(stack);
  message = rewrite(message);
  const out: CellError = { name, message, stack };
  if (line !== undefined) {
    out.line = line;
    out.column = column!;
  }
  return out;
}

function _position(map: ModuleMap, line: number, column: number): [number, number] {
  const l = line - map.lines;
  if (l === map.outputLine && column >= map.outputColumn + map.outputShift) {
    return [l, column - map.outputShift];
  }
  return [l, column];
}

function _describe(v: unknown): string {
  try {
    return typeof v === "string" ? v : Deno.inspect(v, { depth: 2, colors: false });
  } catch {
    return String(v);
  }
}
