import assert from "node:assert/strict";
import { formatPredictions } from "../predict/mod.ts";
import type { Project } from "../project/mod.ts";
import { tableFromRows } from "../table/mod.ts";
import { churnBody, postJson, publish, withModels } from "./_test_project.ts";
import { createServiceApp } from "./create_service_app.ts";
import { ModelPool } from "./model_pool.ts";
import { ServiceMetrics } from "./service_metrics.ts";

const ROWS = [
  { x: 1.5, vip: false, plan: "basic" },
  { x: -3, vip: true, plan: "pro" },
  { x: 0, vip: 1, plan: "pro" },
];

/** What `ratchet predict --format json` prints for `rows` with this model version. */
function cliJson(project: Project, name: string, rows: Record<string, unknown>[]): unknown[] {
  const model = project.model({ name, ref: undefined });
  const table = tableFromRows(rows);
  return JSON.parse(formatPredictions(model, model.predictTable(table), table, "json"));
}

function app(project: Project, options: { shadow?: boolean } = {}) {
  let n = 0;
  return createServiceApp({
    models: ModelPool.open(project, { shadow: options.shadow }),
    newId: () => `id-${++n}`,
  });
}

Deno.test("a row in, the prediction as `ratchet predict --format json` prints it, with model, version and id", () =>
  withModels(async (project) => {
    const res = await app(project).request(
      "/v1/models/churn/predict",
      postJson({ features: ROWS[0] }),
    );
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/json");
    const body = await res.json();
    assert.deepEqual(Object.keys(body), ["model", "version", "id", "prediction", "probabilities"]);
    assert.deepEqual(body, {
      model: "churn",
      version: 1,
      id: "id-1",
      ...cliJson(project, "churn", [ROWS[0]!])[0]!,
    });
  }));

Deno.test("rows in, one prediction per row in order, each with its id (given or made)", () =>
  withModels(async (project) => {
    const service = app(project);
    const made = await (await service.request("/v1/models/churn/predict", postJson({ rows: ROWS })))
      .json();
    const expected = cliJson(project, "churn", ROWS);
    assert.equal(made.model, "churn");
    assert.equal(made.version, 1);
    assert.deepEqual(made.predictions.map((p: { id: string }) => p.id), ["id-1", "id-2", "id-3"]);
    assert.deepEqual(made.predictions.map(({ id: _, ...p }: { id: string }) => p), expected);
    const given = await (await service.request(
      "/v1/models/price/predict",
      postJson({ ids: ["a", "b"], rows: [{ x: 14 }, { x: null }] }),
    )).json();
    assert.deepEqual(given.predictions, [
      { id: "a", prediction: 3 + 2 * ((14 - 10) / 4) },
      { id: "b", prediction: 3 },
    ]);
  }));

Deno.test("/versions/{v}/predict answers with that version; the champion route with the champion", () =>
  withModels(async (project) => {
    const v2 = publish(project, "churn", churnBody(2), false);
    const service = app(project);
    const champion =
      await (await service.request("/v1/models/churn/predict", postJson({ features: ROWS[0] })))
        .json();
    const second = await (await service.request(
      `/v1/models/churn/versions/${v2}/predict`,
      postJson({ features: ROWS[0] }),
    )).json();
    assert.equal(champion.version, 1);
    assert.equal(second.version, v2);
    assert.notEqual(second.probabilities.yes, champion.probabilities.yes);
    const first = await (await service.request(
      "/v1/models/churn/versions/1/predict",
      postJson({ features: ROWS[0] }),
    )).json();
    assert.deepEqual(first, { ...champion, id: first.id });
  }));

Deno.test("GET /v1/models lists each model's version, task, labels and features", () =>
  withModels(async (project) => {
    const service = app(project);
    const all = await (await service.request("/v1/models")).json();
    assert.deepEqual(all.map((m: { name: string }) => m.name), ["boom", "churn", "price"]);
    const churn = await (await service.request("/v1/models/churn")).json();
    assert.deepEqual(churn, {
      name: "churn",
      version: 1,
      task: "binary",
      labels: ["no", "yes"],
      features: [
        { name: "x", type: "number" },
        { name: "vip", type: "boolean" },
        { name: "plan", type: "category", levels: ["basic", "pro"] },
      ],
      challenger: null,
    });
  }));

