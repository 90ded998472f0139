/**
 * Log rows held column by column between flushes: numbers (and booleans,
 * and times in milliseconds) in growing `Float64Array`s, text as codes
 * into a per-column dictionary, row ids as UTF-8 bytes end to end.
 * Recording a row then writes a few array slots and leaves no object
 * behind for the garbage collector, and a flush hands the writer typed
 * arrays in shared memory (no string, no copy), which its Parquet writer
 * takes as they are (see `write_log.ts`). A missing value is NaN in a
 * number column and -1 in a code column.
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
  /** The row ids (the `request_id` column): UTF-8 bytes, id `i` ending at `ends[i]`. */
  readonly ids: { readonly bytes: Uint8Array; readonly ends: Int32Array };
  /** The log's columns. */
  readonly columns: readonly LogColumn[];
  /** The values of each column, in the same order. */
  readonly data: readonly LogChunkColumn[];
}

/**
 * The buffers whose memory a chunk's transfer hands over: those not
 * shared (a shared buffer is seen by both sides, and cannot be
 * transferred).
 *
 * @example
 * ```ts ignore
 * worker.postMessage({ chunk }, chunkBuffers(chunk));
 * ```
 */
export function chunkBuffers(chunk: LogChunk): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [chunk.ids.bytes, chunk.ids.ends];
  for (const c of chunk.data) {
    if (c.kind === "number") arrays.push(c.values);
    else if (c.kind === "text") arrays.push(c.codes);
  }
  return arrays.map((a) => a.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

/**
 * The row ids of a chunk, as text.
 *
 * @example
 * ```ts
 * import { chunkIds, LogColumns } from "./log_columns.ts";
 * const b = new LogColumns([{ name: "request_id", type: "string", sql: "VARCHAR" }]);
 * b.begin("a-1");
 * b.begin("ï");
 * if (chunkIds(b.close()).join() !== "a-1,ï") throw new Error();
 * ```
 */
export function chunkIds(chunk: LogChunk): string[] {
  return Array.from(chunk.ids.ends, (_, i) => _idAt(chunk.ids.bytes, chunk.ids.ends, i));
}

const _decoder = new TextDecoder();
const _encoder = new TextEncoder();

function _idAt(bytes: Uint8Array, ends: Int32Array, i: number): string {
  return _decoder.decode(bytes.subarray(i === 0 ? 0 : ends[i - 1]!, ends[i]!));
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
  #count = 0;
  #shared: boolean;
  #idBytes: Uint8Array;
  #idLength = 0;
  #idEnds: Int32Array;
  #numbers: (Float64Array | undefined)[];
  #texts: (_Text | undefined)[];
  #capacity: number;
  /** The column the next value goes to. */
  #at = 0;

  /**
   * An empty buffer for rows of `columns` (the first is the row id), with
   * room for `capacity` rows before it grows (a log sizes it for a flush).
   * With `shared`, its arrays live in `SharedArrayBuffer`s, so that
   * {@linkcode LogColumns.share} hands them to a worker without a copy.
   */
  constructor(columns: readonly LogColumn[], capacity = 1024, shared = false) {
    this.#capacity = Math.max(1, Math.ceil(capacity));
    if (columns[0]?.name !== LOG_ID) {
      throw new RatchetError("internal", `The first log column must be ${LOG_ID}`);
    }
    this.columns = columns;
    this.#shared = shared;
    this.#idBytes = new Uint8Array(this.#memory(1 << 16));
    this.#idEnds = new Int32Array(this.#memory(this.#capacity * 4));
    this.#numbers = columns.map((c, k) =>
      k > 0 && c.sql !== "VARCHAR" ? new Float64Array(this.#memory(this.#capacity * 8)) : undefined
    );
    this.#texts = columns.map((c, k) =>
      k > 0 && c.sql === "VARCHAR"
        ? { codes: new Int32Array(this.#memory(this.#capacity * 4)), dictionary: new Map() }
        : undefined
    );
  }

  /** Rows held. */
  get count(): number {
    return this.#count;
  }

  /** The id of each row, in order (decoded: for the few uses that need text). */
  ids(): string[] {
    return Array.from({ length: this.#count }, (_, i) => _idAt(this.#idBytes, this.#idEnds, i));
  }

  /** Starts the row `id`; its values follow, one per column after the id. */
  begin(id: string): void {
    if (this.#count === this.#capacity) this.#grow();
    const n = id.length;
    this.#reserveIds(n);
    const bytes = this.#idBytes;
    let at = this.#idLength;
    for (let i = 0; i < n; i++) {
      const c = id.charCodeAt(i);
      if (c >= 0x80) { // not ASCII: let the encoder spell it
        this.#reserveIds(n * 3);
        at = this.#idLength +
          _encoder.encodeInto(id, this.#idBytes.subarray(this.#idLength)).written;
        break;
      }
      bytes[at++] = c;
    }
    this.#idLength = at;
    this.#idEnds[this.#count++] = at;
    this.#at = 1;
  }

  /** The next column's value: a number, or NaN when missing (also a boolean's 1/0, a time's ms). */
  number(value: number): void {
    this.#numbers[this.#at++]![this.#count - 1] = value;
  }

  /** The next column's value: text, or undefined when missing. */
  text(value: string | undefined): void {
    const t = this.#texts[this.#at++]!;
    t.codes[this.#count - 1] = value === undefined ? -1 : _code(t.dictionary, value);
  }

  /** The next column's value, a label, as its column stores it (a boolean as 1/0). */
  label(value: Label | undefined): void {
    this.#set(this.#at++, this.#count - 1, value);
  }

  /** Appends every row of `other` (same columns) after these. */
  append(other: LogColumns): void {
    const first = this.#count;
    while (this.#capacity < first + other.count) this.#grow();
    this.#reserveIds(other.#idLength);
    this.#idBytes.set(other.#idBytes.subarray(0, other.#idLength), this.#idLength);
    for (let i = 0; i < other.count; i++) {
      this.#idEnds[first + i] = other.#idEnds[i]! + this.#idLength;
    }
    this.#idLength += other.#idLength;
    this.#count += other.count;
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
   * `outcome(id)` (undefined, or no `outcome`: not known yet). The chunk
   * holds copies: the buffer stays as it is, to be put back should the
   * write fail.
   */
  close(outcome?: (id: string) => Label | undefined): LogChunk {
    this.#fillTarget(outcome);
    return this.#chunk(true);
  }

  /**
   * As {@linkcode LogColumns.close}, without copying: the chunk's arrays
   * are views of this buffer's memory, shared with a worker it is posted
   * to when the buffer was made `shared`. They hold the rows until the
   * buffer is written again or cleared, so keep it untouched until the
   * chunk is written (a log takes new rows into another buffer meanwhile).
   */
  share(outcome?: (id: string) => Label | undefined): LogChunk {
    this.#fillTarget(outcome);
    return this.#chunk(false);
  }

  #fillTarget(outcome: ((id: string) => Label | undefined) | undefined): void {
    const n = this.#count, last = this.columns.length - 1;
    if (outcome) {
      for (let i = 0; i < n; i++) {
        this.#set(last, i, outcome(_idAt(this.#idBytes, this.#idEnds, i)));
      }
    } else if (last > 0) {
      this.#numbers[last]?.fill(NaN, 0, n);
      this.#texts[last]?.codes.fill(-1, 0, n);
    }
  }

  /** The rows as a chunk: copies of the arrays, or views of them. */
  #chunk(copy: boolean): LogChunk {
    const n = this.#count;
    const cut = <T extends Uint8Array | Int32Array | Float64Array>(a: T, end: number): T =>
      (copy ? a.slice(0, end) : a.subarray(0, end)) as T;
    return {
      rows: n,
      ids: { bytes: cut(this.#idBytes, this.#idLength), ends: cut(this.#idEnds, n) },
      columns: this.columns,
      data: this.columns.map((_, k): LogChunkColumn => {
        const values = this.#numbers[k], t = this.#texts[k];
        if (values) return { kind: "number", values: cut(values, n) };
        if (!t) return { kind: "id" };
        return { kind: "text", codes: cut(t.codes, n), dictionary: [...t.dictionary.keys()] };
      }),
    };
  }

  /**
   * Empties the buffer, keeping its memory for the rows to come: a log
   * reuses the buffer of a written flush rather than allocating another
   * (megabytes a flush, which would make the garbage collector stop the
   * service to free them).
   */
  clear(): void {
    this.#count = this.#idLength = 0;
    this.#at = 0;
    for (const t of this.#texts) t?.dictionary.clear();
  }

  #set(k: number, i: number, value: Label | undefined): void {
    const t = this.#texts[k];
    if (t) t.codes[i] = value === undefined ? -1 : _code(t.dictionary, String(value));
    else this.#numbers[k]![i] = value === undefined ? NaN : Number(value);
  }

  /** Zeroed memory of `bytes`, shared with workers if the buffer is. */
  #memory(bytes: number): ArrayBuffer | SharedArrayBuffer {
    return this.#shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  }

  #reserveIds(bytes: number): void {
    if (this.#idBytes.length - this.#idLength >= bytes) return;
    const grown = new Uint8Array(
      this.#memory(Math.max(this.#idBytes.length * 2, this.#idLength + bytes)),
    );
    grown.set(this.#idBytes.subarray(0, this.#idLength));
    this.#idBytes = grown;
  }

  #grow(): void {
    this.#capacity *= 2;
    const size = this.#capacity;
    const ends = new Int32Array(this.#memory(size * 4));
    ends.set(this.#idEnds);
    this.#idEnds = ends;
    this.#numbers = this.#numbers.map((a) => {
      if (!a) return a;
      const grown = new Float64Array(this.#memory(size * 8));
      grown.set(a);
      return grown;
    });
    for (const t of this.#texts) {
      if (!t) continue;
      const grown = new Int32Array(this.#memory(size * 4));
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
