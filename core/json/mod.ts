/**
 * Strict JSON parsing, canonical JSON hashing, and JSON text written piece by piece.
 * @module
 */
export * from "./parse_json.ts";
export * from "./canonical_json.ts";
export * from "./pretty_json.ts";
export * from "./scalar_spans.ts";
export * from "./json_number.ts";
