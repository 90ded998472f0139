/**
 * Exporting a model version as a versioned bundle: a self-contained
 * JavaScript predictor, its types, fixtures and self-test, an optional
 * SQL scoring query, a manifest of hashes, and a `.tar.gz` of it all.
 * @module
 */
export * from "./export_bundle.ts";
export * from "./render_bundle.ts";
export * from "./write_bundle.ts";
export * from "./bundle_manifest.ts";
export * from "./bundle_api.ts";
export * from "./predictor_source.ts";
export * from "./predictor_types.ts";
export * from "./selftest_source.ts";
export type { SelftestReport } from "./selftest_runtime.ts";
export * from "./score_sql.ts";
export * from "./bundle_readme.ts";
export * from "./tar_gz.ts";
