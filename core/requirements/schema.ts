/**
 * The zod schema of requirements files: the single source of their runtime
 * checks and of `schema/requirements.schema.json`. Each metric gets its own
 * object, holding `min` or `max` as its direction allows, so editors flag a
 * wrong keyword too.
 *
 * @module
 */
import { z } from "zod";
import { LOWER_IS_BETTER, type MetricName } from "../metrics/mod.ts";
import { ALL_METRICS, type Requirements, REQUIREMENTS_FORMAT } from "./requirements.ts";

const finite = z.number().refine(Number.isFinite, "expected a finite number");

const metricName = z.enum(ALL_METRICS as [MetricName, ...MetricName[]], {
  error: (issue) =>
    `unknown metric ${JSON.stringify(issue.input)}; metrics are ${ALL_METRICS.join(", ")}`,
});

const range = z.tuple([finite, finite]).superRefine(([lo, hi], ctx) => {
  if (lo > hi) {
    ctx.addIssue({
      code: "custom",
      message: `inverted range [${lo}, ${hi}]: the low bound is above the high one; write [lo, hi]`,
    });
  }
});

const minImprovement = finite.refine((v) => v >= 0, "must be ≥ 0 (it is a margin, not a bound)")
  .describe("how much a challenger must beat the champion by, in metric units");

const mean = finite.describe(
  "bound on the mean over partitions: ≥ when higher is better, ≤ when lower is better",
);
const rangeDoc = range.describe("every partition's value lies in [lo, hi]");

/** Thresholds of a metric where higher is better. */
export const HigherIsBetterSchema = z.strictObject({
  min: finite.optional().describe("every partition must reach at least this"),
  mean: mean.optional(),
  range: rangeDoc.optional(),
  min_improvement: minImprovement.optional(),
});

/** Thresholds of a metric where lower is better. */
export const LowerIsBetterSchema = z.strictObject({
  max: finite.optional().describe("every partition must stay at or below this"),
  mean: mean.optional(),
  range: rangeDoc.optional(),
  min_improvement: minImprovement.optional(),
});

const metricsShape = Object.fromEntries(
  ALL_METRICS.map((m) => [
    m,
    (LOWER_IS_BETTER.has(m) ? LowerIsBetterSchema : HigherIsBetterSchema).optional(),
  ]),
) as Record<
  MetricName,
  z.ZodOptional<typeof HigherIsBetterSchema> | z.ZodOptional<typeof LowerIsBetterSchema>
>;

const isoDate = z.string().refine(
  (s) =>
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) &&
    Number.isFinite(Date.parse(s)),
  "expected an ISO 8601 date, e.g. 2026-11-27 or 2026-11-27T10:00:00.000Z",
);

const sampleName = z.string().refine(
  (s) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s) && !s.includes(".."),
  "expected a file name beside requirements.json (no folders), e.g. evaluation.csv",
);

/** The sample `check` and `ratchet` measure on by default. */
export const EvaluationSampleSchema = z.strictObject({
  sample: sampleName.describe("a file beside requirements.json, e.g. evaluation.csv"),
  target: z.string().min(1).optional().describe("the label column; default: the model's target"),
  partition_by: z.string().min(1).optional().describe("the column naming partitions, e.g. month"),
});

/** What the champion measured. */
export const BaselineSchema = z.strictObject({
  version: z.number().int().min(1).describe("the champion's version"),
  measured: isoDate.describe("when it was measured"),
  data: z.strictObject({
    source: z.string().min(1).describe("the evaluation sample's file name or the input's path"),
    partition_by: z.string().min(1).optional(),
    partitions: z.number().int().min(1),
    rows: z.number().int().min(1),
    window: z.strictObject({ from: z.string(), to: z.string() }).optional().describe(
      "first and last partition label",
    ),
  }),
  metrics: z.partialRecord(
    metricName,
    z.strictObject({ min: finite, mean: finite, max: finite }).superRefine((m, ctx) => {
      if (m.min > m.max) {
        ctx.addIssue({ code: "custom", message: `min ${m.min} is above max ${m.max}` });
      }
    }),
  ).describe("per metric min, mean and max over partitions"),
});

const thresholdValue = z.union([finite, range]).nullable();

/** One entry of the append-only history. */
export const HistoryEntrySchema = z.strictObject({
  date: isoDate,
  action: z.enum(["init", "set", "ratchet", "lower"]).describe(
    "lower: some threshold was loosened or removed",
  ),
  reason: z.string().trim().min(1, "give a reason"),
  by: z.string().optional(),
  primary: z.strictObject({ from: metricName.nullable(), to: metricName }).optional(),
  changes: z.array(z.strictObject({
    metric: metricName,
    kind: z.enum(["min", "max", "mean", "range", "min_improvement"]),
    from: thresholdValue,
    to: thresholdValue,
  })),
});

/** A requirements file. */
export const RequirementsSchema = z.strictObject({
  format: z.literal(REQUIREMENTS_FORMAT),
  primary: metricName.describe("the metric that matters most"),
  metrics: z.strictObject(metricsShape).describe("thresholds per metric"),
  evaluation: EvaluationSampleSchema.optional(),
  baseline: BaselineSchema.optional(),
  history: z.array(HistoryEntrySchema),
});

// requirements.ts spells the type out for readers; this fails to compile the
// moment the schema accepts something the type does not describe.
const _fits: (v: z.infer<typeof RequirementsSchema>) => Requirements = (v) => v;
