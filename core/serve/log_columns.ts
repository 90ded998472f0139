/**
 * Log rows held column by column between flushes: numbers (and booleans,
 * and times in milliseconds) in growing `Float64Array`s, text as codes
 * into a per-column dictionary, row ids as they are. Recording a row then
 * writes a few array slots and leaves no object behind for the garbage
 * collector, and a flush hands the writer typed arrays to transfer, which
 * DuckDB takes in as they are (see `write_log.ts`). A missing value is NaN
 * in a number column and -1 in a code column.
 *
 * @module
 */
import type { Label } from "../artifact/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import { LOG_ID, type LogColumn } from "./log_schema.ts";

/** One column of a {@linkcode LogChunk}. */
export type LogChunkColumn =
  | { readonly kind: "id" }
  | { readonly kind: "number"; readonly values: Float64Array }
  | { readonly kind: "text"; readonly codes: Int32Array; readonly dictionary: readonly string[] };

/** Rows of the log, column by column, as a flush hands them to the writer. */
export interface LogChunk {
  /** The row count. */
  readonly rows: number;
  /** The row ids (the `request_id` column). */
  readonly ids: readonly string[];
  /** The log's columns. */
  readonly columns: readonly LogColumn[];
  /** The values of each column, in the same order. */
  readonly data: readonly LogChunkColumn[];
}

/**
 * The buffers whose memory a chunk's transfer hands over.
 *
 * @example
 * ```ts ignore
 * worker.postMessage({ chunk }, chunkBuffers(chunk));
 * ```
 */
export function chunkBuffers(chunk: LogChunk): ArrayBuffer[] {
  return chunk.data.flatMap((c) =>
    c.kind === "number"
      ? [c.values.buffer as ArrayBuffer]
      : c.kind === "text"
      ? [c.codes.buffer as ArrayBuffer]
      : []
  );
}

/** A text column: a code per row into its dictionary of the values seen. */
interface _Text {
  codes: Int32Array;
  readonly dictionary: Map<string, number>;
}

/**
 * Buffered log rows of one schema. Write a row with `begin(id)`, then the
 * value of each column after the id, in order, but the last (the target),
 * which `close` fills from the outcomes known by then.
 *
 * @example
 * ```ts
 * import { LogColumns } from "./log_columns.ts";
 * const b = new LogColumns([
 *   { name: "request_id", type: "string", sql: "VARCHAR" },
 *   { name: "x", type: "number", sql: "DOUBLE" },
 *   { name: "plan", type: "string", sql: "VARCHAR" },
 *   { name: "y", type: "string", sql: "VARCHAR" },
 * ]);
 * b.begin("a"); b.number(1.5); b.text("pro");
 * b.begin("b"); b.number(NaN); b.text("pro");
 * const chunk = b.close((id) => (id === "b" ? "yes" : undefined));
 * const [, x, plan, y] = chunk.data;
 * if (x?.kind !== "number" || plan?.kind !== "text" || y?.kind !== "text") throw new Error();
 * if (x.values[0] !== 1.5 || !Number.isNaN(x.values[1]!)) throw new Error();
 * if (plan.dictionary.join() !== "pro" || [...plan.codes].join() !== "0,0") throw new Error();
 * if ([...y.codes].join() !== "-1,0" || y.dictionary[0] !== "yes") throw new Error();
 * ```
 */
export class LogColumns {
  /** The log's columns. */
  readonly columns: readonly LogColumn[];
  /** The id of each row, in order. */
  readonly ids: string[] = [];
  #numbers: (Float64Array | undefined)[];
  #texts: (_Text | undefined)[];
  #capacity: number;
  /** The column the next value goes to. */
  #at = 0;

