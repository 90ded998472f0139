/**
 * The shape of a cell's code above the token level: which bracket closes
 * which, and where its top-level statements start and end (with JavaScript's
 * automatic semicolon insertion followed closely enough for notebook code).
 *
 * @module
 */
import type { Token } from "./tokenize.ts";

/** Brackets of a token list: `(`, `[`, `{` and template literals with substitutions. */
export interface Brackets {
  /** For an opening token, the index of its closing token (and back); -1 when unmatched or no bracket. */
  match: Int32Array;
  /** Index of the innermost open bracket around each token; -1 at the top level. */
  parent: Int32Array;
}

/** What a top-level statement is. */
export type StatementKind = "declaration" | "type" | "expression" | "control";

/** A top-level statement: tokens `first`…`last` (a closing `;` excluded). */
export interface Statement {
  /** Index of its first token. */
  first: number;
  /** Index of its last token, before any `;`. */
  last: number;
  /** What it is. */
  kind: StatementKind;
}

const _OPEN = new Set(["(", "[", "{"]);
const _CLOSE: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/**
 * Pairs brackets. Unbalanced code gets a best effort (the run reports the
 * syntax error).
 *
 * @example
 * ```ts
 * import { tokenize } from "./tokenize.ts";
 * import { matchBrackets } from "./cell_syntax.ts";
 * const t = tokenize("f(a[1], { b })");
 * const { match, parent } = matchBrackets(t);
 * if (match[1] !== t.length - 1 || parent[4] !== 3 || parent[3] !== 1) throw new Error();
 * ```
 */
export function matchBrackets(tokens: readonly Token[]): Brackets {
  const match = new Int32Array(tokens.length).fill(-1);
  const parent = new Int32Array(tokens.length).fill(-1);
  const stack: number[] = [];
  tokens.forEach((t, i) => {
    const top = stack[stack.length - 1];
    const opens = (t.kind === "punct" && _OPEN.has(t.text)) || t.kind === "template_head";
    const closes = (t.kind === "punct" && t.text in _CLOSE) || t.kind === "template_tail";
    if (closes && top !== undefined && _pairs(tokens[top]!, t)) {
      stack.pop();
      match[top] = i;
      match[i] = top;
      parent[i] = stack[stack.length - 1] ?? -1;
      return;
    }
    parent[i] = top ?? -1;
    if (opens) stack.push(i);
  });
  return { match, parent };
}

function _pairs(open: Token, close: Token): boolean {
  if (close.kind === "template_tail") return open.kind === "template_head";
  return open.kind === "punct" && open.text === _CLOSE[close.text];
}

// Names after which a statement cannot end at a line break.
const _NO_END = new Set(
  ("else do new typeof void delete await yield in of instanceof as satisfies extends implements " +
    "case throw const let var function class import export from if for while switch try catch " +
    "finally with enum interface keyof").split(" "),
);
// Tokens that continue the statement before them across a line break.
const _CONTINUE = new Set(
  (". ?. ( [ , ? : => = + - * / % ** & | ^ && || ?? < > <= >= << >> >>> == != === !== += -= " +
    "*= /= %= **= <<= >>= >>>= &= |= ^= &&= ||= ??= ) ] }").split(" "),
);
const _CONTINUE_NAMES = new Set([
  "else",
  "catch",
  "finally",
  "instanceof",
  "in",
  "as",
  "satisfies",
]);
const _BLOCK_STARTS = new Set(
  "function class if for while try switch do enum interface namespace module declare abstract"
    .split(" "),
);

/**
 * Splits the top level into statements.
 *
 * @example
 * ```ts
 * import { tokenize } from "./tokenize.ts";
 * import { matchBrackets, splitStatements } from "./cell_syntax.ts";
 * const t = tokenize("const a = 1\nfunction f() {} a\n(a)\n  .toFixed(2);");
 * const s = splitStatements(t, matchBrackets(t));
 * if (s.map((x) => x.kind).join() !== "declaration,declaration,expression") throw new Error();
 * ```
 */
export function splitStatements(tokens: readonly Token[], brackets: Brackets): Statement[] {
  const out: Statement[] = [];
  let first = -1;
  let block = false;
  const close = (last: number) => {
    if (first >= 0 && last >= first) {
      out.push({ first, last, kind: statementKind(tokens, first) });
    }
    first = -1;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (first >= 0 && t.nl && _endsAtBreak(tokens, brackets, i, block)) close(i - 1);
    if (t.kind === "punct" && t.text === ";") {
      close(i - 1);
      continue;
    }
    if (first < 0) {
      first = i;
      block = _startsBlockStatement(tokens, i);
    }
    const end = brackets.match[i]!;
    if (end > i) {
      const open = i;
      i = end;
      // A declaration's or a control statement's body ends the statement.
      if (block && t.text === "{" && _isBody(tokens, first, open)) {
        const next = tokens[end + 1];
        const goesOn = next?.kind === "name" &&
          (/^(else|catch|finally)$/.test(next.text) ||
            (next.text === "while" && tokens[first]!.text === "do"));
        if (!goesOn) close(end);
      }
    }
  }
  close(tokens.length - 1);
  return out;
}

