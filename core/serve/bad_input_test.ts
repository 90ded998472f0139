/**
 * Bad input gets a clear error, and the service stays up: every refusal
 * below is followed by a good request that must still be answered.
 */
import assert from "node:assert/strict";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { postJson, withModels } from "./_test_project.ts";
import { createServiceApp } from "./create_service_app.ts";
import { ModelPool } from "./model_pool.ts";
import type { ServiceLimits } from "./service_limits.ts";

const GOOD = { features: { x: 1.5, vip: false, plan: "basic" } };

function service(
  project: Parameters<Parameters<typeof withModels>[0]>[0],
  limits?: Partial<ServiceLimits>,
) {
  return createServiceApp({ models: ModelPool.open(project), limits });
}

/** Sends `init` to `path`, checks the status and the message, then that a good request still works. */
async function refused(
  app: OpenAPIHono,
  path: string,
  init: RequestInit,
  status: number,
  message: RegExp,
): Promise<void> {
  const res = await app.request(path, init);
  const text = await res.text();
  assert.equal(res.status, status, `${path}: ${text}`);
  assert.equal(res.headers.get("content-type"), "application/json");
  const body = JSON.parse(text);
  assert.deepEqual(Object.keys(body), ["error"]);
  assert.match(body.error, message);
  const after = await app.request("/v1/models/churn/predict", postJson(GOOD));
  assert.equal(after.status, 200, "the service answers the next request");
  await after.body?.cancel();
}

const PREDICT = "/v1/models/churn/predict";

Deno.test("missing, unknown or mistyped features are 400 naming the field", () =>
  withModels(async (project) => {
    const app = service(project);
    const f = GOOD.features;
    await refused(
      app,
      PREDICT,
      postJson({ features: { x: 1, vip: true } }),
      400,
      /^\$\.features: missing feature "plan" \(a category level/,
    );
    await refused(
      app,
      PREDICT,
      postJson({ features: { ...f, age: 3 } }),
      400,
      /^\$\.features: unknown feature "age" \(churn@1 takes x, vip, plan\)/,
    );
    await refused(
      app,
      PREDICT,
      postJson({ features: { ...f, x: "abc" } }),
      400,
      /^\$\.features\.x: expected a finite number or null, found "abc"/,
    );
    await refused(
      app,
      PREDICT,
      postJson({ features: { ...f, vip: "yes" } }),
      400,
      /^\$\.features\.vip: expected true or false or null, found "yes"/,
    );
    await refused(
      app,
      PREDICT,
      postJson({ features: { ...f, plan: { a: 1 } } }),
      400,
      /^\$\.features\.plan: expected a category level .* found an object/,
    );
    await refused(
      app,
      PREDICT,
      postJson({ features: { ...f, plan: "gold" } }),
      400,
      /^\$\.features\.plan: "gold" is not a level churn@1 knows \(levels: "basic", "pro"\)/,
    );
    await refused(
      app,
      PREDICT,
      postJson({ features: { ...f, x: null } }),
      400,
      /^\$\.features\.x: null, and churn@1 has no imputer/,
    );
    await refused(
      app,
      PREDICT,
      postJson({ rows: [f, { ...f, x: [1] }] }),
      400,
      /^\$\.rows\[1\]\.x: expected a finite number or null, found an array/,
    );
    await refused(
      app,
      PREDICT,
      postJson({ rows: [f, 7] }),
      400,
      /^\$\.rows\[1\]: expected an object of features/,
    );
    await refused(app, PREDICT, postJson({}), 400, /^\$\.features: expected an object of features/);
    await refused(
      app,
      PREDICT,
      postJson([f]),
      400,
      /^\$: expected a JSON object; send \{"features"/,
    );
    await refused(
      app,
      PREDICT,
      postJson({ features: f, extra: 1 }),
      400,
      /^\$: unknown key "extra"/,
    );
    await refused(
      app,
      PREDICT,
      postJson({ ids: ["a"], rows: [f, f] }),
      400,
      /^\$\.ids: 1 ids for 2 rows/,
    );
    await refused(app, PREDICT, postJson({ id: 7, features: f }), 400, /^\$\.id: expected string/);
  }));

Deno.test("NaN, Infinity and 1e999 in the JSON are 400, never read as numbers", () =>
  withModels(async (project) => {
    const app = service(project);
    for (
      const [value, why] of [
        ["NaN", /holds NaN/],
        ["Infinity", /holds Infinity/],
        ["-Infinity", /holds Infinity/],
        ["1e999", /number 1e999 .* overflows/],
        ["-1E+400", /number -1E\+400/],
      ] as const
    ) {
      const text = `{"features": {"x": ${value}, "vip": false, "plan": "basic"}}`;
      await refused(app, PREDICT, postJson(text), 400, why);
    }
  }));

Deno.test("a content type other than JSON is 415", () =>
  withModels(async (project) => {
    const app = service(project);
    const body = JSON.stringify(GOOD);
    await refused(
      app,
      PREDICT,
      { method: "POST", body, headers: { "content-type": "text/csv" } },
      415,
      /must be JSON.*\(not text\/csv\)/,
    );
    await refused(
      app,
      PREDICT,
      { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } },
      415,
      /must be JSON/,
    );
  }));

Deno.test("a body over the limit is 413 without reading it; so are too many rows", () =>
  withModels(async (project) => {
    const app = service(project, { maxBodyBytes: 4096, maxRows: 10 });
    const big = JSON.stringify({ rows: Array.from({ length: 200 }, () => GOOD.features) });
    await refused(
      app,
      PREDICT,
      postJson(big, { "content-length": String(big.length) }),
      413,
      /over the limit of 4096 bytes \(Content-Length: \d+\)/,
    );
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode('{"rows": [' + "1, ".repeat(500)));
      },
    }, { highWaterMark: 0 });
    await refused(
      app,
      PREDICT,
      { method: "POST", body: endless, headers: { "content-type": "application/json" } },
      413,
      /\(the chunked body went past it\)/,
    );
    assert.ok(pulled <= 4, `${pulled} chunks read for a 4 KiB limit`);
    const rows = Array.from({ length: 11 }, () => GOOD.features);
    await refused(
      app,
      PREDICT,
      postJson({ rows }),
      413,
      /^\$\.rows: 11 rows, over the limit of 10 per request/,
    );
    const inputs = [{ name: "x", shape: [11], datatype: "FP64", data: Array(11).fill(1) }, {
      name: "vip",
      shape: [11],
      datatype: "BOOL",
      data: Array(11).fill(true),
    }, { name: "plan", shape: [11], datatype: "BYTES", data: Array(11).fill("pro") }];
    await refused(
      app,
      "/v2/models/churn/infer",
      postJson({ inputs }),
      413,
      /holds 11 rows, over the limit of 10/,
    );
  }));

