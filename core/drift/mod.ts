/**
 * Drift between a reference window and the current one.
 * @module
 */
export * from "./population_stability.ts";
export * from "./feature_drift.ts";
