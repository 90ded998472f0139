/**
 * Whether a model can be back-tested in SQL.
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import { outputsSql } from "./sql_outputs.ts";
import { preprocessingSql } from "./sql_preprocessing.ts";

/**
 * `true` when the model can be written in SQL — its plugin has `toSQL`, and
 * every feature and preprocessing step has a SQL form — or the error saying
 * what blocks it (`--engine auto` then uses JavaScript; `--engine sql`
 * fails with it). The SQL is written once to find out.
 *
 * @example
 * ```ts
 * import { sqlSupport } from "./sql_support.ts";
 * import { compileModel } from "../model/mod.ts";
 * import { PluginRegistry } from "../contract/mod.ts";
 * import { builtinPlugins } from "../../plugins/mod.ts";
 * const artifact = {
 *   format: "ratchet.model/v1", plugin: { id: "linear", version: "^1.0.0" }, task: "regression",
 *   features: [{ name: "x", type: "number" }], target: { name: "y" }, preprocessing: [],
 *   coefficients: { intercept: 0, weights: [2] }, hyperparameters: {},
 *   provenance: { created: "2026-01-01", source: "example" },
 * } as const;
 * const model = compileModel(structuredClone(artifact) as never, new PluginRegistry(builtinPlugins));
 * if (sqlSupport(model) !== true) throw new Error();
 * ```
 */
export function sqlSupport(model: CompiledModel): true | RatchetError {
  try {
    outputsSql(model, preprocessingSql(model).inputs, "'a row'", 0);
    return true;
  } catch (e) {
    if (!(e instanceof RatchetError)) throw e;
    if (e.kind === "unsupported") return e;
    return new RatchetError(
      "unsupported",
      `The SQL engine cannot back-test ${model.label}: ${e.message}; use --engine js`,
      { cause: e },
    );
  }
}
