/**
 * What the prediction service counts for `/metrics`: requests and errors by
 * model, route and status; request latency; the distribution of what each
 * model predicts (rows per class label, or a histogram of values); model
 * swaps; the prediction log and outcomes.
 *
 * @module
 */
import { argmaxRow } from "../model/mod.ts";
import { Counter, Histogram, type HistogramSeries, type MetricFamily } from "./prometheus.ts";
import type { ServedModel } from "./served_model.ts";

/** Upper bounds of the latency histogram, in seconds. */
const _LATENCY = [
  0.0001,
  0.00025,
  0.0005,
  0.001,
  0.0025,
  0.005,
  0.01,
  0.025,
  0.05,
  0.1,
  0.25,
  0.5,
  1,
  2.5,
  10,
];

/** 1-2-5 steps from ±0.1 to ±100,000, and 0: regression outputs of any common scale. */
const _VALUES = (() => {
  const positive: number[] = [];
  for (let e = -1; e <= 5; e++) {
    for (const m of [1, 2, 5]) if (m * 10 ** e <= 1e5) positive.push(Number(`${m}e${e}`));
  }
  return [...positive.map((x) => -x).reverse(), 0, ...positive];
})();

/** A route's latency and its counts by status. */
interface _RouteSeries {
  latency: HistogramSeries;
  statuses: Map<number, { requests: { value: number }; errors: { value: number } | undefined }>;
}

/** Where a model's predictions are counted: one counter per label, or a histogram of values. */
type _OutputSeries = HistogramSeries | { value: number }[];

/** Whether a prediction came from the version answering or from the challenger in shadow. */
export type ModelRole = "served" | "shadow";

/**
 * The service's metrics.
 *
 * @example
 * ```ts
 * import { ServiceMetrics } from "./service_metrics.ts";
 * const m = new ServiceMetrics();
 * m.request("churn", "/v1/models/{name}/predict", 400, 0.0004);
 * const text = m.render();
 * if (!text.includes('ratchet_request_errors_total{model="churn",route="/v1/models/{name}/predict",status="400"} 1')) {
 *   throw new Error(text);
 * }
 * ```
 */
export class ServiceMetrics {
  /** Requests answered. */
  readonly requests: Counter = new Counter(
    "ratchet_requests_total",
    "HTTP requests answered, by model, route and status.",
    ["model", "route", "status"],
  );
  /** Requests answered with a 4xx or 5xx status. */
  readonly errors: Counter = new Counter(
    "ratchet_request_errors_total",
    "HTTP requests answered with a 4xx or 5xx status, by model, route and status.",
    ["model", "route", "status"],
  );
  /** Time from a request's arrival to its response. */
  readonly latency: Histogram = new Histogram(
    "ratchet_request_duration_seconds",
    "Time to answer a request, by model and route.",
    ["model", "route"],
    _LATENCY,
  );
  /** Classifiers: rows predicted per label. */
  readonly labels: Counter = new Counter(
    "ratchet_predicted_labels_total",
    "Rows a classifier predicted, by model, version, role (served, or shadow for a challenger) and label.",
    ["model", "version", "role", "label"],
  );
  /** Regression models: the values predicted. */
  readonly values: Histogram = new Histogram(
    "ratchet_predicted_values",
    "Values a regression model predicted, by model, version and role (served or shadow).",
    ["model", "version", "role"],
    _VALUES,
  );
  /** The version each served model answers with. */
  readonly versions: Counter = new Counter(
    "ratchet_model_version",
    "The version serving each model, by role (champion answers, challenger predicts in shadow).",
    ["model", "role"],
    "gauge",
  );
  /** Champion and challenger swaps. */
  readonly swaps: Counter = new Counter(
    "ratchet_model_swaps_total",
    "Times a model's champion or challenger was reloaded after its alias changed.",
    ["model", "role"],
  );
  /** Reloads that failed (the old version kept serving). */
  readonly reloadErrors: Counter = new Counter(
    "ratchet_model_reload_errors_total",
    "Times a changed alias named a version that could not be loaded; the old one kept serving.",
    ["model"],
  );
  /** Shadow predictions that failed. */
  readonly shadowErrors: Counter = new Counter(
    "ratchet_shadow_errors_total",
    "Requests the challenger could not predict (the champion's answer was sent).",
    ["model"],
  );
  /** Rows written to the prediction log. */
  readonly loggedRows: Counter = new Counter(
    "ratchet_log_rows_total",
    "Prediction rows written to the prediction log, by model.",
    ["model"],
  );
  /** Rows not logged because the log's backlog was full. */
  readonly droppedRows: Counter = new Counter(
    "ratchet_log_rows_dropped_total",
    "Prediction rows not logged because flushes kept failing and the backlog was full.",
    ["model"],
  );
  /** Rows waiting to be written. */
  readonly bufferedRows: Counter = new Counter(
    "ratchet_log_rows_buffered",
    "Prediction rows and outcomes held in memory until the next flush.",
    [],
    "gauge",
  );
  /** Flushes of the prediction log. */
  readonly flushes: Counter = new Counter(
    "ratchet_log_flushes_total",
    "Flushes of the prediction log, by result (ok or error).",
    ["result"],
  );
  /** Outcomes posted and what became of them. */
  readonly outcomes: Counter = new Counter(
    "ratchet_outcomes_total",
    "Outcomes by model and result: accepted when posted, then matched to a logged row or unmatched.",
    ["model", "result"],
  );

