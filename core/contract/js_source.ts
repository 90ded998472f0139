/**
 * A plugin's prediction code as standalone JavaScript, for bundles that
 * must run without ratchet (`ratchet export`). Rather than a second copy of
 * the arithmetic, the source is the very functions `compile` runs, taken
 * with `Function.prototype.toString` (Deno hands back the module's
 * JavaScript, types stripped), with the module constants and helpers they
 * refer to, so the numbers are identical by construction.
 *
 * ```text
 * { compileLinear, linearDecision, BLOCK_ROWS } ──jsSource──▶ "function compileLinear(…) {…} …"
 * ```
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";
import type { ModelShape } from "./plugin.ts";

/**
 * Named definitions, as a module holds them: functions, classes, and
 * constants (numbers, strings, booleans, plain data). Each name must be the
 * one the code that uses it refers to.
 */
export type JsDefinitions = Readonly<Record<string, unknown>>;

/**
 * Merges records of definitions; the same name twice must be the same value
 * (two modules may both list a shared helper), never two different ones.
 *
 * @example
 * ```ts
 * import { mergeJsDefinitions } from "./js_source.ts";
 * const half = (x: number) => x / 2;
 * const all = mergeJsDefinitions({ half, N: 2 }, { half });
 * if (Object.keys(all).join() !== "half,N") throw new Error();
 * let msg = "";
 * try { mergeJsDefinitions({ N: 2 }, { N: 3 }); } catch (e) { msg = String(e); }
 * if (!msg.includes("N")) throw new Error(msg);
 * ```
 */
export function mergeJsDefinitions(...records: readonly JsDefinitions[]): JsDefinitions {
  const all: Record<string, unknown> = {};
  for (const record of records) {
    for (const [name, value] of Object.entries(record)) {
      if (Object.hasOwn(all, name) && all[name] !== value) {
        throw new RatchetError(
          "internal",
          `Two different definitions are both called ${name}: rename one, so that exported code can hold both`,
        );
      }
      all[name] = value;
    }
  }
  return all;
}

/**
 * Source text declaring every definition: constants first (as literals),
 * then functions and classes from their own source, in the given order.
 * Function and class declarations keep their form; anything else becomes
 * `const name = …;`.
 *
 * @example
 * ```ts
 * import { jsSource } from "./js_source.ts";
 * const FACTOR = 2;
 * function twice(x: number) { return x * FACTOR; }
 * const source = jsSource({ twice, FACTOR });
 * if (new Function(`${source}\nreturn twice(21);`)() !== 42) throw new Error(source);
 * ```
 */
export function jsSource(...records: readonly JsDefinitions[]): string {
  const all = mergeJsDefinitions(...records);
  const constants: string[] = [];
  const code: string[] = [];
  for (const [name, value] of Object.entries(all)) {
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) {
      throw new RatchetError("internal", `${JSON.stringify(name)} is not a JavaScript name`);
    }
    if (typeof value === "function") code.push(_declaration(name, value));
    else constants.push(`const ${name} = ${jsLiteral(value)};`);
  }
  return [...constants, ...code].join("\n");
}

/**
 * A JavaScript literal of plain data that evaluates to an equal value, every
 * number the same double (`-0`, `NaN` and `±Infinity` included); typed
 * arrays stay typed arrays. Refuses what is not plain data.
 *
 * @example
 * ```ts
 * import { jsLiteral } from "./js_source.ts";
 * const text = jsLiteral({ w: [0.1, -0], t: Float64Array.of(1.5), ok: true, none: null });
 * if (text !== '{"w": [0.1, -0], "t": new Float64Array([1.5]), "ok": true, "none": null}') throw new Error(text);
 * ```
 */
export function jsLiteral(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  switch (typeof value) {
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(jsLiteral).join(", ")}]`;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const typed = value as unknown as { constructor: { name: string } } & ArrayLike<number>;
    return `new ${typed.constructor.name}([${Array.from(typed, jsLiteral).join(", ")}])`;
  }
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value).map(([k, v]) =>
      // A literal `"__proto__": v` would set the prototype; a computed key makes a property.
      `${k === "__proto__" ? `["__proto__"]` : JSON.stringify(k)}: ${jsLiteral(v)}`
    );
    return `{${entries.join(", ")}}`;
  }
  throw new RatchetError(
    "internal",
    `Cannot write ${
      Object.prototype.toString.call(value)
    } as a JavaScript literal: only plain data`,
  );
}

/**
 * The source of a JavaScript expression that evaluates to a `Predictor`:
 * `call`, an expression over `coefficients` and `shape` (e.g.
 * `compileLinear(coefficients, shape)`), evaluated with the given
 * coefficients and shape in a scope holding `definitions`. What a plugin's
 * `toJS` returns.
 *
 * @example
 * ```ts
 * import { jsPredictor } from "./js_source.ts";
 * function scaled(c: { k: number }) {
 *   return { width: 1, predictRow: (row: number[]) => Float64Array.of(c.k * row[0]!) };
 * }
 * const shape = { task: "regression", inputs: ["x"], classes: 1 } as const;
 * const source = jsPredictor("scaled(coefficients)", { k: 3 }, shape, { scaled });
 * if (new Function(`return ${source};`)().predictRow([2])[0] !== 6) throw new Error(source);
 * ```
 */
export function jsPredictor(
  call: string,
  coefficients: unknown,
  shape: ModelShape,
  ...definitions: readonly JsDefinitions[]
): string {
  const shapeLiteral = jsLiteral({
    task: shape.task,
    inputs: [...shape.inputs],
    classes: shape.classes,
  });
  return `((coefficients, shape) => {\n${jsSource(...definitions)}\nreturn ${call};\n})(${
    jsLiteral(coefficients)
  }, ${shapeLiteral})`;
}

function _declaration(name: string, fn: unknown): string {
  const source = Function.prototype.toString.call(fn);
  if (/\{\s*\[native code\]\s*\}$/.test(source)) {
    throw new RatchetError(
      "internal",
      `${name} is a built-in or bound function, whose source JavaScript cannot give`,
    );
  }
  const declared = /^(?:async\s+)?(?:function\s*\*?|class)\s+([A-Za-z_$][\w$]*)/.exec(source);
  return declared?.[1] === name ? source : `const ${name} = ${source};`;
}
