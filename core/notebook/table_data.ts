/**
 * Tables in the kernel's worker: rows of objects (or a `sql` result) turned
 * into columns of plain values, kept whole for paging and sorting, sent a
 * page at a time. Rows a model scored carry the model and their input, row
 * by row, so that filtering, sorting or slicing them keeps it.
 *
 * @module
 */
import type {
  CellValue,
  InputValue,
  PageRequest,
  RowProvenance,
  TableColumn,
  TableOutput,
  TablePage,
  TableScoring,
} from "./cell_output.ts";

/** The model that scored a row, with the row's input and origin. */
export interface RowScore {
  /** `name@version`. */
  model: string;
  /** The model's name. */
  name: string;
  /** The model's version. */
  version: number;
  /** The model's features. */
  features: string[];
  /** The row's features. */
  input: Record<string, InputValue>;
  /** Where the row came from. */
  provenance: RowProvenance;
}

/** A whole table, as kept in the worker. */
export interface TableData {
  /** The columns. */
  columns: TableColumn[];
  /** Every row. */
  rows: CellValue[][];
  /** Per row, when one model scored every row. */
  scores?: RowScore[];
}

const _scores = new WeakMap<object, RowScore>();
const _COLUMNS = Symbol.for("ratchet.columns");

/** Marks a row object as scored by a model (see {@linkcode tableData}). */
export function markScored(row: object, score: RowScore): void {
  _scores.set(row, score);
}

/** Attaches column types (e.g. from SQL) to an array of rows. */
export function withColumns<T extends object[]>(rows: T, columns: TableColumn[]): T {
  Object.defineProperty(rows, _COLUMNS, { value: columns, enumerable: false });
  return rows;
}

/**
 * The table a value shows as, or undefined when it is not a table: an
 * array of plain objects (or one with columns attached).
 *
 * @example
 * ```ts
 * import { tableData } from "./table_data.ts";
 * const t = tableData([{ a: 1, b: "x" }, { a: 2, c: new Date(0) }])!;
 * if (t.columns.map((c) => `${c.name}:${c.type}`).join() !== "a:number,b:string,c:date") throw new Error();
 * if (t.rows[1]![2] !== "1970-01-01T00:00:00.000Z" || t.rows[1]![1] !== null) throw new Error();
 * ```
 */
export function tableData(value: unknown): TableData | undefined {
  if (!Array.isArray(value)) return undefined;
  const given = (value as unknown as Record<symbol, TableColumn[] | undefined>)[_COLUMNS];
  if (!given && (value.length === 0 || !value.every(_isRecord))) return undefined;
  const names = given ? given.map((c) => c.name) : _names(value as Record<string, unknown>[]);
  const rows = (value as Record<string, unknown>[]).map((r) => names.map((n) => cellValue(r[n])));
  const columns = given ?? names.map((name, j) => ({ name, type: _type(rows, j) }));
  const scores = value.map((r) => _isRecord(r) ? _scores.get(r) : undefined);
  const first = scores[0];
  const same = first !== undefined && scores.every((s) => s?.model === first.model);
  return same ? { columns, rows, scores: scores as RowScore[] } : { columns, rows };
}

/**
 * A value as a table shows it: numbers, strings, booleans and null as they
 * are (non-finite numbers as null), dates as ISO strings, big integers as
 * numbers when exact, anything else as JSON.
 *
 * @example
 * ```ts
 * import { cellValue } from "./table_data.ts";
 * if (cellValue(2n) !== 2 || cellValue(NaN) !== null || cellValue({ a: 1 }) !== '{"a":1}') throw new Error();
 * ```
 */
export function cellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "bigint") {
    return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(v)
      : String(v);
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/**
 * The output message of a table: its first `maxRows` rows.
 *
 * @example
 * ```ts
 * import { tableData, tableOutput } from "./table_data.ts";
 * const out = tableOutput(tableData([{ a: 1 }, { a: 2 }, { a: 3 }])!, 2);
 * if (out.rows.length !== 2 || out.total !== 3) throw new Error();
 * ```
 */
export function tableOutput(data: TableData, maxRows: number): TableOutput {
  const page = tablePage(data, { offset: 0, limit: maxRows });
  const out: TableOutput = {
    type: "table",
    columns: page.columns,
    rows: page.rows,
    total: page.total,
  };
  if (page.scoring) out.scoring = page.scoring;
  return out;
}

/**
 * A page of a table, sorted by a column if asked (nulls last, ties in the
 * table's order).
 *
 * @example
 * ```ts
 * import { tableData, tablePage } from "./table_data.ts";
 * const t = tableData([{ a: 2 }, { a: null }, { a: 3 }, { a: 1 }])!;
 * const page = tablePage(t, { offset: 0, limit: 3, sort: { column: "a", descending: true } });
 * if (page.rows.map((r) => r[0]).join() !== "3,2,1") throw new Error();
 * ```
 */
export function tablePage(data: TableData, request: PageRequest): TablePage {
  let order = data.rows.map((_, i) => i);
  if (request.sort) {
    const j = data.columns.findIndex((c) => c.name === request.sort!.column);
    if (j < 0) throw new Error(`No column ${request.sort.column} in this table`);
    const sign = request.sort.descending ? -1 : 1;
    order = order.sort((a, b) => _compare(data.rows[a]![j]!, data.rows[b]![j]!, sign) || a - b);
  }
  const offset = Math.max(0, Math.floor(request.offset));
  const picked = order.slice(offset, offset + Math.max(0, Math.floor(request.limit)));
  const page: TablePage = {
    columns: data.columns,
    rows: picked.map((i) => data.rows[i]!),
    total: data.rows.length,
    offset,
  };
  if (data.scores) page.scoring = _scoring(data.scores, picked);
  return page;
}

function _scoring(scores: RowScore[], picked: number[]): TableScoring {
  const { model, name, version, features } = scores[0]!;
  return {
    model,
    name,
    version,
    features,
    rows: picked.map((i) => ({ input: scores[i]!.input, provenance: scores[i]!.provenance })),
  };
}

function _compare(a: CellValue, b: CellValue, sign: number): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === "number" && typeof b === "number") return sign * (a - b);
  return sign * (String(a) < String(b) ? -1 : 1);
}

function _isRecord(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function _names(rows: Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

function _type(rows: CellValue[][], j: number): TableColumn["type"] {
  const kinds = new Set<string>();
  for (const r of rows) {
    const v = r[j];
    if (v === null || v === undefined) continue;
    kinds.add(
      typeof v === "string" && /^\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?$/.test(v) ? "date" : typeof v,
    );
    if (kinds.size > 1) break;
  }
  const [kind] = kinds;
  if (kinds.size !== 1) return "other";
  return kind === "number" || kind === "string" || kind === "boolean" || kind === "date"
    ? kind
    : "other";
}
