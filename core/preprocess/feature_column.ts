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

/** Code of a missing category value. */
export const MISSING: -1 = -1;
/** Code of a category value that is not one of the feature's levels. */
export const UNKNOWN: -2 = -2;

/** A numeric column: NaN marks a missing value. */
export interface NumberColumn {
  /** Tags a numeric column. */
  readonly kind: "number";
  /** One value per row; booleans are 0/1. */
  readonly values: Float64Array;
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

/**
 * How a label is keyed for lookups: `s:a`, `n:3`, `b:true`.
 *
 * @example
 * ```ts
 * import { labelKey } from "./feature_column.ts";
 * if (labelKey(3) !== "n:3" || labelKey("3") !== "s:3" || labelKey(true) !== "b:true") throw new Error();
 * ```
 */
export function labelKey(v: Label): string {
  return typeof v === "string" ? `s:${v}` : typeof v === "number" ? `n:${v}` : `b:${v}`;
}

/**
 * A lookup from raw values to level codes that accepts "3" for the level 3 and vice versa.
 *
 * @example
 * ```ts
 * import { levelLookup, UNKNOWN } from "./feature_column.ts";
 * const code = levelLookup([3, "basic"]);
 * if (code(3) !== 0 || code("3") !== 0 || code("basic") !== 1 || code("pro") !== UNKNOWN) throw new Error();
 * ```
 */
export function levelLookup(levels: readonly Label[]): (v: unknown) => number {
  const map = new Map<string, number>();
  levels.forEach((l, k) => map.set(labelKey(l), k));
  return (v) => {
    if (typeof v === "string") {
      const s = map.get(`s:${v}`);
      if (s !== undefined) return s;
      const t = v.trim();
      if (t !== "" && Number.isFinite(Number(t))) {
        const n = map.get(`n:${Number(t)}`);
        if (n !== undefined) return n;
      }
      if (t === "true" || t === "false") return map.get(`b:${t}`) ?? UNKNOWN;
      return UNKNOWN;
    }
    if (typeof v === "number" || typeof v === "boolean") {
      return map.get(labelKey(v)) ?? map.get(`s:${v}`) ?? UNKNOWN;
    }
    return UNKNOWN;
  };
}

function _describe(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v);
  if (Array.isArray(v)) return "an array";
  if (v !== null && typeof v === "object") return "an object";
  return String(v);
}

/**
 * Reads feature `f` of every row of `table` into a typed column.
 *
 * @example
 * ```ts
 * import { readFeature } from "./feature_column.ts";
 * import { tableFromRows } from "../table/mod.ts";
 * const col = readFeature(tableFromRows([{ age: 3 }, { age: null }]), { name: "age", type: "number" }, "m@1");
 * if (col.kind !== "number" || col.values[0] !== 3 || !Number.isNaN(col.values[1])) throw new Error();
 * ```
 */
export function readFeature(table: Table, f: Feature, model: string): FrameColumn {
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
    // Already numeric (DuckDB, tests): copy, keeping NaN as missing.
    const values = raw.slice(0, n);
    for (let i = 0; i < n; i++) {
      if (values[i]! - values[i]! !== 0 && values[i] === values[i]) {
        throw wrong(i, "a finite number");
      }
    }
    return { kind: "number", values };
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
