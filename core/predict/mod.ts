/**
 * Ad-hoc predictions: formatting outputs for files and pipes.
 * @module
 */
export * from "./format_predictions.ts";
