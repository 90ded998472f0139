/**
 * The predictor contract: what a plugin is, how core finds one, and helpers
 * for writing one.
 * @module
 */
export * from "./plugin.ts";
export * from "./params.ts";
export * from "./coefficient_reader.ts";
export * from "./define_plugin.ts";
export * from "./registry.ts";
export * from "./js_source.ts";
