import assert from "node:assert/strict";
import { postJson, withModels } from "./_test_project.ts";
import { createServiceApp } from "./create_service_app.ts";
import { ModelPool } from "./model_pool.ts";

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
