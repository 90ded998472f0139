import assert from "node:assert/strict";
import type { Label } from "../artifact/mod.ts";
import { PluginRegistry } from "../contract/mod.ts";
import { compileModel } from "../model/mod.ts";
import logistic from "../../plugins/logistic/mod.ts";
import { churnBody, postJson, publish, withModels } from "./_test_project.ts";
import { InferResponseSchema } from "./api_schemas.ts";
import { createServiceApp } from "./create_service_app.ts";
import { inferResponse } from "./inference_v2.ts";
import { ModelPool } from "./model_pool.ts";
import { serveModel } from "./served_model.ts";

const INPUTS = [
  { name: "x", shape: [2], datatype: "FP64", data: [1.5, -3] },
  { name: "vip", shape: [2], datatype: "BOOL", data: [false, true] },
  { name: "plan", shape: [2, 1], datatype: "BYTES", data: [["basic"], ["pro"]] },
];

Deno.test("model metadata: one input tensor per feature, predict and predict_proba outputs", () =>
  withModels(async (project) => {
    const app = createServiceApp({ models: ModelPool.open(project) });
    assert.deepEqual(await (await app.request("/v2/models/churn")).json(), {
      name: "churn",
      versions: ["1"],
      platform: "ratchet/logistic",
      inputs: [
        { name: "x", datatype: "FP64", shape: [-1] },
        { name: "vip", datatype: "BOOL", shape: [-1] },
        { name: "plan", datatype: "BYTES", shape: [-1] },
      ],
      outputs: [
        { name: "predict", datatype: "BYTES", shape: [-1] },
        { name: "predict_proba", datatype: "FP64", shape: [-1, 2] },
      ],
    });
    const price = await (await app.request("/v2/models/price/versions/1")).json();
    assert.deepEqual(price.outputs, [{ name: "predict", datatype: "FP64", shape: [-1] }]);
  }));

Deno.test("infer answers what the v1 route answers, as tensors (rows × classes, row-major)", () =>
  withModels(async (project) => {
    const app = createServiceApp({ models: ModelPool.open(project) });
    const v1 = await (await app.request(
      "/v1/models/churn/predict",
      postJson({
        rows: [{ x: 1.5, vip: false, plan: "basic" }, { x: -3, vip: true, plan: "pro" }],
      }),
    )).json();
    const res = await app.request(
      "/v2/models/churn/infer",
      postJson({ id: "req-7", inputs: INPUTS }),
    );
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.deepEqual(Object.keys(body), ["model_name", "model_version", "id", "outputs"]);
    assert.equal(body.model_name, "churn");
    assert.equal(body.model_version, "1");
    assert.equal(body.id, "req-7");
    const p = v1.predictions;
    assert.deepEqual(body.outputs, [
      { name: "predict", shape: [2], datatype: "BYTES", data: [p[0].prediction, p[1].prediction] },
      {
        name: "predict_proba",
        shape: [2, 2],
        datatype: "FP64",
        data: [
          p[0].probabilities.no,
          p[0].probabilities.yes,
          p[1].probabilities.no,
          p[1].probabilities.yes,
        ],
      },
    ]);
    const only = await (await app.request(
      "/v2/models/churn/infer",
      postJson({
        inputs: INPUTS,
        outputs: [{ name: "predict_proba" }],
      }),
    )).json();
    assert.deepEqual(only.outputs.map((o: { name: string }) => o.name), ["predict_proba"]);
    const price = await (await app.request(
      "/v2/models/price/versions/1/infer",
      postJson({
        inputs: [{ name: "x", shape: [1], datatype: "INT32", data: [14] }],
      }),
    )).json();
    assert.deepEqual(price.outputs, [{ name: "predict", shape: [1], datatype: "FP64", data: [5] }]);
  }));

