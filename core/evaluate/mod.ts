/**
 * Measuring a model on labelled rows, overall and per partition.
 * @module
 */
export * from "./evaluate_table.ts";
export * from "./summarize_partitions.ts";
