/**
 * The model artifact: schema, validation and identity.
 * @module
 */
export * from "./artifact.ts";
export * from "./validate_artifact.ts";
export * from "./json_schema.ts";
