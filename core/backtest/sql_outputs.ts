/**
 * A model's outputs in SQL: the plugin's `toSQL` over the preprocessed
 * inputs, and the refusal of a non-finite output, as `predictTable` words it.
 *
 * @module
 */
import { quoteString } from "../data/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import type { SqlCheck } from "./sql_check.ts";
import { nonFiniteSql, sqlText } from "./sql_js_text.ts";

/** The outputs in SQL, and their checks. */
export interface OutputsSql {
  /** One SQL expression per output (width), in output order. */
  readonly outputs: string[];
  /** One check per output, ranks from `rank` on: the JavaScript engine checks output by output. */
  readonly checks: SqlCheck[];
}

/**
 * The model's outputs over the SQL of its inputs; `outputs` are then
 * selected as `_o0, _o1, …`, which the checks refer to. Throws a
 * `RatchetError` when the plugin has no SQL form or cannot write this model.
 *
 * @example
 * ```ts ignore
 * const { outputs, checks } = outputsSql(model, ["_p3", "_p4"], "concat('row ', _row + 1)", 7);
 * ```
 */
export function outputsSql(
  model: Pick<CompiledModel, "plugin" | "artifact" | "shape" | "width" | "label">,
  inputs: readonly string[],
  rowLabel: string,
  rank: number,
): OutputsSql {
  const plugin = model.plugin;
  if (!plugin.toSQL) {
    throw new RatchetError(
      "unsupported",
      `Plugin ${plugin.id} has no SQL form (toSQL), so the SQL engine cannot back-test ${model.label}: ` +
        "use --engine js (or auto, which picks it)",
    );
  }
  const outputs = plugin.toSQL(
    plugin.parse(model.artifact.coefficients, model.shape),
    model.shape,
    inputs,
  );
  if (outputs.length !== model.width) {
    throw new RatchetError(
      "internal",
      `Plugin ${plugin.id} wrote ${outputs.length} SQL outputs for ${model.label}, expected ${model.width}`,
    );
  }
  const checks = outputs.map((_, k): SqlCheck => ({
    rank: rank + k,
    when: `NOT isfinite(_o${k})`,
    message: sqlText`${quoteString(model.label)} produced a non-finite value (${
      nonFiniteSql(`_o${k}`)
    }) for ${rowLabel}; the model is unusable on this input`,
    nonFinite: `_o${k}`,
  }));
  return { outputs, checks };
}
