/**
 * Now-tests: a model judged on the newest window of a dataset — metrics
 * against its requirements, drift against its training window — with an
 * alarm when it fails.
 * @module
 */
export * from "./window_spec.ts";
export * from "./resolve_window.ts";
export * from "./resolve_reference.ts";
export * from "./window_profile.ts";
export * from "./column_drift.ts";
export * from "./measure_window.ts";
export * from "./nowtest_result.ts";
export * from "./nowtest_verdict.ts";
export * from "./nowtest.ts";
