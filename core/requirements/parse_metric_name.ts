/**
 * Metric names typed by users (`--primary roc_auc`, `--min f1=0.6`).
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import type { MetricName } from "../metrics/mod.ts";
import { ALL_METRICS } from "./requirements.ts";

/**
 * Checks a metric name; an unknown one is refused with the list of names.
 * `what` says where it came from, for the message.
 *
 * @example
 * ```ts
 * import { parseMetricName } from "./parse_metric_name.ts";
 * if (parseMetricName("roc_auc", "--primary") !== "roc_auc") throw new Error();
 * let msg = "";
 * try { parseMetricName("auc", "--primary"); } catch (e) { msg = String(e); }
 * if (!msg.includes('--primary: unknown metric "auc"')) throw new Error(msg);
 * ```
 */
export function parseMetricName(text: string, what: string): MetricName {
  if ((ALL_METRICS as readonly string[]).includes(text)) return text as MetricName;
  throw invalid(
    `${what}: unknown metric ${JSON.stringify(text)}; metrics are ${ALL_METRICS.join(", ")}`,
  );
}
