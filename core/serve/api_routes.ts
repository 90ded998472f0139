/**
 * The routes of the prediction service, declared once with their zod
 * schemas: `createServiceApp` registers each for `/openapi.json` and binds
 * its handler, which validates with the same schemas.
 *
 * @module
 */
import { createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import {
  ErrorSchema,
  InferRequestSchema,
  InferResponseSchema,
  ModelInfoSchema,
  ModelMetadataSchema,
  OutcomeRequestSchema,
  OutcomeResponseSchema,
  PredictRequestSchema,
  PredictRowResponseSchema,
  PredictRowsResponseSchema,
} from "./api_schemas.ts";

const _name = z.string().openapi({ param: { name: "name", in: "path" }, example: "churn" });
const _version = z.string().openapi({ param: { name: "version", in: "path" }, example: "3" });
const _model = z.object({ name: _name });
const _modelVersion = z.object({ name: _name, version: _version });

const _json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const _refusals = {
  400: _json(ErrorSchema, "Invalid JSON, or a missing, unknown or mistyped field (named)"),
  404: _json(ErrorSchema, "No such model or version"),
  413: _json(ErrorSchema, "The body or the number of rows is over the limit"),
  415: _json(ErrorSchema, "The body is not JSON"),
  500: _json(ErrorSchema, "The model produced a non-finite value for this input"),
};

const _predict = (path: string, params: typeof _model | typeof _modelVersion, summary: string) =>
  createRoute({
    method: "post",
    path,
    summary,
    description: "A row (`features`) or rows (`rows`) in; per row, the prediction and, for " +
      "classifiers, each class's probability, as `ratchet predict --format json` prints them, " +
      "with the row's id for posting its outcome later.",
    request: {
      params,
      body: { required: true, content: { "application/json": { schema: PredictRequestSchema } } },
    },
    responses: {
      200: _json(
        z.union([PredictRowResponseSchema, PredictRowsResponseSchema]),
        "The predictions, with the model name and the version that made them",
      ),
      ..._refusals,
    },
  });

const _infer = (path: string, params: typeof _model | typeof _modelVersion, summary: string) =>
  createRoute({
    method: "post",
    path,
    summary,
    description: "Open Inference Protocol (KServe, Seldon): one input tensor per feature, named " +
      "after it; outputs `predict` and, for classifiers, `predict_proba` (rows × classes).",
    request: {
      params,
      body: { required: true, content: { "application/json": { schema: InferRequestSchema } } },
    },
    responses: { 200: _json(InferResponseSchema, "The output tensors"), ..._refusals },
  });

const _metadata = (path: string, params: typeof _model | typeof _modelVersion) =>
  createRoute({
    method: "get",
    path,
    summary: "Model metadata (Open Inference Protocol): input and output tensors",
    request: { params },
    responses: {
      200: _json(ModelMetadataSchema, "Names, data types and shapes of the tensors"),
      404: _refusals[404],
    },
  });

const _health = (path: string, key: "live" | "ready", summary: string) =>
  createRoute({
    method: "get",
    path,
    summary,
    responses: {
      200: _json(z.object({ [key]: z.boolean() }), summary),
      ...(key === "ready" ? { 503: _json(z.object({ ready: z.boolean() }), "Shutting down") } : {}),
    },
  });

/** Every route of the service, by handler name. */
export const ROUTES = {
  models: createRoute({
    method: "get",
    path: "/v1/models",
    summary: "The models served: versions, features and labels",
    responses: { 200: _json(z.array(ModelInfoSchema), "One entry per model") },
  }),
  model: createRoute({
    method: "get",
    path: "/v1/models/{name}",
    summary: "One model: the version answering, its features and labels",
    request: { params: _model },
    responses: { 200: _json(ModelInfoSchema, "The model"), 404: _refusals[404] },
  }),
  predict: _predict("/v1/models/{name}/predict", _model, "Predict with the champion"),
  predictVersion: _predict(
    "/v1/models/{name}/versions/{version}/predict",
    _modelVersion,
    "Predict with one version",
  ),
  outcomes: createRoute({
    method: "post",
    path: "/v1/models/{name}/outcomes",
    summary: "Record what really happened for predicted rows",
    description: "Outcomes are written into the target column of the logged rows (dataset " +
      "`live-<name>`) at the next flush, so that `ratchet nowtest` scores live traffic.",
    request: {
      params: _model,
      body: { required: true, content: { "application/json": { schema: OutcomeRequestSchema } } },
    },
    responses: {
      202: _json(OutcomeResponseSchema, "Accepted for the next flush of the log"),
      409: _json(ErrorSchema, "The service runs without a prediction log"),
      ..._refusals,
    },
  }),
  server: createRoute({
    method: "get",
    path: "/v2",
    summary: "Server metadata (Open Inference Protocol)",
    responses: {
      200: _json(
        z.object({ name: z.string(), version: z.string(), extensions: z.array(z.string()) }),
        "The server's name, version and protocol extensions (none)",
      ),
    },
  }),
  live: _health("/v2/health/live", "live", "Whether the server is up"),
  ready: _health("/v2/health/ready", "ready", "Whether the server takes requests"),
  modelReady: createRoute({
    method: "get",
    path: "/v2/models/{name}/ready",
    summary: "Whether a model takes requests",
    request: { params: _model },
    responses: {
      200: _json(z.object({ name: z.string(), ready: z.boolean() }), "Ready"),
      404: _refusals[404],
    },
  }),
  metadata: _metadata("/v2/models/{name}", _model),
  metadataVersion: _metadata("/v2/models/{name}/versions/{version}", _modelVersion),
  infer: _infer("/v2/models/{name}/infer", _model, "Infer with the champion"),
  inferVersion: _infer(
    "/v2/models/{name}/versions/{version}/infer",
    _modelVersion,
    "Infer with one version",
  ),
  metrics: createRoute({
    method: "get",
    path: "/metrics",
    summary: "Prometheus metrics",
    responses: {
      200: {
        description: "Text exposition format 0.0.4",
        content: { "text/plain": { schema: z.string() } },
      },
    },
  }),
} satisfies Record<string, RouteConfig>;
