/**
 * Back-tests: a model judged partition by partition over a dataset's history.
 * @module
 */
export * from "./backtest.ts";
export * from "./diagnostics.ts";
export * from "./backtest_with_engine.ts";
export * from "./sql_backtest.ts";