function _isBody(tokens: readonly Token[], first: number, open: number): boolean {
  if (open === first) return true; // a bare block
  const prev = tokens[open - 1]!;
  // `class A {`, `try {`, `else {`, `f() {`, `f(): Promise<void> {`; not `x = {` or `: {`.
  if (prev.kind === "name") return true;
  return prev.kind === "punct" && (prev.text === ")" || prev.text === ">");
}

function _startsBlockStatement(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  if (t.kind === "punct") return t.text === "{";
  if (t.kind !== "name") return false;
  if (t.text === "export") {
    return _startsBlockStatement(tokens, i + 1) || tokens[i + 1]?.text === "default";
  }
  if (t.text === "async") return tokens[i + 1]?.text === "function" && !tokens[i + 1]!.nl;
  if (t.text === "const") return tokens[i + 1]?.text === "enum";
  return _BLOCK_STARTS.has(t.text);
}

/**
 * Whether a statement ends at the line break before token `i` (which has
 * `nl` set): JavaScript's automatic semicolon insertion, closely enough.
 *
 * @example
 * ```ts
 * import { tokenize } from "./tokenize.ts";
 * import { endsAtBreak, matchBrackets } from "./cell_syntax.ts";
 * const t = tokenize("a\n.b\nc");
 * const b = matchBrackets(t);
 * if (endsAtBreak(t, b, 1) || !endsAtBreak(t, b, 3)) throw new Error();
 * ```
 */
export function endsAtBreak(tokens: readonly Token[], brackets: Brackets, i: number): boolean {
  return tokens[i]!.nl && _endsAtBreak(tokens, brackets, i, false);
}

function _endsAtBreak(
  tokens: readonly Token[],
  brackets: Brackets,
  i: number,
  block: boolean,
): boolean {
  const prev = tokens[i - 1]!;
  const next = tokens[i]!;
  if (prev.kind === "name" && _NO_END.has(prev.text)) return false;
  if (prev.kind === "punct") {
    if (
      !(prev.text === ")" || prev.text === "]" || prev.text === "}" || prev.text === "++" ||
        prev.text === "--")
    ) {
      return false;
    }
    if (prev.text === ")") {
      // `if (x)⏎ body`: the body follows on the next line.
      const keyword = tokens[brackets.match[i - 1]! - 1];
      if (keyword?.kind === "name" && /^(if|for|while|with)$/.test(keyword.text)) return false;
    }
  }
  if (next.kind === "punct" && _CONTINUE.has(next.text)) return false;
  if (next.kind === "punct" && next.text === "{" && block) return false;
  if (next.kind === "name" && _CONTINUE_NAMES.has(next.text)) return false;
  return !(next.kind === "template" || next.kind === "template_head");
}

/**
 * What the statement starting at token `i` is.
 *
 * @example
 * ```ts
 * import { tokenize } from "./tokenize.ts";
 * import { statementKind } from "./cell_syntax.ts";
 * const kinds = ["type Row = { x: number }", "let [a] = b", "import('x')", "for (;;) {}", "x + 1"]
 *   .map((s) => statementKind(tokenize(s), 0));
 * if (kinds.join() !== "type,declaration,expression,control,expression") throw new Error(kinds.join());
 * ```
 */
export function statementKind(tokens: readonly Token[], i: number): StatementKind {
  const t = tokens[i]!;
  const next = tokens[i + 1];
  if (t.kind === "punct") return t.text === "{" ? "control" : "expression";
  if (t.kind !== "name") return "expression";
  const nextIsName = next?.kind === "name";
  switch (t.text) {
    case "type":
      return nextIsName && /^[=<]$/.test(tokens[i + 2]?.text ?? "") ? "type" : "expression";
    case "interface":
    case "declare":
      return nextIsName ? "type" : "expression";
    case "namespace":
    case "module":
      return nextIsName ? "declaration" : "expression";
    case "import":
      if (next?.text === "(" || next?.text === ".") return "expression";
      return next?.text === "type" && tokens[i + 2]?.text !== "from" ? "type" : "declaration";
    case "export": {
      const kind = next === undefined ? "expression" : statementKind(tokens, i + 1);
      return kind === "type" ? "type" : "declaration";
    }
    case "const":
    case "var":
    case "function":
    case "class":
    case "enum":
      return "declaration";
    case "let":
      return nextIsName || next?.text === "[" || next?.text === "{" ? "declaration" : "expression";
    case "async":
      return next?.text === "function" && !next.nl ? "declaration" : "expression";
    case "abstract":
      return next?.text === "class" ? "declaration" : "expression";
    case "if":
    case "for":
    case "while":
    case "do":
    case "try":
    case "switch":
    case "return":
    case "throw":
    case "break":
    case "continue":
    case "debugger":
    case "with":
      return "control";
    default:
      return next?.kind === "punct" && next.text === ":" ? "control" : "expression"; // a label
  }
}
