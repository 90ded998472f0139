/**
 * A TypeScript tokenizer just good enough to analyse a cell: names,
 * punctuation and brackets come out; strings, comments, regular expressions
 * and the text of template literals are skipped over as single tokens, so
 * nothing inside them is ever taken for code. The code inside a template's
 * `${…}` is tokenized like any other.
 *
 * @module
 */

/** What a token is. */
export type TokenKind =
  | "name" // an identifier or keyword
  | "private" // #name
  | "number"
  | "string"
  | "regex"
  | "template" // a whole template without substitutions
  | "template_head" // `…${  (opens like a bracket)
  | "template_middle" // }…${ (closes and opens)
  | "template_tail" // }…`  (closes)
  | "punct";

/** A token of a cell's source. */
export interface Token {
  /** What it is. */
  kind: TokenKind;
  /** Its text. */
  text: string;
  /** Offset of its first character. */
  start: number;
  /** Offset just past it. */
  end: number;
  /** True when a line break (or a comment holding one) comes between it and the token before. */
  nl: boolean;
}

const _PUNCT = [
  ">>>=",
  "...",
  "===",
  "!==",
  "**=",
  "<<=",
  ">>=",
  ">>>",
  "&&=",
  "||=",
  "??=",
  "=>",
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "??",
  "?.",
  "++",
  "--",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "**",
  "<<",
  ">>",
];

// After these, a `/` starts a regular expression rather than dividing.
const _REGEX_AFTER_NAMES = new Set([
  "return",
  "typeof",
  "instanceof",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "case",
  "do",
  "else",
  "yield",
  "await",
]);

const _NAME = /[\p{ID_Start}$_\\][\p{ID_Continue}$\u200c\u200d\\]*/uy;
const _NUMBER =
  /(?:0[xXoObB][\da-fA-F_]+n?|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?n?)/y;

/**
 * Splits `source` into tokens. It never throws: an unterminated string or
 * comment runs to the end of the source (running the cell reports it).
 *
 * @example
 * ```ts
 * import { tokenize } from "./tokenize.ts";
 * const texts = tokenize("const s = `a ${b + '}'} d`; // e\n/x/g.test(s)").map((t) => t.text);
 * if (texts.join(" ") !== "const s = `a ${ b + '}' } d` ; /x/g . test ( s )") throw new Error(texts.join(" "));
 * ```
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  // One entry per open `{`: true when it opened a template substitution.
  const braces: boolean[] = [];
  let i = source.startsWith("#!") ? _lineEnd(source, 0) : 0;
  let nl = false;
  const push = (kind: TokenKind, start: number, end: number) => {
    tokens.push({ kind, text: source.slice(start, end), start, end, nl });
    nl = false;
    i = end;
  };
  while (i < source.length) {
    const c = source[i]!;
    if (c === "\n" || c === "\r" || c === "\u2028" || c === "\u2029") {
      nl = true;
      i++;
    } else if (c === " " || c === "\t" || c === "\f" || c === "\v" || /\s/.test(c)) {
      i++;
    } else if (source.startsWith("//", i)) {
      i = _lineEnd(source, i);
    } else if (source.startsWith("/*", i)) {
      const close = source.indexOf("*/", i + 2);
      const end = close < 0 ? source.length : close + 2;
      if (/[\n\r\u2028\u2029]/.test(source.slice(i, end))) nl = true;
      i = end;
    } else if (c === '"' || c === "'") {
      push("string", i, _stringEnd(source, i, c));
    } else if (c === "`") {
      const [end, open] = _templateEnd(source, i + 1);
      if (open) braces.push(true);
      push(open ? "template_head" : "template", i, end);
    } else if (c === "}" && braces.length > 0 && braces[braces.length - 1]) {
      braces.pop();
      const [end, open] = _templateEnd(source, i + 1);
      if (open) braces.push(true);
      push(open ? "template_middle" : "template_tail", i, end);
    } else if (c === "#" && i + 1 < source.length) {
      _NAME.lastIndex = i + 1;
      const m = _NAME.exec(source);
      push(m ? "private" : "punct", i, m ? i + 1 + m[0].length : i + 1);
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(source[i + 1] ?? ""))) {
      _NUMBER.lastIndex = i;
      push("number", i, i + (_NUMBER.exec(source)?.[0].length ?? 1));
    } else if (c === "/" && _regexAllowed(tokens[tokens.length - 1])) {
      push("regex", i, _regexEnd(source, i));
    } else {
      _NAME.lastIndex = i;
      const name = _NAME.exec(source);
      if (name) {
        push("name", i, i + name[0].length);
        continue;
      }
      const p = _PUNCT.find((p) => source.startsWith(p, i)) ?? c;
      // `a?.5:b` is a conditional, not optional chaining.
      const text = p === "?." && /[0-9]/.test(source[i + 2] ?? "") ? "?" : p;
      if (text === "{") braces.push(false);
      if (text === "}") braces.pop();
      push("punct", i, i + text.length);
    }
  }
  return tokens;
}

function _lineEnd(source: string, from: number): number {
  const m = /[\n\r\u2028\u2029]/g;
  m.lastIndex = from;
  return m.exec(source)?.index ?? source.length;
}

function _stringEnd(source: string, from: number, quote: string): number {
  for (let i = from + 1; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (c === quote || c === "\n" || c === "\r") return i + 1;
  }
  return source.length;
}

/** Where the template text from `from` ends, and whether it ends with `${`. */
function _templateEnd(source: string, from: number): [number, boolean] {
  for (let i = from; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (c === "`") return [i + 1, false];
    else if (c === "$" && source[i + 1] === "{") return [i + 2, true];
  }
  return [source.length, false];
}

function _regexAllowed(prev: Token | undefined): boolean {
  if (prev === undefined) return true;
  if (prev.kind === "name") return _REGEX_AFTER_NAMES.has(prev.text);
  if (prev.kind === "punct") return !(prev.text === ")" || prev.text === "]" || prev.text === "}");
  return prev.kind === "template_head" || prev.kind === "template_middle";
}

function _regexEnd(source: string, from: number): number {
  let inClass = false;
  for (let i = from + 1; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (c === "\n" || c === "\r") return i;
    else if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    else if (c === "/" && !inClass) {
      let end = i + 1;
      while (end < source.length && /[a-z]/i.test(source[end]!)) end++;
      return end;
    }
  }
  return source.length;
}
