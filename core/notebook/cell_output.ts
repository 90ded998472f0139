/**
 * What a cell shows: the output messages the kernel sends and the web app
 * renders. Every message is plain data (JSON and structured-clone safe).
 *
 * @module
 */

/** A value of a table cell: dates are ISO strings, big integers numbers or strings. */
export type CellValue = number | string | boolean | null;

/** A value of a fixture input: what curation sends to the fixtures code. */
export type InputValue = string | number | boolean | null;

/** A column of a table output. */
export interface TableColumn {
  /** Its name. */
  name: string;
  /** How to show and sort it. */
  type: "number" | "string" | "boolean" | "date" | "other";
}

/** Where a scored row came from, for a fixture's provenance. */
export interface RowProvenance {
  /** The dataset the row was read from. */
  dataset?: string;
  /** The dataset partition holding it, e.g. `2015-03`. */
  partition?: string;
  /** The row's key, e.g. its date. */
  row_key?: string;
}

/** Which model scored a table's rows, and each row's input to it. */
export interface TableScoring {
  /** `name@version`. */
  model: string;
  /** The model's name. */
  name: string;
  /** The model's version. */
  version: number;
  /** The model's input features, in order. */
  features: string[];
  /** Parallel to the table's rows: each row's features and where it came from. */
  rows: { input: Record<string, InputValue>; provenance: RowProvenance }[];
}

/** A table: rows of arrays or objects, or a `sql` result. */
export interface TableOutput {
  /** Always `table`. */
  type: "table";
  /** The columns, in order. */
  columns: TableColumn[];
  /** The first rows (up to the kernel's `maxRows`), each a value per column. */
  rows: CellValue[][];
  /** How many rows the whole table has: page through it with `Kernel.tablePage`. */
  total: number;
  /** Present when a model scored the rows (so each may become a fixture). */
  scoring?: TableScoring;
}

/** An input control: its value comes back through `Kernel.setInput`. */
export interface InputOutput {
  /** Always `input`. */
  type: "input";
  /** The control's key within its cell: its label. */
  key: string;
  /** Which control. */
  control: "slider" | "select" | "text";
  /** What the control is called on the page. */
  label: string;
  /** Its current value. */
  value: number | string;
  /** Slider: the smallest value. */
  min?: number;
  /** Slider: the largest value. */
  max?: number;
  /** Slider: the step between values. */
  step?: number;
  /** Select: the choices. */
  options?: string[];
}

/**
 * One output of a cell:
 * - `text`: a value as `Deno.inspect` shows it (a string as it is);
 * - `log`: a `console.log`/`warn`/`error` line;
 * - `markdown`: `md` output rendered to safe HTML (raw HTML escaped);
 * - `html`: `html` output, UNTRUSTED: render it in a sandboxed frame;
 * - `plot`: a Plot figure's markup (`<svg…>` or `<figure…>`), rendered in
 *   the worker; user code can build elements too, so sandbox it as well;
 * - `table` and `input`, above.
 */
export type CellOutput =
  | { type: "text"; text: string }
  | { type: "log"; level: "log" | "warn" | "error"; text: string }
  | { type: "markdown"; html: string }
  | { type: "html"; html: string }
  | { type: "plot"; html: string }
  | TableOutput
  | InputOutput;

/** A page of a table output, sorted as asked. */
export interface TablePage {
  /** The columns. */
  columns: TableColumn[];
  /** The rows of the page. */
  rows: CellValue[][];
  /** Rows in the whole table. */
  total: number;
  /** Index (in the sorted table) of the page's first row. */
  offset: number;
  /** Present when a model scored the rows: parallel to this page's rows. */
  scoring?: TableScoring;
}

/** Which page of a table output to send. */
export interface PageRequest {
  /** Index of the first row. */
  offset: number;
  /** Rows at most. */
  limit: number;
  /** Sorts the whole table by a column first (nulls last). */
  sort?: { column: string; descending?: boolean };
}

/** Why a cell failed, with its line in the cell. */
export interface CellError {
  /** The error's class name, e.g. `TypeError`, or `Interrupted`. */
  name: string;
  /** Its message. */
  message: string;
  /** 1-based line in the cell's source, when the error points into it. */
  line?: number;
  /** 1-based column on that line. */
  column?: number;
  /** The stack, with this cell's frames written `cell <id>:LINE:COL`. */
  stack: string;
}
