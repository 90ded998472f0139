/**
 * The zod schema of the model artifact: the single source of its runtime
 * checks and of `schema/model.schema.json`. The types users read are the
 * interfaces in `artifact.ts`; the check at the end keeps the two equal.
 *
 * @module
 */
import { z } from "zod";
import {
  type Artifact,
  ARTIFACT_FORMAT,
  type ArtifactBody,
  type Feature,
  type ImputeStep,
  type Label,
  type MinMaxScaleStep,
  type OneHotStep,
  type Provenance,
  type StandardScaleStep,
  type Step,
  type Target,
} from "./artifact.ts";

const finite = z.number().refine(Number.isFinite, "expected a finite number");
const name = z.string().min(1).max(255);

/** A category level or class label: a string, number or boolean. */
export const LabelSchema = z.union([z.string(), finite, z.boolean()]);

/** One input feature, in the order rows are described. */
export const FeatureSchema = z.object({
  name: name.describe("column name in the input rows"),
  type: z.enum(["number", "category", "boolean"]),
  levels: z.array(LabelSchema).optional().describe("category levels, in encoder order"),
  description: z.string().optional(),
}).strict();

/** What the model predicts. */
export const TargetSchema = z.object({
  name: name.describe("the target column in labelled data"),
  labels: z.array(LabelSchema).optional().describe("class labels in output order (classifiers)"),
  positive: LabelSchema.optional().describe(
    "the positive class of a binary classifier, for metrics",
  ),
}).strict();

const columns = z.array(name).min(1);

/** Fills missing values (scikit-learn `SimpleImputer`), one fill value per column. */
export const ImputeStepSchema = z.object({
  type: z.literal("impute"),
  columns,
  strategy: z.enum(["mean", "median", "most_frequent", "constant"]),
  fill: z.array(LabelSchema),
}).strict();

/** `x → (x - mean) / scale` (scikit-learn `StandardScaler`). */
export const StandardScaleStepSchema = z.object({
  type: z.literal("standard_scale"),
  columns,
  mean: z.array(finite),
  scale: z.array(finite),
}).strict();

/** `x → x * scale + min`, optionally clipped (scikit-learn `MinMaxScaler`). */
export const MinMaxScaleStepSchema = z.object({
  type: z.literal("minmax_scale"),
  columns,
  min: z.array(finite),
  scale: z.array(finite),
  clip: z.tuple([finite, finite]).nullable().optional(),
}).strict();

/**
 * One 0/1 column per level of each category column, named `column=level`
 * (scikit-learn `OneHotEncoder`); `drop` names a level left out per column.
 */
export const OneHotStepSchema = z.object({
  type: z.literal("one_hot"),
  columns,
  handle_unknown: z.enum(["error", "ignore"]),
  drop: z.array(LabelSchema.nullable()).optional(),
}).strict();

/** A preprocessing step that core applies before the plugin. */
export const StepSchema = z.discriminatedUnion("type", [
  ImputeStepSchema,
  StandardScaleStepSchema,
  MinMaxScaleStepSchema,
  OneHotStepSchema,
]);

/** Where a version came from. Extra keys are kept. */
export const ProvenanceSchema = z.object({
  created: z.string().describe("ISO 8601 time the coefficients were learned or exported"),
  source: z.string().describe("what produced it, e.g. 'scikit-learn 1.2.1' or 'ratchet train'"),
  estimator: z.string().optional().describe("the source library's class name"),
  dataset: z.string().optional(),
  window: z.object({ from: z.string(), to: z.string() }).strict().optional(),
  rows: z.number().int().nonnegative().optional(),
  candidate: z.boolean().optional().describe("published by a search, not yet challenged"),
  note: z.string().optional(),
}).catchall(z.unknown());

const hyper = z.union([z.string(), finite, z.boolean(), z.null()]);

/** Everything of an artifact except its identity (name, version, hash). */
export const ArtifactBodySchema = z.object({
  format: z.literal(ARTIFACT_FORMAT),
  description: z.string().optional(),
  plugin: z.object({
    id: z.string().min(1),
    version: z.string().min(1).describe("semver range of the plugin code, e.g. ^1.0.0"),
  }).strict(),
  task: z.enum(["regression", "binary", "multiclass"]),
  features: z.array(FeatureSchema).min(1),
  target: TargetSchema,
  preprocessing: z.array(StepSchema).default([]),
  inputs: z.array(name).optional().describe(
    "the columns the plugin receives, in order; default: features with one-hot columns in place",
  ),
  coefficients: z.unknown().describe("the plugin's own block; its parse() validates it"),
  hyperparameters: z.record(z.string(), hyper).default({}),
  provenance: ProvenanceSchema,
}).strict();

/** A published artifact: the body plus name, version and SHA-256. */
export const ArtifactSchema = ArtifactBodySchema.extend({
  name: name.describe("model name"),
  version: z.number().int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).describe(
    "SHA-256 of the canonical JSON without this key",
  ),
}).strict();

// artifact.ts spells these types out because deno doc cannot show zod's
// inferred ones; this fails to compile the moment the two disagree.
type _Flat<T> = { [K in keyof T]: T[K] };
type _Same<A, B> = (<T>() => T extends _Flat<A> ? 1 : 2) extends
  (<T>() => T extends _Flat<B> ? 1 : 2) ? true
  : false;
const _inSync: [
  _Same<Label, z.infer<typeof LabelSchema>>,
  _Same<Feature, z.infer<typeof FeatureSchema>>,
  _Same<Target, z.infer<typeof TargetSchema>>,
  _Same<ImputeStep, z.infer<typeof ImputeStepSchema>>,
  _Same<StandardScaleStep, z.infer<typeof StandardScaleStepSchema>>,
  _Same<MinMaxScaleStep, z.infer<typeof MinMaxScaleStepSchema>>,
  _Same<OneHotStep, z.infer<typeof OneHotStepSchema>>,
  _Same<Step, z.infer<typeof StepSchema>>,
  _Same<Provenance, z.infer<typeof ProvenanceSchema>>,
  _Same<ArtifactBody, z.infer<typeof ArtifactBodySchema>>,
  _Same<Artifact, z.infer<typeof ArtifactSchema>>,
] = [true, true, true, true, true, true, true, true, true, true, true];
