/**
 * Guessing a model's features and target from a labelled table, the way a
 * data scientist reads a CSV: numbers, true/false, or categories.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import type { Feature, Label } from "../artifact/mod.ts";
import type { Task } from "../contract/mod.ts";
import type { Table } from "../table/mod.ts";

/** What a column holds. */
export type ColumnKind = "number" | "boolean" | "category";

const _NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function _isMissing(v: unknown, textual: boolean): boolean {
  return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)) ||
    (textual && typeof v === "string" && v.trim() === "");
}

/**
 * The kind of a column: number when every present value is a finite number,
 * boolean when every one is true/false, category otherwise.
 *
 * @example
 * ```ts
 * import { columnKind } from "./infer_schema.ts";
 * import { readCsv } from "../table/mod.ts";
 * const t = readCsv("a,b,c\n1,true,x\n2.5,false,\n");
 * if (columnKind(t, "a") !== "number" || columnKind(t, "b") !== "boolean" || columnKind(t, "c") !== "category") throw new Error();
 * ```
 */
export function columnKind(table: Table, name: string): ColumnKind {
  const col = table.column(name);
  if (!col) {
    throw invalid(
      `The input has no column ${JSON.stringify(name)}; columns: ${table.names.join(", ")}`,
    );
  }
  let numbers = 0, booleans = 0, present = 0;
  for (let i = 0; i < table.n; i++) {
    const v = col[i];
    if (_isMissing(v, table.textual)) continue;
    present++;
    if (typeof v === "number" && Number.isFinite(v)) numbers++;
    else if (typeof v === "boolean") booleans++;
    else if (typeof v === "string" && table.textual) {
      const t = v.trim();
      if (_NUMBER.test(t) && Number.isFinite(Number(t))) numbers++;
      else if (/^(true|false)$/i.test(t)) booleans++;
    } else if (typeof v === "object") {
      throw invalid(
        `${table.rowLabel(i)}: column ${JSON.stringify(name)} holds ${
          Array.isArray(v) ? "an array" : "an object"
        }; values must be numbers, strings or booleans`,
      );
    }
  }
  if (present > 0 && numbers === present) return "number";
  if (present > 0 && booleans === present) return "boolean";
  return "category";
}

/**
 * The sorted distinct values of a column, as labels (numbers for numeric columns).
 *
 * @example
 * ```ts
 * import { distinctLabels } from "./infer_schema.ts";
 * import { readCsv } from "../table/mod.ts";
 * const table = readCsv("stars,plan\n10,pro\n9,basic\n10,\n");
 * if (distinctLabels(table, "stars", "number").join() !== "9,10") throw new Error();
 * if (distinctLabels(table, "plan", "category").join() !== "basic,pro") throw new Error();
 * ```
 */
export function distinctLabels(table: Table, name: string, kind: ColumnKind): Label[] {
  const col = table.column(name)!;
  const seen = new Map<string, Label>();
  for (let i = 0; i < table.n; i++) {
    const v = col[i];
    if (_isMissing(v, table.textual)) continue;
    const label: Label = kind === "number"
      ? Number(v)
      : kind === "boolean"
      ? (typeof v === "boolean" ? v : String(v).trim().toLowerCase() === "true")
      : String(v);
    seen.set(`${typeof label}:${label}`, label);
  }
  const labels = [...seen.values()];
  // Sorted as numpy's np.unique sorts, which is how scikit-learn orders classes.
  return kind === "category"
    ? (labels as string[]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    : kind === "boolean"
    ? (labels as boolean[]).sort((a, b) => Number(a) - Number(b))
    : (labels as number[]).sort((a, b) => a - b);
}

/**
 * Features for the named columns, with category levels sorted.
 *
 * @example
 * ```ts
 * import { inferFeatures } from "./infer_schema.ts";
 * import { readCsv } from "../table/mod.ts";
 * const [f] = inferFeatures(readCsv("plan\npro\nbasic\n"), ["plan"]);
 * if (f!.type !== "category" || f!.levels!.join() !== "basic,pro") throw new Error();
 * ```
 */
export function inferFeatures(table: Table, names: readonly string[]): Feature[] {
  return names.map((name) => {
    const kind = columnKind(table, name);
    if (kind !== "category") return { name, type: kind };
    const levels = distinctLabels(table, name, kind);
    if (levels.length === 0) {
      throw invalid(`Column ${JSON.stringify(name)} has no values; drop it with --exclude`);
    }
    return { name, type: "category", levels };
  });
}

/** The target of a training set: its task and class labels. */
export interface InferredTarget {
  /** Regression, or binary / multiclass by the number of distinct labels. */
  readonly task: Task;
  /** The sorted distinct target values (classifiers); empty for regression. */
  readonly labels: readonly Label[];
  /** What the target column holds. */
  readonly kind: ColumnKind;
}

/**
 * Decides the task from the target column and the plugin's tasks: numbers
 * mean regression unless the plugin only classifies (or `task` says
 * "classification"); anything else is classification, binary with two labels.
 *
 * @example
 * ```ts
 * import { inferTarget } from "./infer_schema.ts";
 * import { readCsv } from "../table/mod.ts";
 * const t = inferTarget(readCsv("y\nyes\nno\nyes\n"), "y", ["binary", "multiclass"]);
 * if (t.task !== "binary" || t.labels.join() !== "no,yes") throw new Error();
 * ```
 */
export function inferTarget(
  table: Table,
  name: string,
  pluginTasks: readonly Task[],
  wanted?: "regression" | "classification",
): InferredTarget {
  const kind = columnKind(table, name);
  const canRegress = pluginTasks.includes("regression");
  const canClassify = pluginTasks.includes("binary") || pluginTasks.includes("multiclass");
  const classify = wanted ? wanted === "classification" : kind !== "number" || !canRegress;
  if (!classify) {
    if (kind !== "number") {
      throw invalid(
        `Target ${JSON.stringify(name)} is not numeric, so it cannot be a regression target`,
      );
    }
    if (!canRegress) {
      throw invalid(`This plugin does not do regression; it serves ${pluginTasks.join(", ")}`);
    }
    return { task: "regression", labels: [], kind };
  }
  if (!canClassify) {
    throw invalid(
      `Target ${JSON.stringify(name)} is not numeric, and this plugin only does regression`,
    );
  }
  const labels = distinctLabels(table, name, kind);
  if (labels.length < 2) {
    throw invalid(
      `Target ${
        JSON.stringify(name)
      } has ${labels.length} distinct value(s); a classifier needs at least 2`,
    );
  }
  const task: Task = labels.length === 2 ? "binary" : "multiclass";
  if (!pluginTasks.includes(task)) {
    throw invalid(`This plugin does not serve ${task} classification`);
  }
  return { task, labels, kind };
}
