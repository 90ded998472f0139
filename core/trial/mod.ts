/**
 * Trials: a challenger predicting in shadow beside the champion in the
 * prediction service, judged on the live rows whose outcomes arrived, with
 * the same metrics and evidence as a challenge.
 *
 * @module
 */
export * from "./trial_result.ts";
export * from "./trial_report.ts";
export * from "./trial_verdict.ts";
export * from "./live_log.ts";
export * from "./measure_live.ts";
export * from "./trial_html.ts";
