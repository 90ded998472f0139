/**
 * The scope analysis behind `analyseCell`: where names are declared and
 * bound, token by token.
 *
 * @module
 */
import { type Brackets, endsAtBreak } from "./cell_syntax.ts";
import { declarators, parameters, skipType, type TokenWalk } from "./binding_patterns.ts";
import type { Token } from "./tokenize.ts";

/** Reserved words: never names of values. */
const _RESERVED = new Set(
  ("break case catch class const continue debugger default delete do else enum export extends " +
    "false finally for function if import in instanceof new null return super switch this throw " +
    "true try typeof var void while with yield let static implements interface package private " +
    "protected public await async of as satisfies get set type declare readonly abstract keyof")
    .split(" "),
);
const _NOT_METHOD = new Set(
  "if for while switch with catch function return typeof await new void delete in of case".split(
    " ",
  ),
);
const _MEMBER_PREFIX = new Set(
  ("{ ; } * static get set async readonly public private protected declare override abstract " +
    "accessor").split(" "),
);

interface _Scope {
  name: string;
  from: number;
  to: number;
}

/**
 * Finds, in a cell's tokens, what is declared at the top level, what is
 * bound locally (parameters, nested declarations, catch bindings) and
 * where, and which name tokens are reads; see `analyseCell`.
 *
 * @example
 * ```ts
 * import { tokenize } from "./tokenize.ts";
 * import { matchBrackets } from "./cell_syntax.ts";
 * import { ScopeFinder } from "./scope_finder.ts";
 * const tokens = tokenize("const f = (a) => a + b");
 * const walk = { tokens, brackets: matchBrackets(tokens), skip: new Uint8Array(tokens.length) };
 * const finder = new ScopeFinder(walk, new Int32Array(tokens.length).fill(tokens.length - 1));
 * finder.functionsAndBlocks();
 * finder.variables();
 * const reads = tokens.flatMap((t, i) => t.kind === "name" && !walk.skip[i] && finder.isRead(i) ? [t.text] : []);
 * if (reads.join() !== "b" || tokens[finder.declared[0]!]?.text !== "f") throw new Error(reads.join());
 * ```
 */
export class ScopeFinder {
  /** Token indices of the names the cell declares at the top level. */
  readonly declared: number[] = [];
  /** Local bindings: a name and the token range it covers. */
  readonly scopes: _Scope[] = [];
  /** Token ranges of function bodies. */
  readonly bodies: [number, number][] = [];
  /** Opening tokens of class bodies. */
  readonly classBodies = new Set<number>();
  /** The tokens. */
  readonly tokens: readonly Token[];
  /** Their brackets. */
  readonly brackets: Brackets;

  /** A finder over `walk`; `statementEnd` gives, per top-level token, its statement's last token. */
  constructor(readonly walk: TokenWalk, readonly statementEnd: Int32Array) {
    this.tokens = walk.tokens;
    this.brackets = walk.brackets;
  }

  /** Reads the names an `import` statement (tokens `first`…`last`) declares. */
  importClause(first: number, last: number): void {
    const { tokens } = this;
    for (let i = first + 1; i <= last; i++) {
      const t = tokens[i]!;
      this.walk.skip[i] = 1;
      if (t.kind !== "name" || t.text === "from") {
        if (t.kind === "string") return;
        continue;
      }
      const next = tokens[i + 1]?.text;
      if (t.text === "type" && next !== "," && next !== "}" && next !== "as" && next !== "from") {
        i++; // `type X` inside braces: a type only
        this.walk.skip[i] = 1;
        continue;
      }
      if (next === "as" || t.text === "as" && tokens[i - 1]?.text === "*") continue;
      if (t.text === "as" || t.text === "type") continue;
      this.declared.push(i);
    }
  }