Deno.test("infer refuses tensors that do not fit the model, naming the input", () =>
  withModels(async (project) => {
    const app = createServiceApp({ models: ModelPool.open(project) });
    const cases: [unknown, RegExp][] = [
      [
        [...INPUTS, { name: "age", shape: [2], datatype: "FP64", data: [1, 2] }],
        /^\$\.inputs\[3\] \("age"\): unknown input; churn@1 takes one tensor per feature: x, vip, plan/,
      ],
      [INPUTS.slice(0, 2), /^\$\.inputs: no tensor for "plan"/],
      [[...INPUTS, INPUTS[0]], /^\$\.inputs\[3\] \("x"\): a second tensor for the same feature/],
      [
        [{ ...INPUTS[0], datatype: "BYTES" }, ...INPUTS.slice(1)],
        /^\$\.inputs\[0\] \("x"\): datatype BYTES does not fit a number feature; send FP64/,
      ],
      [
        [{ ...INPUTS[0], shape: [3] }, ...INPUTS.slice(1)],
        /^\$\.inputs\[0\] \("x"\): shape \[3\] holds 3 values, data has 2/,
      ],
      [
        [{ ...INPUTS[0], shape: [1, 2] }, ...INPUTS.slice(1)],
        /shape \[1,2\]: a feature's tensor is \[rows\] or \[rows, 1\]/,
      ],
      [
        [INPUTS[0], { ...INPUTS[1], shape: [1], data: [true] }, INPUTS[2]],
        /^\$\.inputs\[1\] \("vip"\): 1 rows, but the tensors before have 2/,
      ],
      [
        [{ ...INPUTS[0], data: [1, "two"] }, ...INPUTS.slice(1)],
        /^\$\.inputs\[0\]\.data\[1\]: expected a finite number or null, found "two"/,
      ],
      [
        [INPUTS[0], INPUTS[1], { ...INPUTS[2], data: ["basic", "gold"] }],
        /^\$\.inputs\[2\]\.data\[1\]: "gold" is not a level churn@1 knows/,
      ],
      [[{ name: "x", shape: [2], datatype: "FP99", data: [1, 2] }], /^\$\.inputs\[0\]\.datatype: /],
    ];
    for (const [inputs, message] of cases) {
      const res = await app.request("/v2/models/churn/infer", postJson({ inputs }));
      const body = await res.json();
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(body.error, message);
    }
    const res = await app.request(
      "/v2/models/price/infer",
      postJson({
        inputs: [{ name: "x", shape: [1], datatype: "FP64", data: [1] }],
        outputs: [{ name: "predict_proba" }],
      }),
    );
    assert.equal(res.status, 400);
    assert.match((await res.json()).error, /unknown output "predict_proba"; outputs: predict/);
  }));

Deno.test("tensors in any order make the same rows, and errors name the tensor as sent", () =>
  withModels(async (project) => {
    const app = createServiceApp({ models: ModelPool.open(project) });
    const infer = async (inputs: unknown) => {
      const res = await app.request("/v2/models/churn/infer", postJson({ id: "r", inputs }));
      return { status: res.status, body: await res.json() };
    };
    const inOrder = await infer(INPUTS);
    const reversed = await infer([...INPUTS].reverse());
    assert.equal(inOrder.status, 200);
    assert.deepEqual(reversed.body, inOrder.body);
    const bad = [INPUTS[2], INPUTS[1], { ...INPUTS[0], data: [1, "two"] }];
    const refused = await infer(bad);
    assert.equal(refused.status, 400);
    assert.match(refused.body.error, /^\$\.inputs\[2\]\.data\[1\]: expected a finite number/);
    const nested = await infer([
      { ...INPUTS[0], shape: [2, 1], data: [[1.5], [-3]] },
      ...INPUTS.slice(1),
    ]);
    assert.deepEqual(nested.body, inOrder.body);
  }));

Deno.test("infer refuses a malformed envelope with the path and the shape to send", () =>
  withModels(async (project) => {
    const app = createServiceApp({ models: ModelPool.open(project) });
    const cases: [unknown, RegExp][] = [
      [{}, /^\$\.inputs: missing; expected a non-empty array of input tensors/],
      [{ inputs: [] }, /^\$\.inputs: .*found an empty array/],
      [{ inputs: [{ ...INPUTS[0], data: 1.5 }] }, /^\$\.inputs\[0\]\.data: expected an array/],
      [{ inputs: [{ ...INPUTS[0], name: 1 }] }, /^\$\.inputs\[0\]\.name: expected a feature name/],
      [{ id: "", inputs: INPUTS }, /^\$\.id: expected text of 1 to 128 characters, found ""/],
      [[], /^\$: expected a JSON object/],
    ];
    for (const [body, message] of cases) {
      const res = await app.request("/v2/models/churn/infer", postJson(body));
      const { error } = await res.json();
      assert.equal(res.status, 400, error);
      assert.match(error, message);
      assert.match(error, /send \{"inputs": \[\{"name", "shape", "datatype", "data"\}, …\]\}$/);
    }
  }));

