/**
 * The envelope of an Open Inference Protocol (v2) request, checked by hand:
 * the same verdicts as `InferRequestSchema` (which documents it in
 * `/openapi.json`), without zod's cost on every request — walking the
 * schema tree took more time than the prediction. Unknown keys are
 * ignored, as the schema strips them; what the tensors hold is checked
 * against the model by `inferRows`.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import { formatPath } from "../json/mod.ts";
import { DatatypeSchema } from "./api_schemas.ts";
import type { InferRequest } from "./inference_v2.ts";

const _HINT = 'send {"inputs": [{"name", "shape", "datatype", "data"}, …]}';
const _DATATYPES: ReadonlySet<unknown> = new Set(DatatypeSchema.options);
const _MAX_ID = 128;
// zod refuses what it reports; the first few make the message, as parseBody shows them.
const _SHOWN = 3;

/**
 * `body` as an inference request, or a 400 error naming the first problems
 * by JSON path (`$.inputs[2].datatype: expected one of BOOL, …, found
 * "FP99"`). The request is `body` itself, not a copy.
 *
 * @example
 * ```ts
 * import { inferRequest } from "./infer_request.ts";
 * const request = inferRequest({ inputs: [{ name: "x", shape: [1], datatype: "FP64", data: [2] }] });
 * if (request.inputs[0]!.name !== "x") throw new Error();
 * let msg = "";
 * try { inferRequest({ inputs: [{ name: "x", shape: [1], datatype: "FP99", data: [2] }] }); }
 * catch (e) { msg = String(e); }
 * if (!msg.includes('$.inputs[0].datatype: expected one of BOOL, ') || !msg.includes('found "FP99"')) {
 *   throw new Error(msg);
 * }
 * ```
 */
export function inferRequest(body: unknown): InferRequest {
  const problems: string[] = [];
  _check(body, problems);
  if (problems.length > 0) throw invalid(`${problems.slice(0, _SHOWN).join("; ")}; ${_HINT}`);
  return body as InferRequest;
}

/** Pushes the problems of `body` onto `out`, in the order zod reports them. */
function _check(body: unknown, out: string[]): void {
  if (!_isObject(body)) {
    out.push(_expected([], 'a JSON object {"inputs": […]}', body));
    return;
  }
  const { id, parameters, inputs, outputs } = body;
  if (id !== undefined && !_isId(id)) {
    out.push(_expected(["id"], `text of 1 to ${_MAX_ID} characters`, id));
  }
  if (parameters !== undefined && !_isObject(parameters)) {
    out.push(_expected(["parameters"], "an object of parameters", parameters));
  }
  if (!Array.isArray(inputs) || inputs.length === 0) {
    out.push(_expected(["inputs"], "a non-empty array of input tensors, one per feature", inputs));
  } else {
    for (let k = 0; k < inputs.length && out.length < _SHOWN; k++) _checkInput(inputs[k], k, out);
  }
  if (outputs === undefined || out.length >= _SHOWN) return;
  if (!Array.isArray(outputs)) {
    out.push(_expected(["outputs"], 'an array of requested outputs [{"name": …}, …]', outputs));
    return;
  }
  for (let j = 0; j < outputs.length && out.length < _SHOWN; j++) {
    const output = outputs[j];
    if (!_isObject(output)) {
      out.push(_expected(["outputs", j], 'a requested output {"name": …}', output));
      continue;
    }
    if (typeof output.name !== "string") {
      out.push(_expected(["outputs", j, "name"], "an output name as text", output.name));
    }
    if (output.parameters !== undefined && !_isObject(output.parameters)) {
      out.push(
        _expected(["outputs", j, "parameters"], "an object of parameters", output.parameters),
      );
    }
  }
}

function _checkInput(input: unknown, k: number, out: string[]): void {
  if (!_isObject(input)) {
    out.push(
      _expected(["inputs", k], 'an input tensor {"name", "shape", "datatype", "data"}', input),
    );
    return;
  }
  const { name, shape, datatype, data, parameters } = input;
  if (typeof name !== "string") {
    out.push(_expected(["inputs", k, "name"], "a feature name as text", name));
  }
  if (!Array.isArray(shape)) {
    out.push(_expected(["inputs", k, "shape"], "an array of sizes, [rows] or [rows, 1]", shape));
  } else {
    for (let j = 0; j < shape.length; j++) {
      const size = shape[j];
      if (!(Number.isSafeInteger(size) && size >= 0)) {
        out.push(_expected(["inputs", k, "shape", j], _wholeNumber(size), size));
      }
    }
  }
  if (!_DATATYPES.has(datatype)) {
    out.push(
      _expected(["inputs", k, "datatype"], `one of ${DatatypeSchema.options.join(", ")}`, datatype),
    );
  }
  if (!Array.isArray(data)) {
    out.push(_expected(["inputs", k, "data"], "an array of the rows' values", data));
  }
  if (parameters !== undefined && !_isObject(parameters)) {
    out.push(_expected(["inputs", k, "parameters"], "an object of parameters", parameters));
  }
}

function _isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Whether `v` is a row id: 1 to 128 code points, as zod counts them. */
function _isId(v: unknown): boolean {
  if (typeof v !== "string" || v.length === 0) return false;
  return v.length <= _MAX_ID || _codePoints(v) <= _MAX_ID;
}

function _codePoints(s: string): number {
  let count = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}

function _wholeNumber(v: unknown): string {
  return typeof v === "number" && v > Number.MAX_SAFE_INTEGER
    ? `a whole number ≥ 0 up to ${Number.MAX_SAFE_INTEGER}`
    : "a whole number ≥ 0";
}

function _expected(path: readonly (string | number)[], what: string, found: unknown): string {
  const where = formatPath(path);
  return found === undefined
    ? `${where}: missing; expected ${what}`
    : `${where}: expected ${what}, found ${_shown(found)}`;
}

function _shown(v: unknown): string {
  if (Array.isArray(v)) return v.length === 0 ? "an empty array" : "an array";
  if (v === null) return "null";
  if (typeof v === "object") return "an object";
  if (typeof v === "string" && v.length > _MAX_ID) return `text of ${_codePoints(v)} characters`;
  const text = typeof v === "number" && !Number.isFinite(v) ? String(v) : JSON.stringify(v);
  return text === undefined ? typeof v : text.length > 40 ? text.slice(0, 40) + "…" : text;
}
