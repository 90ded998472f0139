/**
 * What the service's handlers share: the models, the log, the metrics, the
 * limits, and the one step every prediction takes (predict, count, shadow,
 * log), whichever protocol asked.
 *
 * @module
 */
import type { ModelPool } from "./model_pool.ts";
import type { PredictionLog } from "./prediction_log.ts";
import { checkRows, type FieldLabel } from "./row_schema.ts";
import type { ServedModel } from "./served_model.ts";
import type { ServiceLimits } from "./service_limits.ts";
import type { ServiceMetrics } from "./service_metrics.ts";

/** The state of a running service app. */
export interface ServiceContext {
  /** The models answering. */
  readonly models: ModelPool;
  /** Where predictions and outcomes are logged; undefined when they are not. */
  readonly log: PredictionLog | undefined;
  /** The metrics of `/metrics`. */
  readonly metrics: ServiceMetrics;
  /** Request limits. */
  readonly limits: ServiceLimits;
  /** Makes a fresh row or request id. */
  readonly newId: () => string;
  /** The clock. */
  readonly now: () => Date;
  /** Whether `/v2/health/ready` answers ready. */
  readonly ready: () => boolean;
}

/**
 * Predicts checked rows with `served`; counts them; lets the challenger
 * (when one runs in shadow and `shadow` is true) predict them too, without
 * letting it change or fail the answer; logs them. Returns the outputs.
 * `label` names fields in errors.
 *
 * @example
 * ```ts ignore
 * const outputs = predictAndLog(ctx, served, rows, ids, label, true);
 * ```
 */
export function predictAndLog(
  ctx: ServiceContext,
  served: ServedModel,
  rows: readonly Record<string, unknown>[],
  ids: readonly string[],
  label: FieldLabel,
  shadow: boolean,
): Float64Array {
  const outputs = served.predict(rows, label);
  const n = rows.length;
  ctx.metrics.predictions(served, "served", outputs, n);
  const challenger = shadow ? ctx.models.challenger(served.name) : undefined;
  let shadowed: { model: ServedModel; outputs: Float64Array } | undefined;
  if (challenger !== undefined && challenger.version !== served.version) {
    try {
      checkRows(challenger.rows, rows, label, challenger.name);
      shadowed = { model: challenger, outputs: challenger.predict(rows, label) };
      ctx.metrics.predictions(challenger, "shadow", shadowed.outputs, n);
    } catch {
      // Whatever the challenger does, the champion's answer stands; the metric tells.
      ctx.metrics.shadowErrors.inc([served.name]);
    }
  }
  ctx.log?.record({ model: served, ids, rows, outputs, time: ctx.now(), shadow: shadowed });
  return outputs;
}

/**
 * A source of ids unique across restarts: a random prefix per process and
 * a counter, cheaper than a UUID per row.
 *
 * @example
 * ```ts
 * import { idMaker } from "./service_context.ts";
 * const next = idMaker();
 * const a = next(), b = next();
 * if (a === b || a.split("-")[0] !== b.split("-")[0]) throw new Error(`${a} ${b}`);
 * ```
 */
export function idMaker(): () => string {
  const prefix = Array.from(
    crypto.getRandomValues(new Uint8Array(6)),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
  let count = 0;
  return () => `${prefix}-${(++count).toString(36)}`;
}
