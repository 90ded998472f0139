/**
 * The few parts of Thrift's compact protocol that a Parquet footer and page
 * headers need, for writing: structs of integers, booleans, binaries and
 * lists. See the protocol's specification (thrift's
 * `doc/specs/thrift-compact-protocol.md`).
 *
 * @module
 */

/** Compact protocol type ids. */
const _BOOL_TRUE = 1, _BOOL_FALSE = 2, _I32 = 5, _I64 = 6, _BINARY = 8, _LIST = 9, _STRUCT = 12;

const _utf8 = new TextEncoder();

/**
 * Writes Thrift compact structs into a growing buffer. Fields are written
 * in increasing id order inside `struct(…)`; a struct ends with its stop
 * byte when its callback returns.
 *
 * @example
 * ```ts
 * import { ThriftWriter } from "./thrift_compact.ts";
 * const w = new ThriftWriter();
 * w.struct(() => {
 *   w.i32(1, 3);
 *   w.binary(2, "ab");
 * });
 * // field 1 (delta 1, i32) = zigzag 6; field 2 (delta 1, binary) = length 2, "ab"; stop
 * if (w.bytes().join() !== [0x15, 6, 0x18, 2, 97, 98, 0].join()) throw new Error(String(w.bytes()));
 * ```
 */
export class ThriftWriter {
  #buf = new Uint8Array(1024);
  #at = 0;
  #last = 0;

  /** What was written. */
  bytes(): Uint8Array {
    return this.#buf.subarray(0, this.#at);
  }

  /** A struct: the fields `body` writes, then the stop byte. */
  struct(body: () => void): void {
    const outer = this.#last;
    this.#last = 0;
    body();
    this.#byte(0);
    this.#last = outer;
  }

  /** Field `id`, a 32-bit integer. */
  i32(id: number, value: number): void {
    this.#field(id, _I32);
    this.#varint(_zigzag32(value));
  }

  /** Field `id`, a 64-bit integer (exact up to 2^53). */
  i64(id: number, value: number): void {
    this.#field(id, _I64);
    this.#zigzag64(value);
  }

  /** Field `id`, a boolean. */
  bool(id: number, value: boolean): void {
    this.#field(id, value ? _BOOL_TRUE : _BOOL_FALSE);
  }

  /** Field `id`, a string (as UTF-8) or bytes. */
  binary(id: number, value: string | Uint8Array): void {
    this.#field(id, _BINARY);
    this.#binary(value);
  }

  /** Field `id`, a struct. */
  structField(id: number, body: () => void): void {
    this.#field(id, _STRUCT);
    this.struct(body);
  }

  /** Field `id`, a list of 32-bit integers. */
  i32List(id: number, values: readonly number[]): void {
    this.#field(id, _LIST);
    this.#listHeader(values.length, _I32);
    for (const v of values) this.#varint(_zigzag32(v));
  }

  /** Field `id`, a list of strings. */
  binaryList(id: number, values: readonly string[]): void {
    this.#field(id, _LIST);
    this.#listHeader(values.length, _BINARY);
    for (const v of values) this.#binary(v);
  }

  /** Field `id`, a list of structs, each written by `item`. */
  structList<T>(id: number, items: readonly T[], item: (value: T) => void): void {
    this.#field(id, _LIST);
    this.#listHeader(items.length, _STRUCT);
    for (const value of items) this.struct(() => item(value));
  }

  #field(id: number, type: number): void {
    const delta = id - this.#last;
    if (delta > 0 && delta <= 15) this.#byte((delta << 4) | type);
    else {
      this.#byte(type);
      this.#varint(_zigzag32(id));
    }
    this.#last = id;
  }

  #listHeader(size: number, type: number): void {
    if (size < 15) this.#byte((size << 4) | type);
    else {
      this.#byte(0xf0 | type);
      this.#varint(size);
    }
  }

  #binary(value: string | Uint8Array): void {
    const bytes = typeof value === "string" ? _utf8.encode(value) : value;
    this.#varint(bytes.length);
    this.#reserve(bytes.length);
    this.#buf.set(bytes, this.#at);
    this.#at += bytes.length;
  }

  /** An unsigned varint of up to 2^53. */
  #varint(value: number): void {
    this.#reserve(10);
    let v = value;
    while (v >= 0x80) {
      this.#buf[this.#at++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.#buf[this.#at++] = v;
  }

  #zigzag64(value: number): void {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
    this.#varint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  #byte(b: number): void {
    this.#reserve(1);
    this.#buf[this.#at++] = b;
  }

  #reserve(n: number): void {
    if (this.#at + n <= this.#buf.length) return;
    const grown = new Uint8Array(Math.max(this.#buf.length * 2, this.#at + n));
    grown.set(this.#buf.subarray(0, this.#at));
    this.#buf = grown;
  }
}

function _zigzag32(n: number): number {
  return ((n << 1) ^ (n >> 31)) >>> 0;
}
