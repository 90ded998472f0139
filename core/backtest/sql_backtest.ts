/**
 * The SQL engine of back-tests (pushdown): DuckDB computes predictions and
 * metrics in place. Being written; until then `auto` uses JavaScript and
 * `sql` says so.
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import type { Project } from "../project/mod.ts";
import type { ModelRef } from "../store/mod.ts";
import type { BacktestOptions, BacktestResult } from "./backtest.ts";

/**
 * Whether a model can be back-tested in SQL: `true`, or the error saying why not.
 *
 * @example
 * ```ts ignore
 * const support = sqlSupport(model);
 * ```
 */
export function sqlSupport(model: CompiledModel): true | RatchetError {
  return new RatchetError(
    "unsupported",
    `The SQL engine cannot back-test ${model.label} yet: use --engine js`,
  );
}

/**
 * Back-tests in DuckDB SQL.
 *
 * @example
 * ```ts ignore
 * const result = await sqlBacktest(project, ref, "seattle", {});
 * ```
 */
export function sqlBacktest(
  _project: Project,
  ref: ModelRef,
  _dataset: string,
  _options: BacktestOptions,
): Promise<BacktestResult> {
  return Promise.reject(
    new RatchetError(
      "unsupported",
      `The SQL engine cannot back-test ${ref.name} yet: use --engine js`,
    ),
  );
}
