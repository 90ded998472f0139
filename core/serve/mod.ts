/**
 * The prediction service: published model versions over HTTP (a JSON API
 * and the Open Inference Protocol v2), with input validation, Prometheus
 * metrics, a prediction log that now-tests read, champion reloads and a
 * challenger in shadow.
 * @module
 */
export * from "./create_service_app.ts";
export * from "./start_service.ts";
export * from "./model_pool.ts";
export * from "./served_model.ts";
export * from "./row_schema.ts";
export * from "./prediction_log.ts";
export * from "./log_rows.ts";
export * from "./log_columns.ts";
export * from "./log_writer.ts";
export * from "./log_schema.ts";
export * from "./service_metrics.ts";
export * from "./prometheus.ts";
export * from "./service_limits.ts";
export * from "./scan_json.ts";
export * from "./read_json_body.ts";