Deno.test("each version answers under its own name and number (per-model precomputation)", () =>
  withModels(async (project) => {
    publish(project, "churn", churnBody(3), false);
    const app = createServiceApp({ models: ModelPool.open(project) });
    const answers = [];
    for (const path of ["/v2/models/churn/versions/1/infer", "/v2/models/churn/versions/2/infer"]) {
      const res = await app.request(path, postJson({ inputs: INPUTS }));
      answers.push(await res.json());
    }
    assert.deepEqual(answers.map((a) => a.model_version), ["1", "2"]);
    // A larger intercept makes "yes" likelier in version 2.
    assert.ok(answers[1].outputs[1].data[1] > answers[0].outputs[1].data[1]);
  }));

Deno.test("the response text is what JSON.stringify writes, for any labels and ids", () => {
  const cases: { labels: Label[]; datatype: string }[] = [
    { labels: ["no", 'y"e\\s\u2028'], datatype: "BYTES" },
    { labels: [0, 1], datatype: "FP64" },
    { labels: [false, true], datatype: "BOOL" },
  ];
  for (const { labels, datatype } of cases) {
    const served = _binary(labels);
    const rows = [{ x: -4 }, { x: 0.5 }, { x: 3 }];
    const outputs = served.predict(rows);
    const id = 'req "7"\n\u00e9\ud83d\ude00';
    const text = inferResponse(served, id, outputs, rows.length, undefined);
    const body = JSON.parse(text);
    assert.equal(text, JSON.stringify(body));
    assert.ok(InferResponseSchema.safeParse(body).success, text);
    const p1 = [0, 1, 2].map((i) => outputs[rows.length + i]!);
    assert.deepEqual(body, {
      model_name: "flip",
      model_version: "4",
      id,
      outputs: [
        { name: "predict", shape: [3], datatype, data: p1.map((p) => labels[p > 0.5 ? 1 : 0]) },
        {
          name: "predict_proba",
          shape: [3, 2],
          datatype: "FP64",
          data: p1.flatMap((p, i) => [outputs[i], p]),
        },
      ],
    });
    const only = JSON.parse(inferResponse(served, "a", outputs, 3, ["predict_proba"]));
    assert.deepEqual(only.outputs.map((o: { name: string }) => o.name), ["predict_proba"]);
  }
});

/** A served binary logistic model on one number x, p(labels[1]) = expit(2x), version 4. */
function _binary(labels: Label[]) {
  return serveModel(compileModel({
    format: "ratchet.model/v1",
    name: "flip",
    version: 4,
    plugin: { id: "logistic", version: "^1.0.0" },
    task: "binary",
    features: [{ name: "x", type: "number" }],
    target: { name: "y", labels, positive: labels[1]! },
    preprocessing: [],
    coefficients: { link: "ovr", intercepts: [0], weights: [[2]] },
    hyperparameters: {},
    provenance: { created: "2026-01-01T00:00:00Z", source: "test" },
  }, new PluginRegistry([logistic])));
}

Deno.test("a feature named __proto__ is a feature like any other, in v1 and v2", () =>
  withModels(async (project) => {
    publish(project, "odd", {
      format: "ratchet.model/v1",
      plugin: { id: "linear", version: "^1.0.0" },
      task: "regression",
      features: [{ name: "__proto__", type: "number" }, { name: "x", type: "number" }],
      target: { name: "y" },
      coefficients: { intercept: 1, weights: [2, 10] },
      provenance: { created: "2026-01-01T00:00:00Z", source: "hand-written" },
    });
    const app = createServiceApp({ models: ModelPool.open(project) });
    const v1 = await app.request(
      "/v1/models/odd/predict",
      postJson('{"features": {"__proto__": 3, "x": 0.5}}'),
    );
    assert.equal((await v1.json()).prediction, 1 + 2 * 3 + 10 * 0.5);
    const v2 = await app.request(
      "/v2/models/odd/infer",
      postJson({
        inputs: [
          { name: "__proto__", shape: [2], datatype: "FP64", data: [3, 4] },
          { name: "x", shape: [2], datatype: "FP64", data: [0.5, 1] },
        ],
      }),
    );
    const body = await v2.json();
    assert.equal(v2.status, 200, JSON.stringify(body));
    assert.deepEqual(body.outputs[0].data, [12, 19]);
  }));
