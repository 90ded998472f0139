/**
 * Test helpers: the plugin contract kit, scikit-learn parity plumbing and
 * Deno subprocesses.
 * @module
 */
export * from "./check_plugin.ts";
export * from "./python.ts";
export * from "./evaluate_sql.ts";
export * from "./run_deno_script.ts";
