/**
 * Compiled models and their predictions.
 * @module
 */
export * from "./compile_model.ts";
export * from "./predictions.ts";
export * from "./encode_target.ts";