  #routes = new Map<string, Map<string, _RouteSeries>>();
  #outputs = new WeakMap<ServedModel, Record<ModelRole, _OutputSeries | undefined>>();

  /** Records one answered request. `model` is empty for routes of no model (or an unknown one). */
  request(model: string, route: string, status: number, seconds: number): void {
    let routes = this.#routes.get(model);
    if (routes === undefined) this.#routes.set(model, routes = new Map());
    let r = routes.get(route);
    if (r === undefined) {
      r = { latency: this.latency.series([model, route]), statuses: new Map() };
      routes.set(route, r);
    }
    let counts = r.statuses.get(status);
    if (counts === undefined) {
      const values = [model, route, String(status)];
      counts = {
        requests: this.requests.series(values),
        errors: status >= 400 ? this.errors.series(values) : undefined,
      };
      r.statuses.set(status, counts);
    }
    counts.requests.value++;
    if (counts.errors) counts.errors.value++;
    r.latency.observe(seconds);
  }

  /** Records the distribution of `n` rows a model predicted (`outputs` output-major). */
  predictions(served: ServedModel, role: ModelRole, outputs: Float64Array, n: number): void {
    const series = this.#series(served, role), m = served.model;
    if (!Array.isArray(series)) {
      for (let i = 0; i < n; i++) series.observe(outputs[i]!);
      return;
    }
    for (let i = 0; i < n; i++) series[argmaxRow(outputs, n, m.width, i)]!.value++;
  }

  #series(served: ServedModel, role: ModelRole): _OutputSeries {
    let byRole = this.#outputs.get(served);
    if (byRole === undefined) {
      this.#outputs.set(served, byRole = { served: undefined, shadow: undefined });
    }
    let series = byRole[role];
    if (series === undefined) {
      const m = served.model, values = [served.name, String(served.version), role];
      series = byRole[role] = m.task === "regression"
        ? this.values.series(values)
        : m.labels.map((l) => this.labels.series([...values, String(l)]));
    }
    return series;
  }

  /** The text of `/metrics`. */
  render(): string {
    const families: MetricFamily[] = [
      this.requests,
      this.errors,
      this.latency,
      this.labels,
      this.values,
      this.versions,
      this.swaps,
      this.reloadErrors,
      this.shadowErrors,
      this.loggedRows,
      this.droppedRows,
      this.bufferedRows,
      this.flushes,
      this.outcomes,
    ];
    return families.map((f) => f.render()).join("");
  }
}
