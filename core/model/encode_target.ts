/**
 * Reading a labelled table's target column as the metrics and `fit` need it:
 * a value for regression, a class index for classifiers.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import type { Label } from "../artifact/mod.ts";
import type { Task } from "../contract/mod.ts";
import { levelLookup, UNKNOWN } from "../preprocess/mod.ts";
import type { Table } from "../table/mod.ts";

/**
 * The target column as numbers. Missing targets, non-numeric regression
 * targets and labels the model does not know are errors naming the row.
 *
 * @example
 * ```ts
 * import { encodeTarget } from "./encode_target.ts";
 * import { readCsv } from "../table/mod.ts";
 * const y = encodeTarget(readCsv("y\nyes\nno\n"), "y", "binary", ["no", "yes"]);
 * if (y[0] !== 1 || y[1] !== 0) throw new Error();
 * ```
 */
export function encodeTarget(
  table: Table,
  name: string,
  task: Task,
  labels: readonly Label[],
): Float64Array {
  const col = table.column(name);
  if (col === undefined) {
    throw invalid(
      `The input has no target column ${JSON.stringify(name)}; name it with --target. Columns: ${
        table.names.join(", ")
      }`,
    );
  }
  const out = new Float64Array(table.n);
  const lookup = task === "regression" ? undefined : levelLookup(labels);
  let i = 0;
  if (col instanceof Float64Array) {
    // Numbers already (DuckDB): the loop below, which names the error, takes over at the first
    // value it would refuse.
    if (lookup) {
      for (; i < table.n; i++) {
        const code = lookup(col[i]);
        if (code === UNKNOWN) break;
        out[i] = code;
      }
    } else {
      for (; i < table.n; i++) {
        const x = col[i]!;
        if (x - x !== 0) break;
        out[i] = x;
      }
    }
  }
  for (; i < table.n; i++) {
    const v = col[i];
    if (
      v === null || v === undefined || (table.textual && typeof v === "string" && v.trim() === "")
    ) {
      throw invalid(
        `${table.rowLabel(i)}: the target ${
          JSON.stringify(name)
        } is missing; drop unlabelled rows first`,
      );
    }
    if (lookup) {
      const code = lookup(v);
      if (code === UNKNOWN) {
        throw invalid(
          `${table.rowLabel(i)}: target ${
            JSON.stringify(v)
          } is not a class of the model (classes: ${
            labels.map((l) => JSON.stringify(l)).join(", ")
          })`,
        );
      }
      out[i] = code;
    } else {
      const x = typeof v === "number"
        ? v
        : table.textual && typeof v === "string"
        ? Number(v.trim())
        : NaN;
      if (!Number.isFinite(x)) {
        throw invalid(`${table.rowLabel(i)}: target ${JSON.stringify(v)} is not a finite number`);
      }
      out[i] = x;
    }
  }
  return out;
}
