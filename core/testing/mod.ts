/**
 * Test helpers: the plugin contract kit and scikit-learn parity plumbing.
 * @module
 */
export * from "./check_plugin.ts";
export * from "./python.ts";
export * from "./evaluate_sql.ts";
