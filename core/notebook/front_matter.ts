/**
 * A notebook's front matter: a `---` block at the very start of the file
 * holding simple `key: value` lines (a YAML subset: no nesting, no lists).
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";

/** A front matter value: a string, a number or a boolean. */
export type FrontMatterValue = string | number | boolean;

/** Where the front matter is and what it says. */
export interface FrontMatter {
  /** Offset just past the closing `---` line (0 when there is no front matter). */
  end: number;
  /** The keys and values, in file order. */
  values: Record<string, FrontMatterValue>;
}

const _OPEN = /^---[ \t]*(\r\n|\n|\r)/;
const _CLOSE = /^(---|\.\.\.)[ \t]*$/;

/**
 * Reads the front matter at the start of `text`: from a `---` first line to
 * a `---` (or `...`) line. Each line is `key: value`; blank lines and `#`
 * comments are skipped. A value is a `"double"` (JSON escapes) or
 * `'single'` quoted string, a number, `true`/`false`, or else the trimmed
 * text. Without an opening line there is no front matter (`end` 0).
 *
 * @example
 * ```ts
 * import { readFrontMatter } from "./front_matter.ts";
 * const text = '---\ntitle: "Rain: a look"\ntimeout: 60\ndraft: false\n---\n# Hi\n';
 * const fm = readFrontMatter(text);
 * if (fm.values.title !== "Rain: a look" || fm.values.timeout !== 60 || fm.values.draft !== false) throw new Error();
 * if (fm.end !== text.indexOf("# Hi")) throw new Error(String(fm.end));
 * ```
 */
export function readFrontMatter(text: string): FrontMatter {
  const open = _OPEN.exec(text);
  if (!open) return { end: 0, values: {} };
  const values: Record<string, FrontMatterValue> = {};
  let at = open[0].length;
  let line = 2;
  while (at < text.length) {
    const eol = /\r\n|\n|\r/g;
    eol.lastIndex = at;
    const m = eol.exec(text);
    const lineEnd = m ? m.index : text.length;
    const next = m ? m.index + m[0].length : text.length;
    const content = text.slice(at, lineEnd);
    if (_CLOSE.test(content)) return { end: next, values };
    _readLine(content, line, values);
    at = next;
    line++;
  }
  throw invalid(
    "The front matter is not closed: end it with a line `---` (or remove the first line `---`)",
  );
}

function _readLine(content: string, line: number, values: Record<string, FrontMatterValue>): void {
  const trimmed = content.trim();
  if (trimmed === "" || trimmed.startsWith("#")) return;
  const colon = content.indexOf(":");
  const key = colon < 0 ? "" : content.slice(0, colon).trim();
  if (!/^[A-Za-z_][\w-]*$/.test(key)) {
    throw invalid(
      `Front matter line ${line}: expected \`key: value\`, found ${JSON.stringify(content)}`,
    );
  }
  if (key in values) throw invalid(`Front matter line ${line}: ${key} is given twice`);
  values[key] = _value(content.slice(colon + 1).trim(), line);
}

function _value(raw: string, line: number): FrontMatterValue {
  if (raw.startsWith('"')) {
    try {
      const v: unknown = JSON.parse(raw);
      if (typeof v === "string") return v;
    } catch { /* reported below */ }
    throw invalid(`Front matter line ${line}: bad quoted string ${raw}`);
  }
  if (raw.startsWith("'")) {
    if (raw.length < 2 || !raw.endsWith("'")) {
      throw invalid(`Front matter line ${line}: bad quoted string ${raw}`);
    }
    return raw.slice(1, -1).replaceAll("''", "'");
  }
  if (raw === "true" || raw === "false") return raw === "true";
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw)) return Number(raw);
  return raw;
}
