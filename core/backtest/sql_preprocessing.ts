/**
 * A model's features and preprocessing as SQL: one expression per plugin
 * input, equal to what `core/preprocess` computes (the same arithmetic in
 * the same order), and the rows it refuses, with the same messages.
 *
 * @module
 */
import { quoteString } from "../data/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import { formatPath } from "../json/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import { labelKey, MISSING, oneHotName, UNKNOWN } from "../preprocess/mod.ts";
import { sqlNumber } from "../sql/mod.ts";
import type { SqlCheck } from "./sql_check.ts";
import { featuresSql, type SqlFrameColumn } from "./sql_features.ts";
import { jsonSql, sqlText } from "./sql_js_text.ts";
import { featureSource, type SqlSource } from "./sql_source.ts";

/** A model's preprocessing in SQL. */
export interface PreprocessingSql {
  /**
   * Projections to apply in order over the source, each a list of
   * `expression AS alias` added to the columns before it
   * (`SELECT *, … FROM previous`); an empty one adds nothing. Aliases
   * start with `_p`.
   */
  readonly layers: string[][];
  /** The column of each plugin input after the last layer, in the order of `model.shape.inputs`. */
  readonly inputs: string[];
  /** The refusals, in the order the JavaScript engine raises them within a batch. */
  readonly checks: SqlCheck[];
  /**
   * For each input column that is NULL, NaN or infinite wherever a raw
   * value is (the raw number as read, or scaled), that raw value's SQL.
   * Through a plugin with `strict_outputs`, such a raw value's checks show
   * in the outputs (see `checkSuspectSql`).
   */
  readonly carries: ReadonlyMap<string, string>;
}

/**
 * The SQL of a model's features and preprocessing. Numbers are DOUBLE with
 * NULL for missing (or NaN, where the plugin does not take missing values,
 * which are then imputed or refused), booleans 0/1, categories level codes as `levelLookup`
 * gives them; impute fills NULL (and NaN) with COALESCE-like CASEs;
 * standard scale is `(x - mean) / scale`, min-max `x * scale + min` then
 * the clip, as in JavaScript; one-hot gives one 0/1 column per kept level.
 * An unknown category (handle_unknown `error`), a missing value without an
 * imputer and a value of the wrong kind are checks with the JavaScript
 * engine's messages. `source` names the raw columns (default: the features
 * by name, as {@linkcode featureSource} gives them).
 *
 * @example
 * ```ts ignore
 * const pre = preprocessingSql(model);
 * const sql = [
 *   `SELECT * FROM t`,
 *   ...pre.layers.filter((l) => l.length).map((layer) => `SELECT *, ${layer.join(", ")} FROM (…)`),
 * ];
 * ```
 */
