/**
 * Reports: a back-test as one self-contained HTML file with charts.
 *
 * @module
 */
export * from "./backtest_report.ts";
export * from "./report_page.ts";
