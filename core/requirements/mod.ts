/**
 * Performance requirements as code: per model and metric a minimum (or
 * maximum), a mean and a range, checked against every evaluated partition,
 * measured against the champion as a baseline, and ratcheted upward only.
 *
 * @module
 */
export * from "./requirements.ts";
export * from "./validate_requirements.ts";
export * from "./json_schema.ts";
export * from "./requirements_file.ts";
export * from "./check_requirements.ts";
export * from "./measure_baseline.ts";
export * from "./loosens.ts";
export * from "./ratchet_requirements.ts";
export * from "./set_requirements.ts";
export * from "./init_requirements.ts";
export * from "./evaluation_input.ts";
export * from "./format_value.ts";
export * from "./baseline_shortfalls.ts";
export * from "./describe_change.ts";
export * from "./parse_metric_name.ts";