export function preprocessingSql(
  model: Pick<CompiledModel, "artifact" | "label" | "plugin" | "preprocessor">,
  source: SqlSource = featureSource(model),
): PreprocessingSql {
  let next = 0;
  const alias = () => `_p${next++}`;
  const features = featuresSql(
    model.preprocessor.features,
    source,
    () => alias(),
    0,
    model.plugin.tags.handles_missing,
  );
  const frame = features.frame;
  const checks = [...features.checks];
  // Column SQL → the raw value it carries NULL, NaN and infinities of: a number read as it is
  // (or its NaN made NULL), then through the steps that keep them (the scalers' arithmetic).
  const carries = new Map<string, string>();
  for (const f of model.preprocessor.features) {
    const col = frame.get(f.name);
    if (f.type === "number" && col?.kind === "number" && source.kind(f.name) === "number") {
      carries.set(col.sql, source.column(f.name));
    }
  }
  const carry = (from: string, to: string, ...constants: number[]) => {
    const raw = carries.get(from);
    if (raw !== undefined && constants.every(Number.isFinite)) carries.set(to, raw);
  };
  let rank = model.preprocessor.features.length;
  // Columns that may still be missing: every feature, until an imputer or one-hot takes it.
  const mayMiss = new Set(frame.keys());
  const missing = (origin: string) =>
    sqlText`${source.rowLabel}${
      quoteString(
        `: feature ${
          JSON.stringify(origin)
        } is missing (empty or null) and ${model.label} has no ` +
          "imputer for it; fill in the value, or publish a version whose preprocessing imputes it",
      )
    }`;
  const layers = [features.select];
  (model.artifact.preprocessing ?? []).forEach((step, k) => {
    const layer: string[] = [];
    // A new alias for column `name`, computed by `expression` from the columns before this step.
    const set = (name: string, column: SqlFrameColumn, expression: string) => {
      const sql = alias();
      frame.set(name, { ...column, sql });
      layer.push(`${expression} AS ${sql}`);
    };
    const number = (c: string) => frame.get(c) as Extract<SqlFrameColumn, { kind: "number" }>;
    switch (step.type) {
      case "impute":
        step.columns.forEach((c, j) => {
          const col = frame.get(c)!, x = col.sql;
          mayMiss.delete(c);
          if (col.kind === "number") {
            const fill = sqlNumber(step.fill[j] as number);
            set(c, col, `CASE WHEN ${x} IS NULL OR isnan(${x}) THEN ${fill} ELSE ${x} END`);
          } else {
            const fill = col.levels.findIndex((l) => labelKey(l) === labelKey(step.fill[j]!));
            set(c, col, `CASE WHEN ${x} = ${MISSING} THEN ${fill} ELSE ${x} END`);
          }
        });
        break;
      case "standard_scale":
        step.columns.forEach((c, j) => {
          const m = sqlNumber(step.mean[j]!), s = sqlNumber(step.scale[j]!);
          const from = number(c).sql;
          set(c, number(c), `(${from} - ${m}) / ${s}`);
          // A zero scale would turn a finite value into NaN or ±∞, and nothing the other way.
          if (step.scale[j] !== 0) carry(from, number(c).sql, step.mean[j]!, step.scale[j]!);
        });
        break;
      case "minmax_scale":
        step.columns.forEach((c, j) => {
          const x = `(${number(c).sql} * ${sqlNumber(step.scale[j]!)} + ${
            sqlNumber(step.min[j]!)
          })`;
          const from = number(c).sql;
          if (!step.clip) {
            set(c, number(c), x);
            // x·scale + min: a NaN or NULL stays one, ±∞ stays ±∞ (or NaN when scale is 0).
            return carry(from, number(c).sql, step.scale[j]!, step.min[j]!);
          }
          // The clip makes ±∞ finite: nothing carried.
          const [lo, hi] = step.clip.map(sqlNumber);
          // NaN stays NaN, as in JavaScript (DuckDB orders NaN above every number).
          set(
            c,
            number(c),
            `CASE WHEN isnan(${x}) THEN ${x} WHEN ${x} < ${lo} THEN ${lo} WHEN ${x} > ${hi} THEN ${hi} ELSE ${x} END`,
          );
        });
        break;
      case "one_hot":
        step.columns.forEach((c, j) => {
          const col = frame.get(c) as Extract<SqlFrameColumn, { kind: "category" }>;
          checks.push(
            ..._oneHotChecks(col, rank++, step.handle_unknown, model.label, source, missing),
          );
          const drop = step.drop?.[j] ?? null;
          frame.delete(c);
          mayMiss.delete(c);
          col.levels.forEach((level, code) => {
            if (drop !== null && labelKey(level) === labelKey(drop)) return;
            const column = { kind: "number", sql: "", origin: col.origin } as const;
            set(
              oneHotName(c, level),
              column,
              `CASE WHEN ${col.sql} = ${code} THEN 1e0 ELSE 0e0 END`,
            );
          });
        });
        break;
      default:
        throw _noSql(step, k);
    }
    layers.push(layer);
  });
  const inputs = model.preprocessor.inputs.map((name) => frame.get(name)!.sql);
  if (!model.plugin.tags.handles_missing) {
    for (const name of model.preprocessor.inputs) {
      if (!mayMiss.has(name)) continue;
      const x = frame.get(name)!;
      checks.push({
        rank: rank++,
        when: `${x.sql} IS NULL OR isnan(${x.sql})`,
        message: missing(x.origin),
        nonFinite: x.sql,
      });
    }
  }
  return { layers, inputs, checks, carries };
}

function _oneHotChecks(
  col: Extract<SqlFrameColumn, { kind: "category" }>,
  rank: number,
  handleUnknown: "error" | "ignore",
  label: string,
  source: SqlSource,
  missing: (origin: string) => string,
): SqlCheck[] {
  const checks: SqlCheck[] = [{
    rank,
    when: `${col.sql} = ${MISSING}`,
    message: missing(col.origin),
  }];
  if (handleUnknown === "ignore") return checks;
  const shown = col.levels.slice(0, 8).map((l) => JSON.stringify(l)).join(", ") +
    (col.levels.length > 8 ? ", …" : "");
  const feature = quoteString(JSON.stringify(col.origin));
  const refusal = quoteString(
    `, which ${label} did not see in training (levels: ${shown}); its one-hot encoder refuses ` +
      "unknown values (handle_unknown: error)",
  );
  checks.push({
    rank,
    when: `${col.sql} = ${UNKNOWN}`,
    message: sqlText`${source.rowLabel}: feature ${feature} has the value ${
      jsonSql(col.raw, col.rawKind)
    }${refusal}`,
  });
  return checks;
}

function _noSql(step: never, k: number): RatchetError {
  const type = (step as { type: string }).type;
  return new RatchetError(
    "unsupported",
    `Preprocessing step ${formatPath(["preprocessing", k])} (${
      JSON.stringify(type)
    }) has no SQL form, ` +
      "so the SQL engine cannot back-test this model: use --engine js",
  );
}
