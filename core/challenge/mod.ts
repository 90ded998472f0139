/**
 * Challenges: a candidate judged against the champion on identical data,
 * with paired evidence (sign and Wilcoxon tests per partition, a bootstrap
 * interval on the pooled rows), a verdict by written rules, an HTML
 * report, and evidence files that `promote` reads.
 *
 * @module
 */
export * from "./challenge_result.ts";
export * from "./challenge.ts";
export * from "./challenge_verdict.ts";
export * from "./challenge_record.ts";
export * from "./compare_fixtures.ts";
export * from "./compare_primary.ts";
export * from "./paired_partitions.ts";
export * from "./find_regressions.ts";
export * from "./compare_requirements.ts";
export * from "./paired_rows.ts";
export * from "./paired_bootstrap.ts";
export * from "./sign_test.ts";
export * from "./wilcoxon_test.ts";
export * from "./normal_sf.ts";
export * from "./challenge_report.ts";
export * from "./challenge_summary.ts";
