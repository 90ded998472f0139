import assert from "node:assert/strict";
import { hotRoute } from "./hot_route.ts";
import { postJson, withModels } from "./_test_project.ts";
import { createServiceApp } from "./create_service_app.ts";
import { ModelPool } from "./model_pool.ts";
import { ServiceMetrics } from "./service_metrics.ts";

Deno.test("hot routes: only POST to a plain model name's predict or infer; the rest is the router's", () => {
  const base = "http://127.0.0.1:8080";
  assert.deepEqual(hotRoute("POST", `${base}/v1/models/churn/predict`), {
    kind: "predict",
    name: "churn",
  });
  assert.deepEqual(hotRoute("POST", `${base}/v2/models/rain.tomorrow_2/infer?trace=1`), {
    kind: "infer",
    name: "rain.tomorrow_2",
  });
  for (
    const path of [
      "/v1/models/churn/predict/",
      "/v1/models//predict",
      "/v1/models/predict",
      "/v1/models/ch%75rn/predict",
      "/v1/models/churn/versions/2/predict",
      "/v2/models/churn/versions/2/infer",
      "/v1/models/churn/infer",
      "/v2/models/churn/predict",
      "/v1/models/churn/outcomes",
      "//v1/models/churn/predict",
      "/v1/models/churn/predictx",
    ]
  ) assert.equal(hotRoute("POST", base + path), undefined, path);
  assert.equal(hotRoute("GET", `${base}/v1/models/churn/predict`), undefined);
  assert.equal(hotRoute("POST", "/v1/models/churn/predict"), undefined);
});

Deno.test("a hot route answers as the router does: same status, body and metrics, errors included", () =>
  withModels(async (project) => {
    const metrics = new ServiceMetrics();
    const app = createServiceApp({
      models: ModelPool.open(project),
      metrics,
      newId: () => "id", // both ways answer with the same ids
    });
    const v2 = (x: unknown) => ({
      inputs: [
        { name: "x", shape: [1], datatype: "FP64", data: [x] },
        { name: "vip", shape: [1], datatype: "BOOL", data: [false] },
        { name: "plan", shape: [1], datatype: "BYTES", data: ["pro"] },
      ],
    });
    const cases: [string, string, unknown][] = [
      ["/v1/models/churn/predict", "/v1/models/ch%75rn/predict", {
        features: { x: 1, vip: true, plan: "pro" },
      }],
      ["/v1/models/churn/predict", "/v1/models/ch%75rn/predict", { features: { x: "1" } }],
      ["/v1/models/nope/predict", "/v1/models/n%6Fpe/predict", { features: {} }],
      ["/v2/models/churn/infer", "/v2/models/ch%75rn/infer", v2(2.5)],
      ["/v2/models/churn/infer", "/v2/models/ch%75rn/infer", v2("x")],
    ];
    for (const [hot, routed, body] of cases) {
      assert.ok(hotRoute("POST", `http://h${hot}`) && !hotRoute("POST", `http://h${routed}`));
      const a = await app.request(hot, postJson(body));
      const b = await app.request(routed, postJson(body));
      assert.equal(a.status, b.status, hot);
      assert.equal(a.headers.get("content-type"), b.headers.get("content-type"), hot);
      assert.deepEqual(await a.json(), await b.json(), hot);
    }
    const text = metrics.render();
    // Both ways count under the route's template, never under the path as sent.
    assert.match(text, /route="\/v1\/models\/\{name\}\/predict",status="200"\} 2\n/);
    assert.match(text, /route="\/v2\/models\/\{name\}\/infer",status="400"\} 2\n/);
    assert.doesNotMatch(text, /%75/);
  }));
