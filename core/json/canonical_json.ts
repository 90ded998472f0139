/**
 * Canonical JSON and its SHA-256: the identity of a model artifact.
 *
 * The form follows RFC 8785 (JSON Canonicalization Scheme): object keys sorted
 * by UTF-16 code units, no white space, numbers and strings as ECMAScript's
 * `JSON.stringify` writes them. Two documents with the same content have the
 * same canonical bytes however they were indented.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { invalid } from "../errors/mod.ts";
import { formatPath } from "./parse_json.ts";

/**
 * Writes `value` in canonical form. Refuses non-finite numbers and values
 * that are not JSON (functions, `undefined` in arrays, …), naming the path.
 *
 * @example
 * ```ts
 * import { canonicalJson } from "./canonical_json.ts";
 * if (canonicalJson({ b: 1, a: [true, null, "x"] }) !== '{"a":[true,null,"x"],"b":1}') throw new Error();
 * ```
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  _write(value, parts, []);
  return parts.join("");
}

function _write(v: unknown, out: string[], path: (string | number)[]): void {
  if (v === null) return void out.push("null");
  switch (typeof v) {
    case "boolean":
      return void out.push(v ? "true" : "false");
    case "string":
      return void out.push(JSON.stringify(v));
    case "number":
      if (!Number.isFinite(v)) {
        throw invalid(`${formatPath(path)} is ${v}; JSON numbers must be finite`);
      }
      return void out.push(Object.is(v, -0) ? "0" : JSON.stringify(v));
    case "object": {
      if (Array.isArray(v)) {
        out.push("[");
        for (let i = 0; i < v.length; i++) {
          if (i) out.push(",");
          path.push(i);
          _write(v[i], out, path);
          path.pop();
        }
        return void out.push("]");
      }
      if (ArrayBuffer.isView(v)) {
        return _write(Array.from(v as unknown as ArrayLike<number>), out, path);
      }
      const keys = Object.keys(v as object).filter((k) =>
        (v as Record<string, unknown>)[k] !== undefined
      ).sort();
      out.push("{");
      keys.forEach((k, i) => {
        if (i) out.push(",");
        out.push(JSON.stringify(k), ":");
        path.push(k);
        _write((v as Record<string, unknown>)[k], out, path);
        path.pop();
      });
      return void out.push("}");
    }
    default:
      throw invalid(`${formatPath(path)} is a ${typeof v}, which JSON cannot hold`);
  }
}

/**
 * SHA-256 of a string's UTF-8 bytes, as lowercase hex.
 *
 * @example
 * ```ts
 * import { sha256Hex } from "./canonical_json.ts";
 * if (sha256Hex("") !== "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") throw new Error();
 * ```
 */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
