/**
 * A cell compiled to a module the worker imports: one line first that takes
 * the names the cell reads from the kernel, the cell's code with its last
 * expression handed to the kernel as the output, then a line that hands
 * back the names it declares. Line numbers of the cell's code only move
 * down by one, so errors map back to the cell exactly.
 *
 * @module
 */
import type { CellAnalysis } from "./analyse_cell.ts";
import type { ModuleMap } from "./kernel_protocol.ts";

/** The name the module uses for the kernel's handle on the running cell. */
export const CELL_HANDLE = "__ratchet_cell";

/**
 * Compiles a cell. `inject` are the names the module takes from the
 * kernel: the names it reads that other cells declare, and built-ins.
 *
 * @example
 * ```ts
 * import { analyseCell } from "./analyse_cell.ts";
 * import { cellModule } from "./cell_module.ts";
 * const source = "const y = x * 2\ny + 1";
 * const { code, map } = cellModule(source, analyseCell(source), ["x"]);
 * const lines = code.split("\n");
 * if (lines[1] !== "const y = x * 2" || !lines[2]!.includes("out(y + 1)") || map.lines !== 1) throw new Error(code);
 * ```
 */
export function cellModule(
  source: string,
  analysis: CellAnalysis,
  inject: readonly string[],
): { code: string; map: ModuleMap } {
  const h = CELL_HANDLE;
  const prelude = `const ${h} = globalThis.${h}();` +
    (inject.length ? ` const { ${inject.join(", ")} } = ${h}.scope;` : "");
  let body = source;
  const map: ModuleMap = { lines: 1, outputLine: 0, outputColumn: 0, outputShift: 0 };
  const out = analysis.output;
  if (out) {
    const open = `${h}.out(`;
    body = source.slice(0, out.start) + open + source.slice(out.start, out.end) + ")" +
      source.slice(out.end);
    const before = source.slice(0, out.start);
    map.outputLine = before.split(/\r\n|\r|\n/).length;
    map.outputColumn = out.start - Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r"));
    map.outputShift = open.length;
  }
  const names = analysis.declares.map((n) =>
    `${n}: typeof ${n} === "undefined" ? undefined : ${n}`
  );
  // A line comment at the end of the cell must not swallow the epilogue: it goes on its own line.
  const epilogue = `\n;${h}.define({ ${names.join(", ")} });\n`;
  return { code: `${prelude}\n${body}${epilogue}`, map };
}
