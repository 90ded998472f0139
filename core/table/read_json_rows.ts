/**
 * Rows as JSON: an array of objects, one object, `{"rows": [...]}`, or JSON
 * Lines (one object a line). Parsed strictly (see `parseJson`).
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import { type Json, parseJson } from "../json/mod.ts";
import { type Table, tableFromRows } from "./table.ts";

function _asRow(v: Json, where: string): Record<string, Json> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    throw invalid(
      `${where}: expected an object of column values, found ${
        v === null ? "null" : Array.isArray(v) ? "an array" : typeof v
      }`,
    );
  }
  return v;
}

/**
 * Reads a JSON document of rows.
 *
 * @example
 * ```ts
 * import { readJsonRows } from "./read_json_rows.ts";
 * if (readJsonRows('[{"a": 1}, {"a": null}]').n !== 2) throw new Error();
 * if (readJsonRows('{"rows": [{"a": 1}]}').n !== 1) throw new Error();
 * if (readJsonRows('{"a": 1}').n !== 1) throw new Error();
 * ```
 */
export function readJsonRows(text: string, source = "JSON input"): Table {
  if (text.trim() === "") throw invalid(`${source} is empty: expected a JSON array of row objects`);
  const doc = parseJson(text, { source });
  let rows: Json[];
  if (Array.isArray(doc)) rows = doc;
  else if (
    doc !== null && typeof doc === "object" && Array.isArray(doc.rows) &&
    Object.keys(doc).length === 1
  ) {
    rows = doc.rows;
  } else rows = [doc];
  return tableFromRows(rows.map((r, i) => _asRow(r, `${source}: row ${i + 1}`)), { source });
}

/**
 * Reads JSON Lines: one row object per line; blank lines are skipped.
 *
 * @example
 * ```ts
 * import { readJsonLines } from "./read_json_rows.ts";
 * const t = readJsonLines('{"a": 1}\n\n{"a": 2}\n');
 * if (t.n !== 2 || t.rowLabel(1) !== "row 2 (line 3)") throw new Error(t.rowLabel(1));
 * ```
 */
export function readJsonLines(text: string, source?: string): Table {
  const label = source ?? "JSON Lines input";
  if (text.trim() === "") throw invalid(`${label} is empty: expected one JSON object per line`);
  const rows: Record<string, Json>[] = [];
  const lines: number[] = [];
  const all = text.split("\n");
  for (let k = 0; k < all.length; k++) {
    const line = all[k]!;
    if (line.trim() === "") continue;
    const where = `${label} line ${k + 1}`;
    rows.push(_asRow(parseJson(line, { source: where }), where));
    lines.push(k + 1);
  }
  return tableFromRows(rows, { lines, ...(source ? { source } : {}) });
}