Deno.test("/openapi.json documents every route from the validating schemas, and each model's features", () =>
  withModels(async (project) => {
    const doc = await (await app(project).request("/openapi.json")).json();
    assert.equal(doc.openapi, "3.1.0");
    for (
      const path of [
        "/v1/models/{name}/predict",
        "/v1/models/{name}/versions/{version}/predict",
        "/v1/models/{name}/outcomes",
        "/v2/health/live",
        "/v2/health/ready",
        "/v2/models/{name}",
        "/v2/models/{name}/infer",
        "/v2/models/{name}/versions/{version}/infer",
        "/metrics",
      ]
    ) {
      assert.ok(doc.paths[path], `${path} is documented`);
    }
    const body =
      doc.paths["/v1/models/{name}/predict"].post.requestBody.content["application/json"];
    assert.deepEqual(body.schema, { $ref: "#/components/schemas/PredictRequest" });
    assert.deepEqual(
      doc.components.schemas.PredictRowRequest.required,
      ["features"],
    );
    const churn = doc.components.schemas["churn.features"];
    assert.deepEqual(churn.required, ["x", "vip", "plan"]);
    assert.equal(churn.additionalProperties, false);
    assert.deepEqual(churn.properties.x.type, ["number", "null"]);
  }));

Deno.test("health: live always, ready until shutdown begins (then 503)", () =>
  withModels(async (project) => {
    let ready = true;
    const service = createServiceApp({ models: ModelPool.open(project), ready: () => ready });
    assert.deepEqual(await (await service.request("/v2/health/live")).json(), { live: true });
    assert.deepEqual(await (await service.request("/v2")).json(), {
      name: "ratchet",
      version: "0.1.0",
      extensions: [],
    });
    assert.deepEqual(await (await service.request("/v2/health/ready")).json(), { ready: true });
    ready = false;
    const res = await service.request("/v2/health/ready");
    assert.equal(res.status, 503);
    assert.deepEqual(await res.json(), { ready: false });
    assert.deepEqual(await (await service.request("/v2/models/churn/ready")).json(), {
      name: "churn",
      ready: false,
    });
  }));

Deno.test("a challenger in shadow predicts every champion request but never shows in the answer", () =>
  withModels(async (project) => {
    const v2 = publish(project, "churn", churnBody(3), false);
    project.store.setAlias("churn", "challenger", v2);
    const counted = new ServiceMetrics();
    const service = createServiceApp({
      models: ModelPool.open(project, { shadow: true }),
      metrics: counted,
    });
    const body = await (await service.request("/v1/models/churn/predict", postJson({ rows: ROWS })))
      .json();
    assert.equal(body.version, 1);
    assert.deepEqual(
      body.predictions.map(({ id: _, ...p }: { id: string }) => p),
      cliJson(project, "churn", ROWS),
    );
    const text = counted.render();
    const shadowed = [
      ...text.matchAll(
        /ratchet_predicted_labels_total\{model="churn",version="2",role="shadow",label="(\w+)"\} (\d+)/g,
      ),
    ]
      .reduce((sum, m) => sum + Number(m[2]), 0);
    assert.equal(shadowed, ROWS.length);
    assert.equal((await (await service.request("/v1/models/churn")).json()).challenger, v2);
  }));

