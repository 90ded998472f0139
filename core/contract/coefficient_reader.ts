/**
 * Validation helpers for a plugin's `parse`: each read checks one value and,
 * on failure, throws an error that names its JSON path, e.g.
 * `Invalid coefficients at $.coefficients.weights[3]: expected a finite number, found "x"`.
 *
 * @module
 */
import { invalid, type RatchetError } from "../errors/mod.ts";
import { formatPath } from "../json/mod.ts";

/**
 * A position inside an artifact's coefficient block.
 *
 * @example
 * ```ts
 * import { CoefficientReader } from "./coefficient_reader.ts";
 * const c = new CoefficientReader({ intercept: 0.5, weights: [1, 2] });
 * const w = c.field("weights").numbers(2);
 * if (c.field("intercept").number() !== 0.5 || w[1] !== 2) throw new Error();
 * let msg = "";
 * try { c.field("weights").numbers(3); } catch (e) { msg = String(e); }
 * if (!msg.includes("$.coefficients.weights")) throw new Error(msg);
 * ```
 */
export class CoefficientReader {
  /** The value at this position. */
  readonly value: unknown;
  /** Path from the artifact root, e.g. `["coefficients", "weights", 3]`. */
  readonly path: readonly (string | number)[];

  /** A reader of `value`, found at `path` (by default the coefficient block itself). */
  constructor(value: unknown, path: readonly (string | number)[] = ["coefficients"]) {
    this.value = value;
    this.path = path;
  }

  /** `$.coefficients.weights[3]`. */
  get where(): string {
    return formatPath(this.path);
  }

  /** An error about this position. */
  fail(what: string): RatchetError {
    return invalid(`Invalid coefficients at ${this.where}: ${what}`);
  }

  /** Asserts a plain object and, when `allowed` is given, that it has no other keys. */
  object(allowed?: readonly string[]): this {
    const v = this.value;
    if (v === null || typeof v !== "object" || Array.isArray(v)) {
      throw this.fail(`expected an object, found ${_describe(v)}`);
    }
    if (allowed) {
      for (const key of Object.keys(v)) {
        if (!allowed.includes(key)) {
          throw this.fail(
            `unknown key ${JSON.stringify(key)}; expected only ${allowed.join(", ")}`,
          );
        }
      }
    }
    return this;
  }

  /** The reader of a required object field. */
  field(key: string): CoefficientReader {
    this.object();
    const v = this.value as Record<string, unknown>;
    if (!Object.hasOwn(v, key)) throw this.fail(`missing required key ${JSON.stringify(key)}`);
    return new CoefficientReader(v[key], [...this.path, key]);
  }

  /** The reader of an optional field, or `undefined` when absent. */
  optional(key: string): CoefficientReader | undefined {
    this.object();
    const v = this.value as Record<string, unknown>;
    return Object.hasOwn(v, key) && v[key] !== undefined
      ? new CoefficientReader(v[key], [...this.path, key])
      : undefined;
  }

  /** Whether the value is JSON `null`. */
  isNull(): boolean {
    return this.value === null;
  }

  /** A finite number. */
  number(): number {
    const v = this.value;
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw this.fail(`expected a finite number, found ${_describe(v)}`);
    }
    return v;
  }

  /** An integer in `[min, max]`. */
  int(min = -Infinity, max = Infinity): number {
    const v = this.number();
    if (!Number.isInteger(v)) throw this.fail(`expected an integer, found ${v}`);
    if (v < min || v > max) throw this.fail(`expected an integer in [${min}, ${max}], found ${v}`);
    return v;
  }

  /** A string, optionally one of `choices`. */
  string<T extends string>(choices?: readonly T[]): T {
    const v = this.value;
    if (typeof v !== "string") throw this.fail(`expected a string, found ${_describe(v)}`);
    if (choices && !choices.includes(v as T)) {
      throw this.fail(
        `expected one of ${choices.map((c) => JSON.stringify(c)).join(", ")}, found ${
          JSON.stringify(v)
        }`,
      );
    }
    return v as T;
  }

  /** An array, optionally of exactly `length` items (`why` explains the length). */
  array(length?: number, why?: string): CoefficientReader[] {
    const v = this.value;
    if (!Array.isArray(v)) throw this.fail(`expected an array, found ${_describe(v)}`);
    if (length !== undefined && v.length !== length) {
      throw this.fail(`expected ${length} items${why ? ` (${why})` : ""}, found ${v.length}`);
    }
    return v.map((item, i) => new CoefficientReader(item, [...this.path, i]));
  }

  /** An array of finite numbers, as a `Float64Array`. */
  numbers(length?: number, why?: string): Float64Array {
    const v = this.value;
    if (!Array.isArray(v)) throw this.fail(`expected an array of numbers, found ${_describe(v)}`);
    if (length !== undefined && v.length !== length) {
      throw this.fail(`expected ${length} numbers${why ? ` (${why})` : ""}, found ${v.length}`);
    }
    const out = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x !== "number" || !Number.isFinite(x)) {
        throw new CoefficientReader(x, [...this.path, i]).fail(
          `expected a finite number, found ${_describe(x)}`,
        );
      }
      out[i] = x;
    }
    return out;
  }

  /** An array of integers in `[min, max]`, as an `Int32Array`. */
  ints(length?: number, min = -2147483648, max = 2147483647, why?: string): Int32Array {
    const v = this.value;
    if (!Array.isArray(v)) throw this.fail(`expected an array of integers, found ${_describe(v)}`);
    if (length !== undefined && v.length !== length) {
      throw this.fail(`expected ${length} integers${why ? ` (${why})` : ""}, found ${v.length}`);
    }
    const out = new Int32Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x !== "number" || !Number.isInteger(x) || x < min || x > max) {
        throw new CoefficientReader(x, [...this.path, i]).fail(
          `expected an integer in [${min}, ${max}], found ${_describe(x)}`,
        );
      }
      out[i] = x;
    }
    return out;
  }

  /** A `rows × cols` matrix of finite numbers (array of arrays), row-major. */
  matrix(rows: number, cols: number, why?: string): Float64Array[] {
    return this.array(rows, why).map((r) => r.numbers(cols, why));
  }
}

function _describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  return v === null ? "null" : typeof v;
}
