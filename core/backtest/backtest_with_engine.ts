/**
 * Choosing the back-test engine: JavaScript, or DuckDB SQL when the model
 * compiles to SQL (`--engine js|sql|auto`).
 *
 * @module
 */
import type { Project } from "../project/mod.ts";
import type { ModelRef } from "../store/mod.ts";
import { backtest, type BacktestOptions, type BacktestResult } from "./backtest.ts";
import { sqlBacktest, sqlSupport } from "./sql_backtest.ts";

/** Options of {@linkcode backtestWithEngine}. */
export interface EngineOptions extends BacktestOptions {
  /** `js`, `sql`, or `auto` (SQL when the model can be written in SQL). */
  engine?: "js" | "sql" | "auto";
}

/**
 * Runs the back-test with the engine asked for. `sql` on a model that
 * cannot be written in SQL is an error naming why; `auto` then uses `js`.
 *
 * @example
 * ```ts ignore
 * const result = await backtestWithEngine(project, parseModelRef("rain-tomorrow"), "seattle", { engine: "auto" });
 * ```
 */
export async function backtestWithEngine(
  project: Project,
  ref: ModelRef,
  dataset: string,
  options: EngineOptions = {},
): Promise<BacktestResult> {
  const engine = options.engine ?? "auto";
  if (engine === "js") return await backtest(project, ref, dataset, options);
  const model = project.model(ref);
  const support = sqlSupport(model);
  if (support !== true) {
    if (engine === "sql") throw support;
    return await backtest(project, ref, dataset, options);
  }
  return await sqlBacktest(project, ref, dataset, options);
}
