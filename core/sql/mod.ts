/**
 * Helpers for plugins that compile models to SQL.
 * @module
 */
export * from "./sql_number.ts";
