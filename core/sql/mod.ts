/**
 * Helpers for plugins that compile models to SQL.
 * @module
 */
export * from "./sql_number.ts";
export * from "./float32_at_most_sql.ts";
