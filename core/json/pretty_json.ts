/**
 * Readable JSON for files people diff in git: objects one key a line, arrays
 * of plain values on one line (a forest's thresholds stay one line per array
 * instead of one line per number).
 *
 * @module
 */

/**
 * Formats `value` with two-space indentation, keeping arrays of scalars on
 * one line. Ends with a newline.
 *
 * @example
 * ```ts
 * import { prettyJson } from "./pretty_json.ts";
 * const text = prettyJson({ a: [1, 2], b: { c: "x" } });
 * if (text !== '{\n  "a": [1, 2],\n  "b": {\n    "c": "x"\n  }\n}\n') throw new Error(text);
 * ```
 */
export function prettyJson(value: unknown): string {
  return _format(value, "") + "\n";
}

function _isScalar(v: unknown): boolean {
  return v === null || typeof v !== "object";
}

function _format(v: unknown, indent: string): string {
  if (_isScalar(v)) return JSON.stringify(v) ?? "null";
  const inner = indent + "  ";
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    if (v.every(_isScalar)) return "[" + v.map((x) => JSON.stringify(x) ?? "null").join(", ") + "]";
    return "[\n" + v.map((x) => inner + _format(x, inner)).join(",\n") + "\n" + indent + "]";
  }
  if (ArrayBuffer.isView(v)) return _format(Array.from(v as unknown as ArrayLike<number>), indent);
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return "{}";
  return "{\n" +
    entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${_format(x, inner)}`).join(",\n") +
    "\n" +
    indent + "}";
}
