/**
 * The request and response bodies of the prediction service, as zod
 * schemas: the same objects validate requests and generate `/openapi.json`.
 * Feature values are checked per model (see `row_schema.ts`), so a row here
 * is any object.
 *
 * @module
 */
import { z } from "@hono/zod-openapi";

/** A class label or category level: text, a number or true/false. */
export const LabelSchema = z.union([z.string(), z.number(), z.boolean()]).openapi("Label");

/** An id a client gives a row, to post its outcome later under it. */
export const RowIdSchema = z.string().min(1).max(128).openapi({
  description: "Your id for the row (1-128 characters); a fresh one is made when absent",
  example: "order-7781",
});

/**
 * One row of features, keyed by feature name. Only its being an object is
 * checked here (a record schema would walk every key): the model's own row
 * schema (`<name>.features` in `/openapi.json`) checks the keys and values.
 */
export const FeatureRowSchema = z.custom<Record<string, unknown>>(
  (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  { message: "expected an object of features" },
).openapi("FeatureRow", {
  type: "object",
  additionalProperties: { type: ["number", "string", "boolean", "null"] },
  description: "Feature name → value (a number, a category level, true/false, or null when " +
    "unknown). Each model's features are the schema `<name>.features`, and GET /v1/models/{name}.",
  example: { temp_max: 11.1, temp_min: 5.6, wind: 4.2, season: "winter" },
});

/** `{"features": {…}}`: one row. */
export const PredictRowRequestSchema = z.object({
  id: RowIdSchema.optional(),
  features: FeatureRowSchema,
}).strict().openapi("PredictRowRequest");

/** `{"rows": [{…}, …]}`: several rows, answered in order. */
export const PredictRowsRequestSchema = z.object({
  ids: z.array(RowIdSchema).optional().openapi({ description: "One id per row, in order" }),
  rows: z.array(FeatureRowSchema).min(1),
}).strict().openapi("PredictRowsRequest");

/** A prediction request: one row or several. */
export const PredictRequestSchema = z.union([PredictRowRequestSchema, PredictRowsRequestSchema])
  .openapi("PredictRequest");

/** What `ratchet predict --format json` prints for a row, with the row's id first. */
export const PredictionSchema = z.object({
  id: z.string().openapi({ description: "The row's id: post its outcome under it" }),
  prediction: LabelSchema.openapi({
    description: "The predicted value, or the most probable class",
  }),
  probabilities: z.record(z.string(), z.number()).optional().openapi({
    description: "Each class's probability, keyed by label (classifiers only)",
  }),
}).openapi("Prediction");

/** The answer to a one-row request. */
export const PredictRowResponseSchema = z.object({
  model: z.string(),
  version: z.number().int(),
  ...PredictionSchema.shape,
}).openapi("PredictRowResponse");

/** The answer to a several-row request. */
export const PredictRowsResponseSchema = z.object({
  model: z.string(),
  version: z.number().int(),
  predictions: z.array(PredictionSchema),
}).openapi("PredictRowsResponse");

/** Every refusal and failure: a message saying what is wrong and how to fix it. */
export const ErrorSchema = z.object({ error: z.string() }).openapi("Error");

/** What really happened for one row. */
export const OutcomeSchema = z.object({
  id: RowIdSchema,
  outcome: LabelSchema.openapi({ description: "The true value or class of the row" }),
}).strict().openapi("Outcome");

/** `{"outcomes": [{"id", "outcome"}, …]}`: several outcomes. */
export const OutcomeListSchema = z.object({ outcomes: z.array(OutcomeSchema).min(1) }).strict()
  .openapi("OutcomeList");

/** `{"id", "outcome"}` or `{"outcomes": [{"id", "outcome"}, …]}`. */
export const OutcomeRequestSchema = z.union([OutcomeSchema, OutcomeListSchema]).openapi(
  "OutcomeRequest",
);

/** Outcomes accepted for the prediction log. */
export const OutcomeResponseSchema = z.object({
  model: z.string(),
  accepted: z.number().int(),
}).openapi("OutcomeResponse");

/** A model as the service holds it. */
export const ModelInfoSchema = z.object({
  name: z.string(),
  version: z.number().int().openapi({ description: "The champion version answering requests" }),
  task: z.enum(["regression", "binary", "multiclass"]),
  labels: z.array(LabelSchema),
  features: z.array(z.object({
    name: z.string(),
    type: z.enum(["number", "category", "boolean"]),
    levels: z.array(LabelSchema).optional(),
  })),
  challenger: z.number().int().nullable().openapi({
    description: "The challenger version predicting in shadow, if any",
  }),
}).openapi("ModelInfo");

/** The tensor data types of the Open Inference Protocol that ratchet reads and writes. */
export const DatatypeSchema = z.enum([
  "BOOL",
  "UINT8",
  "UINT16",
  "UINT32",
  "UINT64",
  "INT8",
  "INT16",
  "INT32",
  "INT64",
  "FP16",
  "FP32",
  "FP64",
  "BYTES",
]).openapi("Datatype");

/** An input tensor of an inference request: one per feature. */
export const InferInputSchema = z.object({
  name: z.string().openapi({ description: "A feature name" }),
  shape: z.array(z.number().int().min(0)).openapi({ description: "[rows] or [rows, 1]" }),
  datatype: DatatypeSchema,
  data: z.array(z.unknown()).openapi({ description: "The rows' values, flat or nested" }),
  parameters: z.record(z.string(), z.unknown()).optional(),
}).openapi("InferInput");

/** An Open Inference Protocol (v2) inference request. */
export const InferRequestSchema = z.object({
  id: RowIdSchema.optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  inputs: z.array(InferInputSchema).min(1),
  outputs: z.array(z.object({
    name: z.string(),
    parameters: z.record(z.string(), z.unknown()).optional(),
  })).optional(),
}).openapi("InferRequest");

/** An output tensor: `predict` (labels or values) or `predict_proba` (rows × classes). */
export const InferOutputSchema = z.object({
  name: z.string(),
  shape: z.array(z.number().int()),
  datatype: DatatypeSchema,
  data: z.array(z.union([z.number(), z.string(), z.boolean()])),
}).openapi("InferOutput");

/** An Open Inference Protocol (v2) inference response. */
export const InferResponseSchema = z.object({
  model_name: z.string(),
  model_version: z.string(),
  id: z.string(),
  outputs: z.array(InferOutputSchema),
}).openapi("InferResponse");

/** A tensor as model metadata describes it. */
export const TensorMetadataSchema = z.object({
  name: z.string(),
  datatype: DatatypeSchema,
  shape: z.array(z.number().int()),
}).openapi("TensorMetadata");

/** Model metadata of the Open Inference Protocol (v2). */
export const ModelMetadataSchema = z.object({
  name: z.string(),
  versions: z.array(z.string()),
  platform: z.string(),
  inputs: z.array(TensorMetadataSchema),
  outputs: z.array(TensorMetadataSchema),
}).openapi("ModelMetadata");