Deno.test("an unknown model, version or route is 404", () =>
  withModels(async (project) => {
    const app = service(project);
    await refused(
      app,
      "/v1/models/nope/predict",
      postJson(GOOD),
      404,
      /^No model named "nope" is served here; models: boom, churn, price$/,
    );
    await refused(
      app,
      "/v1/models/churn/versions/9/predict",
      postJson(GOOD),
      404,
      /^No version 9 of churn; versions: 1$/,
    );
    for (const v of ["abc", "01", "1.0", "-1"]) {
      await refused(
        app,
        `/v1/models/churn/versions/${v}/predict`,
        postJson(GOOD),
        404,
        /versions are numbers \(1\)/,
      );
    }
    await refused(app, "/v2/models/nope", { method: "GET" }, 404, /No model named "nope"/);
    await refused(
      app,
      "/v2/models/churn/versions/7/infer",
      postJson({ inputs: [] }),
      404,
      /No version 7 of churn/,
    );
    await refused(
      app,
      "/v1/models/churn/predikt",
      postJson(GOOD),
      404,
      /^No route POST \/v1\/models\/churn\/predikt; see \/openapi\.json$/,
    );
  }));

Deno.test("JSON nested 10,000 deep or with 100,000 keys is refused with 400", () =>
  withModels(async (project) => {
    const app = service(project, { maxBodyBytes: 8 << 20 });
    const deep = '{"features": ' + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    await refused(app, PREDICT, postJson(deep), 400, /nests deeper than 32 levels/);
    const keys = Array.from({ length: 100_000 }, (_, i) => `"k${i}": 0`).join(", ");
    await refused(app, PREDICT, postJson(`{"features": {${keys}}}`), 400, /more than 4096 keys/);
  }));

Deno.test("a model producing a non-finite value is a 500 with valid JSON, never NaN on the wire", () =>
  withModels(async (project) => {
    const app = service(project);
    const ok =
      await (await app.request("/v1/models/boom/predict", postJson({ features: { x: 1 } }))).json();
    assert.equal(ok.prediction, 1e308);
    await refused(
      app,
      "/v1/models/boom/predict",
      postJson({ features: { x: 10 } }),
      500,
      /^boom@1 produced a non-finite value \(Infinity\) for \$\.features; the model is unusable/,
    );
    await refused(
      app,
      "/v1/models/boom/predict",
      postJson({ rows: [{ x: 1 }, { x: -5 }] }),
      500,
      /non-finite value \(-Infinity\) for \$\.rows\[1\]/,
    );
    await refused(
      app,
      "/v2/models/boom/infer",
      postJson({ inputs: [{ name: "x", shape: [1], datatype: "FP64", data: [3] }] }),
      500,
      /non-finite value/,
    );
  }));

Deno.test("outcomes are refused with 409 by a service that keeps no log", () =>
  withModels(async (project) => {
    const app = service(project);
    await refused(
      app,
      "/v1/models/churn/outcomes",
      postJson({ id: "r1", outcome: "yes" }),
      409,
      /keeps no prediction log/,
    );
  }));
