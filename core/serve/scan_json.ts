/**
 * A pass over JSON text before it is parsed: `JSON.parse` happily builds an
 * object with a million keys or recurses ten thousand levels deep, and turns
 * `1e999` into `Infinity`. One linear scan refuses all three, and the bare
 * words `NaN` and `Infinity`, in time proportional to the text.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";

/** How much structure a request body may have. */
export interface JsonShapeLimits {
  /** Deepest nesting of objects and arrays. */
  readonly maxDepth: number;
  /** Most keys in any one object. */
  readonly maxKeys: number;
}

const _QUOTE = 0x22, _BACKSLASH = 0x5c, _COLON = 0x3a;
const _OPEN_OBJECT = 0x7b, _CLOSE_OBJECT = 0x7d, _OPEN_ARRAY = 0x5b, _CLOSE_ARRAY = 0x5d;

/** Key counts per open object, by depth; grown when a deeper limit asks for it. */
let _keys = new Int32Array(64);

/**
 * Checks the shape of JSON text: nesting no deeper than `maxDepth`, no
 * object with more than `maxKeys` keys, no number that overflows a 64-bit
 * float, no `NaN` or `Infinity`. It does not check the grammar:
 * `JSON.parse` does that next, on text known to be cheap to parse.
 *
 * @example
 * ```ts
 * import { scanJson } from "./scan_json.ts";
 * const limits = { maxDepth: 4, maxKeys: 8 };
 * scanJson('{"features": {"x": 1.5e3, "ok": true, "s": "a{[\\"b"}}', limits);
 * for (const bad of ['[[[[[1]]]]]', '{"x": 1e999}', '{"x": NaN}', '{"x": -Infinity}']) {
 *   let refused = false;
 *   try { scanJson(bad, limits); } catch { refused = true; }
 *   if (!refused) throw new Error(bad);
 * }
 * ```
 */
export function scanJson(text: string, limits: JsonShapeLimits): void {
  const { maxDepth, maxKeys } = limits;
  if (_keys.length <= maxDepth) _keys = new Int32Array(maxDepth + 1);
  const keys = _keys; // keys[d]: keys of the object open at depth d (arrays never add to theirs)
  const n = text.length;
  let depth = 0, digits = 0;
  keys[0] = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      // Only an exponent or some 309 digits can reach ±1.8e308.
      if (++digits === 301) _checkNumber(text, i);
      continue;
    }
    digits = 0;
    if (c === 0x22) { // a string: skip to its closing quote, the first not escaped
      for (;;) {
        const q = text.indexOf('"', i + 1);
        if (q < 0) {
          i = n;
          break;
        }
        let b = q - 1; // an even run of backslashes before a quote escapes none of it
        while (text.charCodeAt(b) === 0x5c) b--;
        i = q;
        if ((q - 1 - b) % 2 === 0) break;
      }
    } else if (c <= 0x2e) continue; // whitespace, ',', '-', '+', '.'
    else if (c === 0x3a) {
      if (++keys[depth]! > maxKeys) {
        throw invalid(
          `An object in the request body has more than ${maxKeys} keys (at character ${i + 1}); ` +
            `send at most ${maxKeys}`,
        );
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) {
        throw invalid(
          `The request body nests deeper than ${maxDepth} levels (at character ${i + 1}); ` +
            `a prediction request needs only a few`,
        );
      }
      keys[depth] = 0;
    } else if (c === 0x7d || c === 0x5d) {
      if (depth > 0) depth--;
    } else if (c === 0x65 || c === 0x45) { // e, E: an exponent when a digit or '.' precedes it
      const p = text.charCodeAt(i - 1);
      if ((p >= 0x30 && p <= 0x39) || p === 0x2e) _checkNumber(text, i);
    } else if (c === 0x4e || c === 0x49) { // N, I: no JSON token outside a string starts so
      const word = text.startsWith("NaN", i) ? "NaN" : "Infinity";
      throw invalid(
        `The request body holds ${word} (at character ${i + 1}), which is not JSON: ` +
          `numbers must be finite; send null for a missing value`,
      );
    }
  }
}

/** Refuses the number around position `at` if it overflows to ±Infinity. */
function _checkNumber(text: string, at: number): void {
  let start = at, end = at;
  while (start > 0 && _inNumber(text.charCodeAt(start - 1))) start--;
  while (end < text.length && _inNumber(text.charCodeAt(end))) end++;
  const token = text.slice(start, end);
  const x = Number(token);
  if (x === Infinity || x === -Infinity) {
    const shown = token.length > 24 ? token.slice(0, 24) + "…" : token;
    throw invalid(
      `The request body holds the number ${shown} (at character ${start + 1}), ` +
        `which overflows a 64-bit float: numbers must be finite`,
    );
  }
}

function _inNumber(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d || c === 0x2b || c === 0x65 ||
    c === 0x45;
}
