import assert from "node:assert/strict";
import { RatchetError } from "../errors/mod.ts";
import { formatPath } from "../json/mod.ts";
import { createRandom, type Random } from "../random/mod.ts";
import { InferRequestSchema } from "./api_schemas.ts";
import { inferRequest } from "./infer_request.ts";

const INPUT = { name: "x", shape: [2], datatype: "FP64", data: [1.5, -3] };

/** The message `inferRequest` refuses `body` with (failing when it accepts it). */
function refusal(body: unknown): string {
  try {
    inferRequest(body);
  } catch (e) {
    assert.ok(e instanceof RatchetError, String(e));
    assert.equal(e.status, 400);
    return e.message;
  }
  assert.fail(`accepted ${JSON.stringify(body)}`);
}

Deno.test("inferRequest accepts what the schema accepts, returning the body itself", () => {
  const bodies: Record<string, unknown>[] = [
    { inputs: [INPUT] },
    {
      id: "req-7",
      parameters: { content_type: "pd" },
      inputs: [
        { ...INPUT, parameters: {} },
        { name: "plan", shape: [2, 1], datatype: "BYTES", data: [["a"], ["b"]] },
        { name: "empty", shape: [], datatype: "BOOL", data: [] },
      ],
      outputs: [{ name: "predict", parameters: { binary_data: false } }],
    },
    // Unknown keys are stripped by the schema, so they are no refusal; nor are no outputs.
    { inputs: [{ ...INPUT, extra: 1 }], outputs: [], sent_by: "client" },
    // 128 characters as zod counts them: code points, not UTF-16 units.
    { id: "😀".repeat(128), inputs: [INPUT] },
    { id: "a".repeat(128), inputs: [{ ...INPUT, shape: [Number.MAX_SAFE_INTEGER, 0] }] },
  ];
  for (const body of bodies) {
    assert.ok(InferRequestSchema.safeParse(body).success, JSON.stringify(body));
    assert.equal(inferRequest(body), body);
  }
});

Deno.test("inferRequest refuses each malformed part, naming its JSON path and what it found", () => {
  const cases: [unknown, string][] = [
    [null, '$: expected a JSON object {"inputs": […]}, found null'],
    [[INPUT], "$: expected a JSON object"],
    [{}, "$.inputs: missing; expected a non-empty array of input tensors, one per feature"],
    [
      { inputs: [] },
      "$.inputs: expected a non-empty array of input tensors, one per feature, " +
      "found an empty array",
    ],
    [
      { inputs: INPUT },
      "$.inputs: expected a non-empty array of input tensors, one per feature, " +
      "found an object",
    ],
    [
      { inputs: [INPUT, null] },
      '$.inputs[1]: expected an input tensor {"name", "shape", ' +
      '"datatype", "data"}, found null',
    ],
    [
      { inputs: [{ ...INPUT, name: 7 }] },
      "$.inputs[0].name: expected a feature name as text, found 7",
    ],
    [
      { inputs: [{ ...INPUT, name: undefined }] },
      "$.inputs[0].name: missing; expected a feature name",
    ],
    [
      { inputs: [{ ...INPUT, shape: 2 }] },
      "$.inputs[0].shape: expected an array of sizes, " +
      "[rows] or [rows, 1], found 2",
    ],
    [
      { inputs: [{ ...INPUT, shape: [2, -1] }] },
      "$.inputs[0].shape[1]: expected a whole number ≥ 0, found -1",
    ],
    [
      { inputs: [{ ...INPUT, shape: [1.5] }] },
      "$.inputs[0].shape[0]: expected a whole number ≥ 0, found 1.5",
    ],
    [
      { inputs: [{ ...INPUT, shape: ["2"] }] },
      '$.inputs[0].shape[0]: expected a whole number ≥ 0, found "2"',
    ],
    [
      { inputs: [{ ...INPUT, shape: [2 ** 53] }] },
      "$.inputs[0].shape[0]: expected a whole number ≥ 0 " +
      "up to 9007199254740991, found 9007199254740992",
    ],
    [
      { inputs: [INPUT, { ...INPUT, datatype: "FP99" }] },
      "$.inputs[1].datatype: expected one of BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, " +
      'INT64, FP16, FP32, FP64, BYTES, found "FP99"',
    ],
    [{ inputs: [{ ...INPUT, datatype: "fp64" }] }, "$.inputs[0].datatype: expected one of BOOL"],
    [
      { inputs: [{ ...INPUT, datatype: undefined }] },
      "$.inputs[0].datatype: missing; expected one of",
    ],
    [
      { inputs: [{ ...INPUT, data: 1.5 }] },
      "$.inputs[0].data: expected an array of the rows' values, found 1.5",
    ],
    [
      { inputs: [{ ...INPUT, data: { a: 1 } }] },
      "$.inputs[0].data: expected an array of the rows' values, found an object",
    ],
    [
      { inputs: [{ ...INPUT, parameters: [] }] },
      "$.inputs[0].parameters: expected an object of parameters, found an empty array",
    ],
    [{ id: "", inputs: [INPUT] }, '$.id: expected text of 1 to 128 characters, found ""'],
    [{ id: 7, inputs: [INPUT] }, "$.id: expected text of 1 to 128 characters, found 7"],
    [
      { id: "a".repeat(129), inputs: [INPUT] },
      "$.id: expected text of 1 to 128 characters, found text of 129 characters",
    ],
    [
      { id: "😀".repeat(129), inputs: [INPUT] },
      "$.id: expected text of 1 to 128 characters, found text of 129 characters",
    ],
    [
      { parameters: null, inputs: [INPUT] },
      "$.parameters: expected an object of parameters, found null",
    ],
    [
      { inputs: [INPUT], outputs: "predict" },
      '$.outputs: expected an array of requested outputs [{"name": …}, …], found "predict"',
    ],
    [
      { inputs: [INPUT], outputs: ["predict"] },
      '$.outputs[0]: expected a requested output {"name": …}, found "predict"',
    ],
    [
      { inputs: [INPUT], outputs: [{ name: "predict" }, {}] },
      "$.outputs[1].name: missing; expected an output name as text",
    ],
    [
      { inputs: [INPUT], outputs: [{ name: "predict", parameters: 1 }] },
      "$.outputs[0].parameters: expected an object of parameters, found 1",
    ],
  ];
  for (const [body, expected] of cases) {
    assert.equal(InferRequestSchema.safeParse(body).success, false, JSON.stringify(body));
    const message = refusal(body);
    assert.ok(message.startsWith(expected), `${message}\n  should start with\n${expected}`);
    assert.ok(
      message.endsWith('; send {"inputs": [{"name", "shape", "datatype", "data"}, …]}'),
      message,
    );
  }
});

