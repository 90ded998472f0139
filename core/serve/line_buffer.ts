/**
 * Open log lines kept as UTF-8 bytes in one growing buffer rather than as
 * thousands of strings: between flushes the log then holds a single object,
 * which the garbage collector never has to trace or promote, and a flush
 * hands the worker one buffer to transfer, not copy. Lines are encoded a
 * few dozen at a time, newline-separated (JSON text never holds a raw
 * newline).
 *
 * @module
 */

const _encoder = new TextEncoder();
const _NEWLINE = 0x0a;
/** Characters of pending lines encoded at once. */
const _CHUNK = 1 << 15;

/**
 * Lines, each open before its last value (see `openLines`), with the id of
 * the row each holds.
 *
 * @example
 * ```ts
 * import { LineBuffer } from "./line_buffer.ts";
 * const b = new LineBuffer();
 * b.push('{"request_id":"a","y":', "a");
 * b.push('{"request_id":"b","y":', "b");
 * const text = new TextDecoder().decode(b.close((id) => (id === "b" ? "7" : "null")));
 * if (text !== '{"request_id":"a","y":null}\n{"request_id":"b","y":7}\n') throw new Error(text);
 * ```
 */
export class LineBuffer {
  #bytes = new Uint8Array(1 << 16);
  #length = 0;
  #pending: string[] = [];
  #pendingChars = 0;
  /** The id of each line's row, in order. */
  readonly ids: string[] = [];

  /** Lines held. */
  get count(): number {
    return this.ids.length;
  }

  /** Appends an open line (no raw newline in it) and the id of its row. */
  push(line: string, id: string): void {
    this.#pending.push(line);
    this.#pendingChars += line.length + 1;
    this.ids.push(id);
    if (this.#pendingChars >= _CHUNK) this.#encode();
  }

  /** Appends every line of `other` after these. */
  append(other: LineBuffer): void {
    this.#encode();
    other.#encode();
    this.#reserve(other.#length);
    this.#bytes.set(other.#bytes.subarray(0, other.#length), this.#length);
    this.#length += other.#length;
    for (const id of other.ids) this.ids.push(id);
  }

  /** The JSON Lines text: each line closed with `last(id)` (a JSON value) and `}`. */
  close(last: (id: string) => string): Uint8Array {
    this.#encode();
    const none = _encoder.encode("null}\n");
    const tails = this.ids.map((id) => {
      const value = last(id);
      return value === "null" ? none : _encoder.encode(value + "}\n");
    });
    const out = new Uint8Array(this.#length + tails.reduce((s, t) => s + t.length - 1, 0));
    const bytes = this.#bytes;
    let from = 0, at = 0;
    for (const tail of tails) {
      const end = bytes.indexOf(_NEWLINE, from);
      out.set(bytes.subarray(from, end), at);
      at += end - from;
      out.set(tail, at);
      at += tail.length;
      from = end + 1;
    }
    return out;
  }

  #encode(): void {
    if (this.#pending.length === 0) return;
    const text = this.#pending.join("\n") + "\n";
    this.#pending = [];
    this.#pendingChars = 0;
    this.#reserve(text.length * 3); // UTF-8 takes at most 3 bytes per UTF-16 unit
    this.#length += _encoder.encodeInto(text, this.#bytes.subarray(this.#length)).written;
  }

  #reserve(bytes: number): void {
    if (this.#bytes.length - this.#length >= bytes) return;
    const grown = new Uint8Array(Math.max(this.#bytes.length * 2, this.#length + bytes));
    grown.set(this.#bytes.subarray(0, this.#length));
    this.#bytes = grown;
  }
}
