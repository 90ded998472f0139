/**
 * The rows of the prediction log: one per predicted row, with the request
 * id, the time, the version that answered, every feature as sent, the
 * prediction (and class probabilities), the challenger's when one runs in
 * shadow, and the target column — named as the model names it, so that
 * `ratchet nowtest` scores the rows whose outcome was posted.
 *
 * @module
 */
import type { Label } from "../artifact/mod.ts";
import type { DatasetColumnType } from "../data/mod.ts";
import { invalid } from "../errors/mod.ts";
import type { ServedModel } from "./served_model.ts";

/** The log's time column, which partitions it by day. */
export const LOG_TIME = "request_time";

/** The column of each row's id, which outcomes are posted under. */
export const LOG_ID = "request_id";

/** The source the log's writes name in a dataset's history (one entry per kind of write). */
export const LOG_SOURCE = "the prediction log";

/** One column of the log: its name, dataset type and DuckDB type. */
export interface LogColumn {
  /** The column name. */
  readonly name: string;
  /** Its dataset type. */
  readonly type: DatasetColumnType;
  /** The DuckDB type it is written as. */
  readonly sql: "VARCHAR" | "DOUBLE" | "BOOLEAN" | "TIMESTAMP";
}

/** The log columns of a model version, and how its labels are written. */
export interface LogSchema {
  /** The columns, in order. */
  readonly columns: readonly LogColumn[];
  /** Identifies the columns: versions with the same key share a dataset. */
  readonly key: string;
  /** The target column (the model's target name), which holds posted outcomes. */
  readonly target: LogColumn;
  /** How a label (prediction or outcome) is written in this schema. */
  readonly label: (value: Label) => string | number | boolean;
}

const _SQL: Record<DatasetColumnType, LogColumn["sql"]> = {
  number: "DOUBLE",
  string: "VARCHAR",
  boolean: "BOOLEAN",
  date: "TIMESTAMP",
  timestamp: "TIMESTAMP",
};

/**
 * The log schema of a served model. A feature whose name the log uses
 * for its own columns is an error naming it.
 *
 * @example
 * ```ts
 * import { logSchema } from "./log_schema.ts";
 * const served = {
 *   name: "m",
 *   model: {
 *     task: "binary", labels: ["no", "yes"],
 *     artifact: { target: { name: "churned" } },
 *     preprocessor: { features: [{ name: "x", type: "number" }] },
 *   },
 * } as unknown as Parameters<typeof logSchema>[0];
 * const names = logSchema(served).columns.map((c) => c.name);
 * if (names.join() !== "request_id,request_time,model_version,x,prediction,p_no,p_yes,shadow_version,shadow_prediction,shadow_p_no,shadow_p_yes,churned") {
 *   throw new Error(names.join());
 * }
 * ```
 */
export function logSchema(served: ServedModel): LogSchema {
  const m = served.model;
  const labelType: DatasetColumnType = m.task === "regression" ||
      m.labels.every((l) => typeof l === "number")
    ? "number"
    : m.labels.every((l) => typeof l === "boolean")
    ? "boolean"
    : "string";
  const column = (name: string, type: DatasetColumnType): LogColumn => ({
    name,
    type,
    sql: _SQL[type],
  });
  const outputs = (prefix: string) => [
    column(`${prefix}prediction`, labelType),
    ...(m.task === "regression" ? [] : m.labels.map((l) => column(`${prefix}p_${l}`, "number"))),
  ];
  const target = column(m.artifact.target.name, labelType);
  const meta = [column(LOG_ID, "string"), column(LOG_TIME, "timestamp")];
  const features = m.preprocessor.features.map((f) =>
    column(f.name, f.type === "number" ? "number" : f.type === "boolean" ? "boolean" : "string")
  );
  const columns = [
    ...meta,
    column("model_version", "number"),
    ...features,
    ...outputs(""),
    column("shadow_version", "number"),
    ...outputs("shadow_"),
    target,
  ];
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.name)) {
      throw invalid(
        `Cannot log the predictions of ${served.name}@${served.version}: the log has its own ` +
          `column ${JSON.stringify(c.name)}, which is also a feature or target of the model; ` +
          `serve it with --no-log`,
      );
    }
    seen.add(c.name);
  }
  return {
    columns,
    key: JSON.stringify(columns.map((c) => [c.name, c.type])),
    target,
    label: labelType === "string" ? (v) => String(v) : (v) => v,
  };
}