  /**
   * An empty buffer for rows of `columns` (the first is the row id), with
   * room for `capacity` rows before it grows (a log sizes it for a flush).
   */
  constructor(columns: readonly LogColumn[], capacity = 1024) {
    this.#capacity = Math.max(1, Math.ceil(capacity));
    if (columns[0]?.name !== LOG_ID) {
      throw new RatchetError("internal", `The first log column must be ${LOG_ID}`);
    }
    this.columns = columns;
    this.#numbers = columns.map((c, k) =>
      k > 0 && c.sql !== "VARCHAR" ? new Float64Array(this.#capacity) : undefined
    );
    this.#texts = columns.map((c, k) =>
      k > 0 && c.sql === "VARCHAR"
        ? { codes: new Int32Array(this.#capacity), dictionary: new Map() }
        : undefined
    );
  }

  /** Rows held. */
  get count(): number {
    return this.ids.length;
  }

  /** Starts the row `id`; its values follow, one per column after the id. */
  begin(id: string): void {
    if (this.ids.length === this.#capacity) this.#grow();
    this.ids.push(id);
    this.#at = 1;
  }

  /** The next column's value: a number, or NaN when missing (also a boolean's 1/0, a time's ms). */
  number(value: number): void {
    this.#numbers[this.#at++]![this.ids.length - 1] = value;
  }

  /** The next column's value: text, or undefined when missing. */
  text(value: string | undefined): void {
    const t = this.#texts[this.#at++]!;
    t.codes[this.ids.length - 1] = value === undefined ? -1 : _code(t.dictionary, value);
  }

  /** The next column's value, a label, as its column stores it (a boolean as 1/0). */
  label(value: Label | undefined): void {
    this.#set(this.#at++, this.ids.length - 1, value);
  }

  /** Appends every row of `other` (same columns) after these. */
  append(other: LogColumns): void {
    const first = this.ids.length;
    while (this.#capacity < first + other.count) this.#grow();
    for (const id of other.ids) this.ids.push(id);
    for (let k = 1; k < this.columns.length; k++) {
      const mine = this.#numbers[k];
      if (mine) mine.set(other.#numbers[k]!.subarray(0, other.count), first);
      const t = this.#texts[k], o = other.#texts[k];
      if (!t || !o) continue;
      const remap = [...o.dictionary.keys()].map((v) => _code(t.dictionary, v));
      for (let i = 0; i < other.count; i++) {
        const c = o.codes[i]!;
        t.codes[first + i] = c < 0 ? -1 : remap[c]!;
      }
    }
  }

  /**
   * The rows as a chunk, with the last column (the target) filled by
   * `outcome(id)` (undefined: not known yet). The chunk holds copies: the
   * buffer stays as it is, to be put back should the write fail.
   */
  close(outcome: (id: string) => Label | undefined): LogChunk {
    const n = this.ids.length, last = this.columns.length - 1;
    for (let i = 0; i < n; i++) this.#set(last, i, outcome(this.ids[i]!));
    return {
      rows: n,
      ids: this.ids,
      columns: this.columns,
      data: this.columns.map((_, k): LogChunkColumn => {
        const values = this.#numbers[k], t = this.#texts[k];
        if (values) return { kind: "number", values: values.slice(0, n) };
        if (!t) return { kind: "id" };
        return { kind: "text", codes: t.codes.slice(0, n), dictionary: [...t.dictionary.keys()] };
      }),
    };
  }

  #set(k: number, i: number, value: Label | undefined): void {
    const t = this.#texts[k];
    if (t) t.codes[i] = value === undefined ? -1 : _code(t.dictionary, String(value));
    else this.#numbers[k]![i] = value === undefined ? NaN : Number(value);
  }

  #grow(): void {
    this.#capacity *= 2;
    const size = this.#capacity;
    this.#numbers = this.#numbers.map((a) => {
      if (!a) return a;
      const grown = new Float64Array(size);
      grown.set(a);
      return grown;
    });
    for (const t of this.#texts) {
      if (!t) continue;
      const grown = new Int32Array(size);
      grown.set(t.codes);
      t.codes = grown;
    }
  }
}

/** The code of `value` in a dictionary, adding it when new. */
function _code(dictionary: Map<string, number>, value: string): number {
  let code = dictionary.get(value);
  if (code === undefined) dictionary.set(value, code = dictionary.size);
  return code;
}