Deno.test("inferRequest lists the first three problems, in document order", () => {
  const message = refusal({
    id: "",
    inputs: [{ name: 1, shape: [-1], datatype: "FP64", data: [] }, null],
    outputs: 5,
  });
  const paths = message.split("; ").slice(0, -1).map((p) => p.slice(0, p.indexOf(":")));
  assert.deepEqual(paths, ["$.id", "$.inputs[0].name", "$.inputs[0].shape[0]"]);
});

/** A random value of any JSON type, often one a field of the request almost takes. */
function _junk(random: Random): unknown {
  const values = [
    null,
    true,
    0,
    -1,
    1.5,
    2 ** 53,
    "",
    "x",
    "FP64",
    "BYTES",
    "a".repeat(129),
    "😀".repeat(100),
    [],
    [1],
    [[1]],
    ["1"],
    {},
    { name: "predict" },
    { ...INPUT },
  ];
  return values[random.int(values.length)];
}

/** A valid request with one part replaced by junk or deleted (undefined). */
function _mutated(random: Random): unknown {
  const body: Record<string, unknown> = {
    ...(random.next() < 0.5 ? { id: "req-1" } : {}),
    ...(random.next() < 0.3 ? { parameters: { a: 1 } } : {}),
    inputs: Array.from({ length: 1 + random.int(3) }, (_, k) => ({
      name: `f${k}`,
      shape: random.next() < 0.5 ? [1] : [1, 1],
      datatype: "FP64",
      data: [k],
      ...(random.next() < 0.3 ? { parameters: {} } : {}),
    })),
    ...(random.next() < 0.5 ? { outputs: [{ name: "predict" }] } : {}),
  };
  const holders: Record<string, unknown>[] = [body];
  for (const input of body.inputs as Record<string, unknown>[]) holders.push(input);
  if (Array.isArray(body.outputs)) holders.push(...body.outputs);
  for (let m = random.int(3); m >= 0; m--) {
    const holder = holders[random.int(holders.length)]!;
    const keys = [...Object.keys(holder), "id", "parameters", "extra"];
    const key = keys[random.int(keys.length)]!;
    const value = holder[key];
    if (Array.isArray(value) && value.length > 0 && random.next() < 0.5) {
      value[random.int(value.length)] = _junk(random);
    } else if (random.next() < 0.2) delete holder[key];
    else holder[key] = _junk(random);
  }
  return random.next() < 0.02 ? _junk(random) : body;
}

Deno.test("inferRequest and InferRequestSchema agree on 5,000 mutated requests, down to the first path", () => {
  const random = createRandom(7);
  let refused = 0;
  for (let t = 0; t < 5000; t++) {
    const body = _mutated(random);
    const zod = InferRequestSchema.safeParse(body);
    if (zod.success) {
      assert.equal(inferRequest(body), body, JSON.stringify(body));
      continue;
    }
    refused++;
    const path = formatPath(zod.error.issues[0]!.path as (string | number)[]);
    const message = refusal(body);
    assert.ok(
      message.startsWith(`${path}: `),
      `zod: ${path}, ours: ${message}\n  for ${JSON.stringify(body)}`,
    );
  }
  // Both verdicts must have been exercised for the agreement to mean anything.
  assert.ok(refused > 1000 && refused < 4500, `${refused} refused`);
});
