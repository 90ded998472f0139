/**
 * What a cell declares and what it reads, found at the token level: enough
 * for dataflow between cells without a full TypeScript parser.
 *
 * Rules and limits:
 * - Declared: top-level `const`/`let`/`var` (destructuring included),
 *   `function`, `class`, `enum`, `namespace` and `import` bindings. Types
 *   (`type`, `interface`, `declare`) are not values and are not shared.
 * - Names starting with `_` are private to their cell (as in marimo).
 * - Read: a name used but not bound in the cell: parameters, nested
 *   declarations, `catch` bindings and loop variables are local. A nested
 *   binding is taken to cover the whole block (or arrow) it is in, so a read
 *   of another cell's `x` inside a block that also declares its own `x` is
 *   missed; a `var` inside a block stays in the cell.
 * - Strings, comments, regular expressions and template text are never code.
 * - A type name may be taken for a read; that adds at most a needless edge.
 *
 * @module
 */
import { matchBrackets, splitStatements } from "./cell_syntax.ts";
import type { TokenWalk } from "./binding_patterns.ts";
import { tokenize } from "./tokenize.ts";
import { ScopeFinder } from "./scope_finder.ts";

/** The names of a cell and where its output expression is. */
export interface CellAnalysis {
  /** Names the cell declares at the top level, in order (private `_` names left out). */
  declares: string[];
  /** Names the cell reads without declaring them, sorted (globals included). */
  reads: string[];
  /** The last top-level statement, when it is an expression: its offsets in the source. */
  output?: { start: number; end: number };
}

/**
 * Analyses a cell's source.
 *
 * @example
 * ```ts
 * import { analyseCell } from "./analyse_cell.ts";
 * const source = "const { rows, n: count } = await load(`${url}`, (r) => r.x + limit)\nrows.slice(0, count)";
 * const a = analyseCell(source);
 * if (a.declares.join() !== "rows,count") throw new Error(a.declares.join());
 * if (a.reads.join() !== "limit,load,url") throw new Error(a.reads.join());
 * if (a.output?.start !== source.indexOf("rows.slice") || a.output.end !== source.length) throw new Error();
 * ```
 */
export function analyseCell(source: string): CellAnalysis {
  const tokens = tokenize(source);
  const brackets = matchBrackets(tokens);
  const walk: TokenWalk = { tokens, brackets, skip: new Uint8Array(tokens.length) };
  const statements = splitStatements(tokens, brackets);
  const statementEnd = new Int32Array(tokens.length).fill(tokens.length - 1);
  for (const s of statements) statementEnd.fill(s.last, s.first, s.last + 1);
  const found = new ScopeFinder(walk, statementEnd);
  for (const s of statements) {
    if (s.kind === "type") walk.skip.fill(1, s.first, s.last + 1);
    else if (tokens[s.first]!.text === "import" && s.kind === "declaration") {
      found.importClause(s.first, s.last);
    }
  }
  found.functionsAndBlocks();
  found.variables();
  const declared = new Set(found.declared.map((i) => tokens[i]!.text));
  const reads = new Set<string>();
  tokens.forEach((t, i) => {
    if (t.kind === "name" && !walk.skip[i] && found.isRead(i) && !declared.has(t.text)) {
      reads.add(t.text);
    }
  });
  const last = statements[statements.length - 1];
  const out: CellAnalysis = {
    declares: [...declared].filter((n) => !n.startsWith("_")),
    reads: [...reads].filter((n) => !n.startsWith("_")).sort(),
  };
  if (last?.kind === "expression") {
    out.output = { start: tokens[last.first]!.start, end: tokens[last.last]!.end };
  }
  return out;
}
