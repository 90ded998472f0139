/**
 * Test helpers: the plugin contract kit, scikit-learn parity plumbing and
 * Deno subprocesses.
 * @module
 */
export * from "./check_plugin.ts";
export * from "./check_js_source.ts";
export * from "./check_strict_outputs.ts";
export * from "./python.ts";
export * from "./evaluate_sql.ts";
export * from "./run_deno_script.ts";
