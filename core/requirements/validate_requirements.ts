/**
 * Reading requirements: strict JSON, the zod schema, then what a schema
 * cannot say (does a metric apply to the model's task?). Every error names
 * the file and the JSON path.
 *
 * @module
 */
import type { z } from "zod";
import type { Task } from "../contract/mod.ts";
import { invalid } from "../errors/mod.ts";
import { formatPath, parseJson } from "../json/mod.ts";
import { LOWER_IS_BETTER, type MetricName, metricsFor } from "../metrics/mod.ts";
import { ALL_METRICS, type Requirements } from "./requirements.ts";
import { RequirementsSchema } from "./schema.ts";

/** Options of {@linkcode validateRequirements}. */
export interface ValidateRequirementsOptions {
  /** The model's task, when known: every metric named must apply to it. */
  task?: Task;
}

/**
 * Checks a parsed requirements document. Refuses NaN or infinite numbers,
 * unknown metrics, `min` on a lower-is-better metric (or `max` on a
 * higher-is-better one), inverted ranges and, given a task, metrics that do
 * not apply to it.
 *
 * @example
 * ```ts
 * import { validateRequirements } from "./validate_requirements.ts";
 * const ok = validateRequirements({
 *   format: "ratchet.requirements/v1", primary: "roc_auc",
 *   metrics: { roc_auc: { min: 0.7 }, log_loss: { max: 0.5 } }, history: [],
 * }, "requirements.json", { task: "binary" });
 * if (ok.metrics.roc_auc?.min !== 0.7) throw new Error();
 * let msg = "";
 * try {
 *   validateRequirements({ ...ok, metrics: { rmse: { min: 1 } } }, "requirements.json");
 * } catch (e) { msg = String(e); }
 * if (!msg.includes("$.metrics.rmse.min: rmse is better when lower: use max, not min")) throw new Error(msg);
 * ```
 */
export function validateRequirements(
  value: unknown,
  source: string,
  options: ValidateRequirementsOptions = {},
): Requirements {
  const result = RequirementsSchema.safeParse(value);
  if (!result.success) {
    throw invalid(`Invalid requirements ${source}: ${_describe(result.error)}`);
  }
  const requirements = result.data as Requirements;
  if (options.task !== undefined) _checkTask(requirements, options.task, source);
  return requirements;
}

/**
 * Parses requirements text strictly (no duplicate keys, no NaN, no number
 * overflowing to Infinity) and validates it.
 *
 * @example
 * ```ts
 * import { parseRequirements } from "./validate_requirements.ts";
 * let msg = "";
 * try {
 *   parseRequirements('{"format": "ratchet.requirements/v1", "primary": "r2",\n"metrics": {"r2": {"min": NaN}}, "history": []}', "m/requirements.json");
 * } catch (e) { msg = String(e); }
 * if (!msg.includes("m/requirements.json") || !msg.includes("$.metrics.r2.min")) throw new Error(msg);
 * ```
 */
export function parseRequirements(
  text: string,
  source: string,
  options: ValidateRequirementsOptions = {},
): Requirements {
  return validateRequirements(parseJson(text, { source }), source, options);
}

function _describe(error: z.ZodError): string {
  const lines: string[] = [];
  for (const issue of error.issues) {
    const path = issue.path as (string | number)[];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) lines.push(_unknownKey(path, key));
    } else if (issue.code === "invalid_type" && /^-?(NaN|Infinity)$/.test(_received(issue))) {
      lines.push(`${formatPath(path)}: ${_received(issue)} is not allowed; write a finite number`);
    } else {
      lines.push(`${formatPath(path)}: ${issue.message}`);
    }
  }
  const more = lines.length > 5 ? ` (and ${lines.length - 5} more)` : "";
  return lines.slice(0, 5).join("; ") + more;
}

function _received(issue: z.core.$ZodIssue): string {
  return String((issue as { received?: unknown }).received ?? "");
}

function _unknownKey(path: (string | number)[], key: string): string {
  const where = formatPath([...path, key]);
  if (path.length === 1 && path[0] === "metrics") {
    return `${where}: unknown metric ${JSON.stringify(key)}; metrics are ${ALL_METRICS.join(", ")}`;
  }
  const metric = path.length === 2 && path[0] === "metrics" ? String(path[1]) : undefined;
  if (metric !== undefined && (key === "min" || key === "max")) {
    const lower = LOWER_IS_BETTER.has(metric as MetricName);
    return `${where}: ${metric} is better when ${lower ? "lower" : "higher"}: use ${
      lower ? "max" : "min"
    }, not ${key}`;
  }
  return `${where}: unknown key ${JSON.stringify(key)}`;
}

function _applies(metric: MetricName, task: Task): boolean {
  return metricsFor(task).includes(metric) && !(metric === "brier" && task === "multiclass");
}

function _checkTask(requirements: Requirements, task: Task, source: string): void {
  const fail = (path: (string | number)[], metric: MetricName) => {
    const known = metricsFor(task).filter((m) => _applies(m, task));
    return invalid(
      `Invalid requirements ${source}: ${
        formatPath(path)
      }: ${metric} does not apply to a ${task} model; its metrics are ${known.join(", ")}`,
    );
  };
  if (!_applies(requirements.primary, task)) throw fail(["primary"], requirements.primary);
  for (const metric of Object.keys(requirements.metrics) as MetricName[]) {
    if (!_applies(metric, task)) throw fail(["metrics", metric], metric);
  }
  for (const metric of Object.keys(requirements.baseline?.metrics ?? {}) as MetricName[]) {
    if (!_applies(metric, task)) throw fail(["baseline", "metrics", metric], metric);
  }
}
