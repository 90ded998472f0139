/**
 * Turning one raw input column into a typed feature column: numbers into a
 * `Float64Array` (NaN = missing), booleans into 0/1, categories into level
 * codes. Every refusal names the row, the feature and the value.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import type { Feature, Label } from "../artifact/mod.ts";
import type { Table } from "../table/mod.ts";
import { levelLookup, MISSING } from "./level_lookup.ts";

/** A numeric column: NaN marks a missing value. */
export interface NumberColumn {
  /** Tags a numeric column. */
  readonly kind: "number";
  /** One value per row; booleans are 0/1. */
  readonly values: Float64Array;
  /**
   * The first row whose value is missing, -1 when none: set when the column
   * was read `readOnly` from numbers, so that it holds for good.
   */
  readonly firstMissing?: number;
}

/** Options of {@linkcode readFeature}. */
export interface ReadOptions {
  /**
   * The caller never writes into the values read, so a `Float64Array`
   * column of the table comes back as it is, not copied. By default the
   * values are the caller's own to change.
   */
  readonly readOnly?: boolean;
}

/** A category column: codes index the levels; {@linkcode MISSING} and {@linkcode UNKNOWN} otherwise. */
export interface CategoryColumn {
  /** Tags a category column. */
  readonly kind: "category";
  /** One level index per row, or {@linkcode MISSING} / {@linkcode UNKNOWN}. */
  readonly codes: Int32Array;
  /** The feature's levels, which the codes index. */
  readonly levels: readonly Label[];
  /** The raw values, to name an unknown one in an error. */
  readonly raw: ArrayLike<unknown>;
}

/** A column of the preprocessing frame. */
export type FrameColumn = NumberColumn | CategoryColumn;

function _describe(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v);
  if (Array.isArray(v)) return "an array";
  if (v !== null && typeof v === "object") return "an object";
  return String(v);
}

/**
 * Reads feature `f` of every row of `table` into a typed column. It never
 * writes into the table's columns.
 *
 * @example
 * ```ts
 * import { readFeature } from "./feature_column.ts";
 * import { tableFromColumns, tableFromRows } from "../table/mod.ts";
 * const col = readFeature(tableFromRows([{ age: 3 }, { age: null }]), { name: "age", type: "number" }, "m@1");
 * if (col.kind !== "number" || col.values[0] !== 3 || !Number.isNaN(col.values[1])) throw new Error();
 * const ages = Float64Array.of(3, NaN);
 * const shared = readFeature(tableFromColumns({ age: ages }, 2), { name: "age", type: "number" }, "m@1", { readOnly: true });
 * if (shared.kind !== "number" || shared.values !== ages || shared.firstMissing !== 1) throw new Error();
 * ```
 */