  /** Finds functions, classes, arrows, methods and catch clauses, with their parameters. */
  functionsAndBlocks(): void {
    const { tokens, brackets } = this;
    const params = new Set<number>();
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (this.walk.skip[i] && !(t.text === "(")) continue;
      if (t.kind === "name" && t.text === "function") this._function(i, params);
      else if (t.kind === "name" && t.text === "class") this._class(i);
      else if (t.kind === "name" && (t.text === "enum" || t.text === "namespace")) this._named(i);
      else if (t.kind === "name" && tokens[i + 1]?.text === "=>" && tokens[i - 1]?.text !== ".") {
        this.walk.skip[i] = 1;
        const [, to] = this._arrowBody(i + 2);
        this.scopes.push({ name: t.text, from: i, to });
      } else if (t.text === "(" && t.kind === "punct" && !params.has(i) && brackets.match[i]! > i) {
        this._paren(i);
      }
    }
  }

  /** Finds `const`/`let`/`var` declarations at every depth (after `functionsAndBlocks`). */
  variables(): void {
    const { tokens, brackets } = this;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.kind !== "name" || this.walk.skip[i]) continue;
      const next = tokens[i + 1];
      const isVar = t.text === "const"
        ? next?.text !== "enum"
        : t.text === "let"
        ? next?.kind === "name" || next?.text === "[" || next?.text === "{"
        : t.text === "var" || t.text === "using";
      if (!isVar || tokens[i - 1]?.text === ".") continue;
      const g = brackets.parent[i]!;
      const end = g < 0 ? this.statementEnd[i]! + 1 : _close(brackets, g, tokens.length);
      const { names } = declarators(this.walk, i + 1, end);
      if (g < 0) {
        this.declared.push(...names);
        continue;
      }
      let [from, to] = [g, _close(brackets, g, tokens.length)];
      if (t.text === "var") {
        const body = this.bodies.find(([a, b]) => a < i && i < b);
        [from, to] = body ?? [0, tokens.length];
      } else if (tokens[g]!.text === "(" && tokens[g - 1]?.text === "for") {
        const after = to + 1;
        to = brackets.match[after]! > after ? brackets.match[after]! : _groupEnd(this, g);
      }
      for (const n of names) this.scopes.push({ name: tokens[n]!.text, from, to });
    }
  }

  /** Whether name token `i` reads a name not bound in the cell. */
  isRead(i: number): boolean {
    const { tokens, brackets } = this;
    const t = tokens[i]!;
    if (_RESERVED.has(t.text)) return false;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (prev?.kind === "punct" && (prev.text === "." || prev.text === "?.")) return false;
    if (prev?.kind === "name" && /^(break|continue|as|satisfies)$/.test(prev.text)) return false;
    const g = brackets.parent[i]!;
    if (g >= 0 && tokens[g]!.text === "{") {
      if (
        this.classBodies.has(g) && (t.nl || (prev !== undefined && _MEMBER_PREFIX.has(prev.text)))
      ) {
        return false;
      }
      if (next?.text === ":" && (prev?.text === "{" || prev?.text === ",")) return false;
    }
    if (next?.text === ":" && (prev === undefined || prev.text === ";" || prev.text === "}")) {
      return false; // a label
    }
    return !this.scopes.some((s) => s.name === t.text && s.from <= i && i <= s.to);
  }

  /** `function [*] [name] [<T>] (params) [: type] { body }`. */
  private _function(i: number, params: Set<number>): void {
    const { tokens, brackets } = this;
    let j = i + 1;
    if (tokens[j]?.text === "*") j++;
    const name = tokens[j]?.kind === "name" ? j++ : -1;
    if (tokens[j]?.text === "<") j = skipType(this.walk, j, tokens.length, new Set(["("]));
    if (tokens[j]?.text !== "(" || brackets.match[j]! < j) return;
    params.add(j);
    const close = brackets.match[j]!;
    const body = this._bodyAfter(close + 1);
    const end = body >= 0 ? brackets.match[body]! : close;
    if (body >= 0) this.bodies.push([body, end]);
    for (const p of parameters(this.walk, j)) {
      this.scopes.push({ name: tokens[p]!.text, from: j, to: end });
    }
    if (name >= 0) this._bindName(name, i, [j, end]);
  }

  /** `class [name] [<T>] [extends X] [implements Y] { body }`. */
  private _class(i: number): void {
    const { tokens, brackets } = this;
    let j = i + 1;
    const name = tokens[j]?.kind === "name" && !/^(extends|implements)$/.test(tokens[j]!.text)
      ? j++
      : -1;
    const level = brackets.parent[i]!;
    let implementing = false;
    for (; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (t.text === "{" && brackets.parent[j] === level) break;
      if (t.text === "implements") implementing = true;
      if (implementing || t.text === "<") this.walk.skip[j] = 1;
    }
    if (j >= tokens.length) return;
    this.classBodies.add(j);
    const end = _close(brackets, j, tokens.length);
    if (name >= 0) this._bindName(name, i, [j, end]);
  }

  private _named(i: number): void {
    const name = i + 1;
    if (this.tokens[name]?.kind !== "name") return;
    const body = name + 1;
    if (this.tokens[body]?.text === "{") {
      this.walk.skip.fill(1, body, _close(this.brackets, body, this.tokens.length) + 1);
    }
    this._bindName(name, i, [body, body]);
  }

  /** A declaration's name: the cell's at the top level, its block's inside one, its own in an expression. */
  private _bindName(name: number, keyword: number, own: [number, number]): void {
    const { tokens, brackets } = this;
    this.walk.skip[name] = 1;
    let k = keyword;
    while (k > 0 && /^(export|default|async|abstract|declare)$/.test(tokens[k - 1]!.text)) k--;
    const prev = tokens[k - 1];
    const statement = prev === undefined || /^[;{}]$/.test(prev.text) ||
      (tokens[k]!.nl && endsAtBreak(tokens, brackets, k));
    const g = brackets.parent[keyword]!;
    if (statement && g < 0) this.declared.push(name);
    else if (statement) {
      this.scopes.push({
        name: tokens[name]!.text,
        from: g,
        to: _close(brackets, g, tokens.length),
      });
    } else this.scopes.push({ name: tokens[name]!.text, from: own[0], to: own[1] });
  }

  private _paren(i: number): void {
    const { tokens, brackets } = this;
    const close = brackets.match[i]!;
    const prev = tokens[i - 1];
    let k = close + 1;
    if (tokens[k]?.text === ":") {
      const stop = skipType(
        { ...this.walk, skip: new Uint8Array(tokens.length) },
        k + 1,
        tokens.length,
        new Set(["=>", "{", ",", ";", "="]),
      );
      if (tokens[stop]?.text === "=>") k = skipType(this.walk, k + 1, stop, new Set(["=>"]));
    }
    if (tokens[k]?.text === "=>") {
      const [, to] = this._arrowBody(k + 1);
      this._bodyFrom(k + 1, to);
      for (const p of parameters(this.walk, i)) {
        this.scopes.push({ name: tokens[p]!.text, from: i, to });
      }
      return;
    }
    const body = this._bodyAfter(close + 1);
    if (body < 0 || prev === undefined) return;
    const method = (prev.kind === "name" && !_NOT_METHOD.has(prev.text)) || prev.text === "]" ||
      prev.text === ">";
    if (!method && prev.text !== "catch") return;
    if (method && prev.kind === "name") this.walk.skip[i - 1] = 1;
    const end = brackets.match[body]!;
    if (method) this.bodies.push([body, end]);
    for (const p of parameters(this.walk, i)) {
      this.scopes.push({ name: tokens[p]!.text, from: i, to: end });
    }
  }

  private _bodyFrom(k: number, to: number): void {
    if (this.tokens[k]?.text === "{") this.bodies.push([k, to]);
  }

  /** The token range of an arrow function's body starting at `k`. */
  private _arrowBody(k: number): [number, number] {
    const { tokens, brackets } = this;
    if (tokens[k]?.text === "{" && brackets.match[k]! > k) return [k, brackets.match[k]!];
    const g = brackets.parent[k - 1]!;
    const limit = g < 0 ? this.statementEnd[k - 1]! + 1 : _close(brackets, g, tokens.length);
    let j = k;
    while (j < limit && tokens[j]!.text !== "," && tokens[j]!.text !== ";") {
      const end = brackets.match[j]!;
      j = end > j ? end + 1 : j + 1;
    }
    return [k, j - 1];
  }

  /** The `{` of a body after a parameter list (and an optional return type), or -1. */
  private _bodyAfter(k: number): number {
    const { tokens, brackets } = this;
    if (tokens[k]?.text === "{") return k;
    if (tokens[k]?.text !== ":") return -1;
    for (let j = k + 1; j < tokens.length; j++) {
      const t = tokens[j]!;
      const before = tokens[j - 1]!.text;
      if (t.text === "{" && !/^(:|\||&|=>|<|,|\(|\[|\?|keyof|typeof)$/.test(before)) return j;
      if (t.text === ";" || t.text === "=" || (t.nl && endsAtBreak(tokens, brackets, j))) return -1;
      const end = brackets.match[j]!;
      if (end > j) {
        this.walk.skip.fill(1, j, end + 1);
        j = end;
      } else if (end >= 0) return -1;
      this.walk.skip[j] = 1;
    }
    return -1;
  }
}

function _close(brackets: Brackets, open: number, n: number): number {
  const end = brackets.match[open]!;
  return end > open ? end : n - 1;
}

function _groupEnd(finder: ScopeFinder, g: number): number {
  const outer = finder.brackets.parent[g]!;
  return outer < 0 ? finder.statementEnd[g]! : _close(finder.brackets, outer, finder.tokens.length);
}
