/**
 * A strict JSON parser for files a person may have edited by hand.
 *
 * `JSON.parse` silently keeps the last of two duplicate keys and turns
 * `1e999` into `Infinity`; both would let a corrupted artifact change a
 * model's predictions. This parser refuses them, and every error names the
 * line, the column and the JSON path.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";

/** A parsed JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Options for {@linkcode parseJson}. */
export interface ParseJsonOptions {
  /** What the text is, for error messages (a file path, "request body"). */
  source?: string;
  /** Deepest nesting accepted; deeper input is refused quickly. Default 256. */
  maxDepth?: number;
}

/**
 * Parses JSON text strictly: no duplicate keys, no number that overflows to
 * ±Infinity, no `NaN`, no trailing garbage. Errors name line, column and path.
 *
 * @example
 * ```ts
 * import { parseJson } from "./parse_json.ts";
 * const v = parseJson('{"a": [1, 2.5]}') as { a: number[] };
 * if (v.a[1] !== 2.5) throw new Error("unexpected");
 * let msg = "";
 * try { parseJson('{"a": 1, "a": 2}', { source: "m.json" }); } catch (e) { msg = String(e); }
 * if (!msg.includes('duplicate key "a"')) throw new Error(msg);
 * ```
 */
export function parseJson(text: string, options: ParseJsonOptions = {}): Json {
  return new _Parser(text, options.source ?? "JSON", options.maxDepth ?? 256).parseDocument();
}

const _WS = new Uint8Array(128);
_WS[0x20] =
  _WS[0x09] =
  _WS[0x0a] =
  _WS[0x0d] =
    1;

class _Parser {
  #s: string;
  #i = 0;
  #source: string;
  #maxDepth: number;
  #path: (string | number)[] = [];

  constructor(text: string, source: string, maxDepth: number) {
    // A UTF-8 byte order mark is not JSON, but editors write it; skip it.
    this.#s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    this.#source = source;
    this.#maxDepth = maxDepth;
  }