Deno.test("requests after the first of their shape (read by its template) are answered alike", () =>
  withModels(async (project) => {
    // One service sees each body after one of the same shape; a fresh service reads it in full.
    const warm = app(project);
    const v1 = (row: Record<string, unknown>) => JSON.stringify({ features: row });
    const v2 = (row: Record<string, unknown>) =>
      JSON.stringify({
        inputs: Object.entries(row).map(([name, v]) => ({
          name,
          shape: [1],
          datatype: name === "plan" ? "BYTES" : name === "vip" ? "BOOL" : "FP64",
          data: [v],
        })),
      });
    const bad = { x: "1", vip: true, plan: "pro" }, unknown = { x: 1, vip: true, plan: "gold" };
    for (const [path, body] of [["predict", v1], ["infer", v2]] as const) {
      const url = `/${path === "predict" ? "v1" : "v2"}/models/churn/${path}`;
      await warm.request(url, postJson(body(ROWS[0]!)));
      for (const row of [...ROWS, bad, unknown]) {
        const [a, b] = await Promise.all([warm, app(project)].map(async (service) => {
          const res = await service.request(url, postJson(body(row)));
          const { id: _, ...rest } = await res.json();
          return [res.status, rest];
        }));
        assert.deepEqual(a, b, `${path} ${JSON.stringify(row)}`);
      }
    }
  }));

Deno.test("on a server, the hot routes answer without a promise (Deno's fast path), errors too, and a slow body alike", () =>
  withModels(async (project) => {
    const service = app(project);
    const kinds: string[] = [];
    let answered = Promise.withResolvers<void>();
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
      const res = service.fetch(req);
      kinds.push(res instanceof Response ? "now" : "later");
      answered.resolve();
      return res;
    });
    const url = `http://127.0.0.1:${server.addr.port}`;
    try {
      const predict = await fetch(
        `${url}/v1/models/churn/predict`,
        postJson({ features: ROWS[0] }),
      );
      assert.deepEqual((await predict.json()).id, "id-1");
      const infer = await fetch(
        `${url}/v2/models/churn/infer`,
        postJson({
          inputs: Object.entries(ROWS[1]!).map(([name, v]) => ({
            name,
            shape: [1],
            datatype: typeof v === "number" ? "FP64" : typeof v === "boolean" ? "BOOL" : "BYTES",
            data: [v],
          })),
        }),
      );
      assert.equal(infer.status, 200, await infer.clone().text());
      assert.equal((await infer.json()).model_version, "1");
      const bad = await fetch(`${url}/v1/models/churn/predict`, postJson({ features: { x: 1 } }));
      assert.equal(bad.status, 400);
      assert.match((await bad.json()).error, /vip/);
      const utf8 = await fetch(`${url}/v1/models/churn/predict`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: new Uint8Array([0x7b, 0xff, 0x7d]),
      });
      assert.equal(utf8.status, 400);
      assert.match((await utf8.json()).error, /UTF-8/);
      assert.deepEqual(kinds, ["now", "now", "now", "now"]);

      // Headers first, the body a moment later: the same answer, by the promise.
      const body = JSON.stringify({ features: ROWS[0] });
      answered = Promise.withResolvers<void>();
      const conn = await Deno.connect({ hostname: "127.0.0.1", port: server.addr.port });
      try {
        await conn.write(new TextEncoder().encode(
          `POST /v1/models/churn/predict HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n` +
            `content-length: ${body.length}\r\nconnection: close\r\n\r\n${body.slice(0, 4)}`,
        ));
        await answered.promise; // the app has seen the request, before the body is all sent
        await conn.write(new TextEncoder().encode(body.slice(4)));
        let reply = "";
        const buf = new Uint8Array(4096);
        for (let n; (n = await conn.read(buf)) !== null;) {
          reply += new TextDecoder().decode(buf.subarray(0, n));
        }
        assert.match(reply, /^HTTP\/1.1 200/);
        const json = JSON.parse(reply.slice(reply.indexOf("\r\n\r\n") + 4));
        assert.deepEqual([json.id, json.prediction], [
          "id-3",
          (cliJson(project, "churn", [ROWS[0]!])[0] as { prediction: unknown }).prediction,
        ]);
      } finally {
        conn.close();
      }
      assert.equal(kinds[4], "later");
    } finally {
      await server.shutdown();
    }
  }));
