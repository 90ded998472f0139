/**
 * Training models with a plugin's `fit`.
 * @module
 */
export * from "./infer_schema.ts";
export * from "./train_model.ts";
export * from "./dataset_table.ts";
