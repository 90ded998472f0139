/**
 * Writing predictions as CSV, JSON or JSON Lines, one output row per input
 * row, in order. Numbers are written with round-trip precision.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import { predictionOf } from "../model/mod.ts";
import type { Table, TableFormat } from "../table/mod.ts";

/**
 * Quotes a CSV field when it holds a comma, quote or line break.
 *
 * @example
 * ```ts
 * import { csvField } from "./format_predictions.ts";
 * if (csvField("plain") !== "plain" || csvField(null) !== "") throw new Error();
 * if (csvField('say "hi", then go') !== '"say ""hi"", then go"') throw new Error();
 * ```
 */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Formats a batch of predictions. `keep` names input columns copied to the
 * output (e.g. an id), before the predictions.
 *
 * @example
 * ```ts
 * import { formatPredictions } from "./format_predictions.ts";
 * import { tableFromRows } from "../table/mod.ts";
 * const model = { task: "binary", labels: ["no", "yes"], width: 2 } as const;
 * const table = tableFromRows([{ id: 7 }, { id: 8 }]);
 * const csv = formatPredictions(model, Float64Array.of(0.8, 0.3, 0.2, 0.7), table, "csv", ["id"]);
 * if (csv !== "id,prediction,p_no,p_yes\n7,no,0.8,0.2\n8,yes,0.3,0.7\n") throw new Error(csv);
 * ```
 */
export function formatPredictions(
  model: Pick<CompiledModel, "task" | "labels" | "width">,
  outputs: Float64Array,
  table: Table,
  format: TableFormat,
  keep: readonly string[] = [],
): string {
  const kept = keep.map((name) => {
    const col = table.column(name);
    if (!col) {
      throw invalid(
        `--keep ${name}: the input has no column ${JSON.stringify(name)}; columns: ${
          table.names.join(", ")
        }`,
      );
    }
    return col;
  });
  const n = table.n;
  const keptValue = (j: number, i: number) => {
    const v = kept[j]![i];
    return v === undefined ? null : v;
  };
  if (format === "csv") {
    const header = [
      ...keep,
      "prediction",
      ...(model.task === "regression" ? [] : model.labels.map((l) => `p_${l}`)),
    ];
    const lines = [header.map(csvField).join(",")];
    for (let i = 0; i < n; i++) {
      const p = predictionOf(model, outputs, n, i);
      const fields = keep.map((_, j) => csvField(keptValue(j, i)));
      fields.push(csvField(p.prediction));
      for (let k = 0; model.task !== "regression" && k < model.width; k++) {
        fields.push(String(outputs[k * n + i]));
      }
      lines.push(fields.join(","));
    }
    return lines.join("\n") + "\n";
  }
  const objects: string[] = [];
  for (let i = 0; i < n; i++) {
    const row: Record<string, unknown> = {};
    keep.forEach((name, j) => (row[name] = keptValue(j, i)));
    Object.assign(row, predictionOf(model, outputs, n, i));
    objects.push(JSON.stringify(row));
  }
  if (format === "jsonl") return objects.map((o) => o + "\n").join("");
  return objects.length === 0 ? "[]\n" : "[\n" + objects.map((o) => "  " + o).join(",\n") + "\n]\n";
}
