import assert from "node:assert/strict";
import { postJson, withModels } from "./_test_project.ts";
import { createServiceApp } from "./create_service_app.ts";
import { ModelPool } from "./model_pool.ts";
import { ServiceMetrics } from "./service_metrics.ts";

/** The value of one sample line of the exposition text, or undefined. */
function sample(text: string, line: string): number | undefined {
  const found = text.split("\n").find((l) => l.startsWith(line + " "));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

Deno.test("/metrics: requests and errors by model, route and status; latency; what each model predicts", () =>
  withModels(async (project) => {
    const metrics = new ServiceMetrics();
    const app = createServiceApp({ models: ModelPool.open(project), metrics });
    const churn = "/v1/models/churn/predict";
    const rows = [
      { x: 10, vip: true, plan: "basic" },
      { x: -10, vip: false, plan: "pro" },
      { x: 8, vip: false, plan: "basic" },
    ];
    for (
      const r of [
        postJson({ rows }),
        postJson({ features: { x: "?" } }),
        postJson({ features: rows[0] }),
      ]
    ) {
      await (await app.request(churn, r)).body?.cancel();
    }
    await (await app.request(
      "/v1/models/price/predict",
      postJson({ rows: [{ x: 0 }, { x: 10 }, { x: 30 }] }),
    )).body?.cancel();
    await (await app.request("/v1/models/nope/predict", postJson({ features: {} }))).body?.cancel();
    const res = await app.request("/metrics");
    assert.equal(res.headers.get("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    const text = await res.text();
    const route = 'route="/v1/models/{name}/predict"';
    assert.equal(sample(text, `ratchet_requests_total{model="churn",${route},status="200"}`), 2);
    assert.equal(sample(text, `ratchet_requests_total{model="churn",${route},status="400"}`), 1);
    assert.equal(
      sample(text, `ratchet_request_errors_total{model="churn",${route},status="400"}`),
      1,
    );
    assert.equal(
      sample(text, `ratchet_request_errors_total{model="churn",${route},status="200"}`),
      undefined,
    );
    assert.equal(
      sample(text, `ratchet_requests_total{model="",${route},status="404"}`),
      1,
      "an unknown name is no label",
    );
    assert.equal(sample(text, `ratchet_request_duration_seconds_count{model="churn",${route}}`), 3);
    assert.equal(
      sample(text, `ratchet_request_duration_seconds_bucket{model="churn",${route},le="+Inf"}`),
      3,
    );
    assert.match(text, /# TYPE ratchet_request_duration_seconds histogram/);
    // p(yes) = expit(-1 + 0.5x + 2vip ± plan): x = 10 and 8 are "yes", x = -10 is "no".
    assert.equal(
      sample(
        text,
        'ratchet_predicted_labels_total{model="churn",version="1",role="served",label="yes"}',
      ),
      3,
    );
    assert.equal(
      sample(
        text,
        'ratchet_predicted_labels_total{model="churn",version="1",role="served",label="no"}',
      ),
      1,
    );
    // price = 3 + 2 (x - 10) / 4: -2, 3 and 13.
    const price = 'model="price",version="1",role="served"';
    assert.equal(sample(text, `ratchet_predicted_values_bucket{${price},le="-2"}`), 1);
    assert.equal(sample(text, `ratchet_predicted_values_bucket{${price},le="5"}`), 2);
    assert.equal(sample(text, `ratchet_predicted_values_bucket{${price},le="20"}`), 3);
    assert.equal(sample(text, `ratchet_predicted_values_sum{${price}}`), 14);
    assert.equal(sample(text, 'ratchet_model_version{model="churn",role="champion"}'), 1);
    for (const line of text.trim().split("\n")) {
      assert.match(
        line,
        /^(# (HELP|TYPE) \w+ .+|\w+(\{\w+="(?:[^"\\]|\\.)*"(?:,\w+="(?:[^"\\]|\\.)*")*\})? (-?[\d.e+-]+|\+Inf|NaN))$/,
        line,
      );
    }
  }));
