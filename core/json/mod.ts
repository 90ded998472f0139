/**
 * Strict JSON parsing and canonical JSON hashing.
 * @module
 */
export * from "./parse_json.ts";
export * from "./canonical_json.ts";
export * from "./pretty_json.ts";
export * from "./scalar_spans.ts";