export function readFeature(
  table: Table,
  f: Feature,
  model: string,
  options: ReadOptions = {},
): FrameColumn {
  const raw = table.column(f.name);
  if (raw === undefined) {
    const have = table.names.slice(0, 12).join(", ") + (table.names.length > 12 ? ", …" : "");
    throw invalid(
      `The input lacks column ${
        JSON.stringify(f.name)
      }, which ${model} needs (${f.type}). Input columns: ${have || "none"}`,
    );
  }
  const n = table.n;
  const wrong = (i: number, expected: string) =>
    invalid(
      `${table.rowLabel(i)}: feature ${JSON.stringify(f.name)} expects ${expected}, found ${
        _describe(raw[i])
      }`,
    );
  const absent = (i: number) =>
    invalid(
      `${table.rowLabel(i)}: the row lacks feature ${
        JSON.stringify(f.name)
      }; give null for a missing value`,
    );
  if (f.type === "category") {
    const codes = new Int32Array(n);
    const lookup = levelLookup(f.levels ?? []);
    for (let i = 0; i < n; i++) {
      const v = raw[i];
      if (v === undefined) throw absent(i);
      if (v === null || (table.textual && v === "")) codes[i] = MISSING;
      else if (typeof v === "object") throw wrong(i, "a category level (string or number)");
      else codes[i] = lookup(v);
    }
    return { kind: "category", codes, levels: f.levels ?? [], raw };
  }
  if (raw instanceof Float64Array && f.type === "number") {
    // Already numeric (DuckDB, tests): NaN is missing, ±Infinity an error.
    const values = !options.readOnly
      ? raw.slice(0, n)
      : raw.length === n
      ? raw
      : raw.subarray(0, n);
    let firstMissing = -1;
    for (let start = 0; start < n; start += _BLOCK) {
      const end = Math.min(n, start + _BLOCK);
      if (_allFinite(values, start, end)) continue;
      for (let i = start; i < end; i++) {
        const x = values[i]!;
        if (x - x !== 0) {
          if (x === x) throw wrong(i, "a finite number");
          if (firstMissing < 0) firstMissing = i;
        }
      }
    }
    return options.readOnly ? { kind: "number", values, firstMissing } : { kind: "number", values };
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = raw[i];
    if (v === undefined) throw absent(i);
    if (v === null) {
      values[i] = NaN;
      continue;
    }
    if (f.type === "number") {
      if (typeof v === "number") values[i] = v;
      else if (table.textual && typeof v === "string") {
        const t = v.trim();
        if (t === "") values[i] = NaN;
        else {
          const x = Number(t);
          if (!Number.isFinite(x) || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) {
            throw wrong(i, "a finite number");
          }
          values[i] = x;
        }
      } else throw wrong(i, "a number");
      if (!Number.isFinite(values[i]!)) throw wrong(i, "a finite number");
    } else {
      if (typeof v === "boolean") values[i] = v ? 1 : 0;
      else if (v === 0 || v === 1) values[i] = v;
      else if (table.textual && typeof v === "string") {
        const t = v.trim().toLowerCase();
        if (t === "") values[i] = NaN;
        else if (t === "true" || t === "1") values[i] = 1;
        else if (t === "false" || t === "0") values[i] = 0;
        else throw wrong(i, "true or false");
      } else throw wrong(i, "true or false");
    }
  }
  return { kind: "number", values };
}

/** Rows whose finiteness {@linkcode _allFinite} checks at once. */
const _BLOCK = 1024;

/**
 * Whether rows `start … end - 1` all hold finite values. `x * 0` is 0 for a
 * finite `x` and NaN otherwise, so finite values sum to 0 in a loop without
 * branches (four sums, so that the additions overlap), which runs at the
 * speed memory delivers the values.
 */
function _allFinite(v: Float64Array, start: number, end: number): boolean {
  let a = 0, b = 0, c = 0, d = 0, i = start;
  for (; i + 3 < end; i += 4) {
    a += v[i]! * 0;
    b += v[i + 1]! * 0;
    c += v[i + 2]! * 0;
    d += v[i + 3]! * 0;
  }
  for (; i < end; i++) a += v[i]! * 0;
  return a + b + c + d === 0;
}

/**
 * This module's definitions as exported code embeds them (see `jsSource` in
 * core/contract), with {@linkcode LEVEL_LOOKUP_JS} and `RATCHET_ERROR_JS`:
 * a bundle reads and refuses features exactly as ratchet does.
 *
 * @example
 * ```ts
 * import { FEATURE_COLUMN_JS, LEVEL_LOOKUP_JS } from "./mod.ts";
 * import { RATCHET_ERROR_JS } from "../errors/mod.ts";
 * import { jsSource } from "../contract/mod.ts";
 * const source = jsSource(FEATURE_COLUMN_JS, LEVEL_LOOKUP_JS, RATCHET_ERROR_JS);
 * const read = new Function(`${source}\nreturn readFeature;`)();
 * const table = { n: 1, names: ["x"], textual: false, column: () => [2], rowLabel: () => "row 1" };
 * if (read(table, { name: "x", type: "number" }, "m@1").values[0] !== 2) throw new Error();
 * ```
 */
export const FEATURE_COLUMN_JS = { _BLOCK, readFeature, _describe, _allFinite };
