/**
 * How an input's columns differ from a dataset's: a dataset keeps one schema,
 * so a difference is reported, never silently unioned.
 *
 * @module
 */
import type { DatasetColumn, DatasetColumnType } from "./dataset.ts";

/** A column as an input file has it; `empty` when every value is missing. */
export interface ComparedColumn {
  /** Its name. */
  name: string;
  /** Its dataset type. */
  type: DatasetColumnType;
  /** True when every value is missing: such a column fits any type. */
  empty?: boolean;
}

/**
 * The differences between a dataset's columns and an input's, one line each:
 * columns added, missing, or whose type changed. Empty when they agree.
 * Order does not matter; a column whose values are all missing fits any type.
 *
 * @example
 * ```ts
 * import { schemaDifferences } from "./schema_differences.ts";
 * const diff = schemaDifferences(
 *   [{ name: "date", type: "date" }, { name: "x", type: "number" }, { name: "y", type: "string" }],
 *   [{ name: "date", type: "date" }, { name: "x", type: "string" }, { name: "z", type: "boolean" }],
 * );
 * if (diff.join("; ") !== "column x changed type: number → string; missing column y (string); added column z (boolean)") {
 *   throw new Error(diff.join("; "));
 * }
 * ```
 */
export function schemaDifferences(
  dataset: readonly DatasetColumn[],
  input: readonly ComparedColumn[],
): string[] {
  const out: string[] = [];
  const theirs = new Map(input.map((c) => [c.name, c]));
  const ours = new Set(dataset.map((c) => c.name));
  for (const c of dataset) {
    const other = theirs.get(c.name);
    if (!other) out.push(`missing column ${c.name} (${c.type})`);
    else if (other.type !== c.type && !other.empty) {
      out.push(`column ${c.name} changed type: ${c.type} → ${other.type}`);
    }
  }
  for (const c of input) if (!ours.has(c.name)) out.push(`added column ${c.name} (${c.type})`);
  return out;
}
