/**
 * Input rows: CSV, JSON and JSON Lines readers over one table shape.
 * @module
 */
export * from "./table.ts";
export * from "./read_csv.ts";
export * from "./read_json_rows.ts";
export * from "./read_table.ts";
