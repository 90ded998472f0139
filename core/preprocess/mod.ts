/**
 * Preprocessing that core applies before any plugin: typed feature columns,
 * impute, scale, one-hot.
 * @module
 */
export * from "./level_lookup.ts";
export * from "./feature_column.ts";
export * from "./preprocessor.ts";
export { COMPILE_STEP_JS, oneHotName } from "./compile_step.ts";