  parseDocument(): Json {
    this.#ws();
    if (this.#i >= this.#s.length) throw this.#fail("the input is empty");
    const value = this.#value(0);
    this.#ws();
    if (this.#i < this.#s.length) {
      throw this.#fail(`unexpected ${this.#describe()} after the end of the JSON value`);
    }
    return value;
  }

  #value(depth: number): Json {
    const c = this.#s.charCodeAt(this.#i);
    if (c === 0x7b) return this.#object(depth + 1);
    if (c === 0x5b) return this.#array(depth + 1);
    if (c === 0x22) return this.#string();
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.#number();
    if (this.#s.startsWith("true", this.#i)) return this.#i += 4, true;
    if (this.#s.startsWith("false", this.#i)) return this.#i += 5, false;
    if (this.#s.startsWith("null", this.#i)) return this.#i += 4, null;
    if (this.#i >= this.#s.length) throw this.#truncated();
    for (const word of ["NaN", "Infinity", "-Infinity"]) {
      if (this.#s.startsWith(word, this.#i)) {
        throw this.#fail(`${word} is not valid JSON; numbers must be finite`);
      }
    }
    throw this.#fail(`unexpected ${this.#describe()} where a value should start`);
  }

  #object(depth: number): Json {
    if (depth > this.#maxDepth) throw this.#fail(`nesting deeper than ${this.#maxDepth} levels`);
    this.#i++;
    const out: Record<string, Json> = {};
    const seen = new Set<string>();
    this.#ws();
    if (this.#s.charCodeAt(this.#i) === 0x7d) return this.#i++, out;
    for (;;) {
      if (this.#s.charCodeAt(this.#i) !== 0x22) {
        throw this.#i >= this.#s.length
          ? this.#truncated()
          : this.#fail(`expected a quoted key, found ${this.#describe()}`);
      }
      const keyAt = this.#i;
      const key = this.#string();
      if (seen.has(key)) {
        this.#i = keyAt;
        this.#path.push(key);
        throw this.#fail(`duplicate key ${JSON.stringify(key)}`);
      }
      seen.add(key);
      this.#ws();
      this.#expect(0x3a, "':' after a key");
      this.#ws();
      this.#path.push(key);
      const v = this.#value(depth);
      this.#path.pop();
      if (key === "__proto__") {
        Object.defineProperty(out, key, {
          value: v,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else out[key] = v;
      this.#ws();
      const c = this.#s.charCodeAt(this.#i);
      if (c === 0x2c) {
        this.#i++;
        this.#ws();
        continue;
      }
      if (c === 0x7d) return this.#i++, out;
      throw this.#i >= this.#s.length
        ? this.#truncated()
        : this.#fail(`expected ',' or '}', found ${this.#describe()}`);
    }
  }

  #array(depth: number): Json {
    if (depth > this.#maxDepth) throw this.#fail(`nesting deeper than ${this.#maxDepth} levels`);
    this.#i++;
    const out: Json[] = [];
    this.#ws();
    if (this.#s.charCodeAt(this.#i) === 0x5d) return this.#i++, out;
    for (;;) {
      this.#path.push(out.length);
      out.push(this.#value(depth));
      this.#path.pop();
      this.#ws();
      const c = this.#s.charCodeAt(this.#i);
      if (c === 0x2c) {
        this.#i++;
        this.#ws();
        continue;
      }
      if (c === 0x5d) return this.#i++, out;
      throw this.#i >= this.#s.length
        ? this.#truncated()
        : this.#fail(`expected ',' or ']', found ${this.#describe()}`);
    }
  }

  #string(): string {
    const start = ++this.#i;
    const s = this.#s;
    let escaped = false;
    for (;;) {
      const c = s.charCodeAt(this.#i);
      if (c === 0x22) break;
      if (Number.isNaN(c)) throw this.#truncated();
      if (c < 0x20) throw this.#fail("control character in a string (escape it as \\u00XX)");
      if (c === 0x5c) {
        escaped = true;
        this.#i++;
      }
      this.#i++;
    }
    const raw = s.slice(start, this.#i);
    this.#i++;
    if (!escaped) return raw;
    try {
      return JSON.parse(`"${raw}"`);
    } catch {
      this.#i = start;
      throw this.#fail("invalid escape sequence in a string");
    }
  }

  #number(): number {
    const start = this.#i;
    const s = this.#s;
    if (s.charCodeAt(this.#i) === 0x2d) this.#i++;
    const intStart = this.#i;
    while (_isDigit(s.charCodeAt(this.#i))) this.#i++;
    const intLen = this.#i - intStart;
    if (intLen === 0) {
      if (s.startsWith("Infinity", this.#i)) {
        this.#i = start;
        throw this.#fail("-Infinity is not valid JSON; numbers must be finite");
      }
      throw this.#fail("a '-' must be followed by digits");
    }
    if (intLen > 1 && s.charCodeAt(intStart) === 0x30) {
      this.#i = start;
      throw this.#fail("numbers may not have leading zeros");
    }
    if (s.charCodeAt(this.#i) === 0x2e) {
      this.#i++;
      const f = this.#i;
      while (_isDigit(s.charCodeAt(this.#i))) this.#i++;
      if (this.#i === f) throw this.#fail("a '.' must be followed by digits");
    }
    const e = s.charCodeAt(this.#i);
    if (e === 0x65 || e === 0x45) {
      this.#i++;
      const sign = s.charCodeAt(this.#i);
      if (sign === 0x2b || sign === 0x2d) this.#i++;
      const f = this.#i;
      while (_isDigit(s.charCodeAt(this.#i))) this.#i++;
      if (this.#i === f) throw this.#fail("an exponent must have digits");
    }
    const text = s.slice(start, this.#i);
    const n = Number(text);
    if (!Number.isFinite(n)) {
      this.#i = start;
      throw this.#fail(`number ${text} is too large for a 64-bit float (it would become ${n})`);
    }
    return n;
  }

  #ws(): void {
    const s = this.#s;
    let c = s.charCodeAt(this.#i);
    while (c < 128 && _WS[c] === 1) c = s.charCodeAt(++this.#i);
  }

  #expect(code: number, what: string): void {
    if (this.#s.charCodeAt(this.#i) !== code) {
      throw this.#i >= this.#s.length
        ? this.#truncated()
        : this.#fail(`expected ${what}, found ${this.#describe()}`);
    }
    this.#i++;
  }

  #describe(): string {
    const ch = this.#s[this.#i];
    return ch === undefined ? "end of input" : `'${ch}'`;
  }

  #truncated() {
    return this.#fail("unexpected end of input: the JSON is truncated");
  }

  #fail(what: string) {
    let line = 1, lineStart = 0;
    const s = this.#s;
    const end = Math.min(this.#i, s.length);
    for (let k = s.indexOf("\n"); k !== -1 && k < end; k = s.indexOf("\n", k + 1)) {
      line++;
      lineStart = k + 1;
    }
    const column = end - lineStart + 1;
    return invalid(
      `Invalid JSON in ${this.#source} at line ${line}, column ${column} (${
        formatPath(this.#path)
      }): ${what}`,
    );
  }
}

function _isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * Formats a JSON path the way error messages show it: `$.coefficients.weights[3]`.
 *
 * @example
 * ```ts
 * import { formatPath } from "./parse_json.ts";
 * if (formatPath(["coefficients", "weights", 3]) !== "$.coefficients.weights[3]") throw new Error();
 * ```
 */
export function formatPath(path: readonly (string | number)[]): string {
  let out = "$";
  for (const p of path) {
    out += typeof p === "number"
      ? `[${p}]`
      : /^[A-Za-z_$][\w$]*$/.test(p)
      ? `.${p}`
      : `[${JSON.stringify(p)}]`;
  }
  return out;
}
