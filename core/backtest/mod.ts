/**
 * Back-tests: a model judged partition by partition over a dataset's history.
 * @module
 */
export * from "./backtest.ts";
export * from "./diagnostics.ts";
export * from "./backtest_with_engine.ts";
export * from "./sql_backtest.ts";
export * from "./sql_support.ts";
export * from "./sql_preprocessing.ts";
export * from "./sql_check.ts";
export * from "./sql_source.ts";
export type { SqlValueKind } from "./sql_js_text.ts";
export type { SqlGrouping } from "./sql_groups.ts";
