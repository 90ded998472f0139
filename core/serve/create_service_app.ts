/**
 * The prediction service: `createServiceApp(deps) → Hono`, stateless apart
 * from the models it holds (and what it buffers for the log and counts for
 * `/metrics`). Tested with `app.request()`; `startService` puts it on a
 * port.
 *
 * @module
 */
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { RatchetError } from "../errors/mod.ts";
import { predictionOf } from "../model/mod.ts";
import { ROUTES } from "./api_routes.ts";
import { hotRoute } from "./hot_route.ts";
import { inferResponse, modelMetadata } from "./inference_v2.ts";
import type { ModelPool } from "./model_pool.ts";
import { outcomeRequest } from "./outcome_request.ts";
import type { PredictionLog } from "./prediction_log.ts";
import { readBodyText, readJsonBody } from "./read_json_body.ts";
import { readInferRequest } from "./read_infer_request.ts";
import { readPredictRequest } from "./read_predict_request.ts";
import { predictionText } from "./predict_response.ts";
import { idMaker, predictAndLog, type ServiceContext } from "./service_context.ts";
import { type ServiceLimits, serviceLimits } from "./service_limits.ts";
import { ServiceMetrics } from "./service_metrics.ts";

/** What the service app needs. */
export interface ServiceDeps {
  /** The models it answers for (see `ModelPool.open`). */
  readonly models: ModelPool;
  /** Where predictions and outcomes go; without one nothing is logged and outcomes are refused. */
  readonly log?: PredictionLog | undefined;
  /** Metrics to count into; default a fresh set. */
  readonly metrics?: ServiceMetrics | undefined;
  /** Request limits over the defaults (1 MiB bodies, 1000 rows, depth 32, 4096 keys). */
  readonly limits?: Partial<ServiceLimits> | undefined;
  /** Whether `/v2/health/ready` answers ready (false while shutting down); default always. */
  readonly ready?: (() => boolean) | undefined;
  /** Makes row and request ids; default a random prefix and a counter. */
  readonly newId?: (() => string) | undefined;
  /** The clock of the log; default the wall clock. */
  readonly now?: (() => Date) | undefined;
}

type _Route = (typeof ROUTES)[keyof typeof ROUTES];

/** What a handler reads of its request: the request and its path parameters (Hono's `c.req`). */
interface _Request {
  readonly raw: Request;
  param(key: string): string | undefined;
}

type _Handler = (req: _Request, seen: { model: string }) => Response | Promise<Response>;

/**
 * Builds the prediction service app.
 *
 * @example
 * ```ts
 * import { createServiceApp, ModelPool } from "./mod.ts";
 * import { openProject } from "../project/mod.ts";
 * import { validateArtifactBody } from "../artifact/mod.ts";
 * const root = Deno.makeTempDirSync();
 * const project = await openProject(root);
 * project.store.publish("double", validateArtifactBody({
 *   format: "ratchet.model/v1", plugin: { id: "linear", version: "^1.0.0" }, task: "regression",
 *   features: [{ name: "x", type: "number" }], target: { name: "y" },
 *   coefficients: { intercept: 0, weights: [2] },
 *   provenance: { created: "2026-01-01T00:00:00Z", source: "hand-written" },
 * }, "example"));
 * const app = createServiceApp({ models: ModelPool.open(project) });
 * const res = await app.request("/v1/models/double/predict", {
 *   method: "POST", headers: { "content-type": "application/json" }, body: '{"features": {"x": 21}}',
 * });
 * const body = await res.json();
 * if (body.prediction !== 42 || body.version !== 1) throw new Error(JSON.stringify(body));
 * Deno.removeSync(root, { recursive: true });
 * ```
 */
export function createServiceApp(deps: ServiceDeps): OpenAPIHono {
  const ctx: ServiceContext = {
    models: deps.models,
    log: deps.log,
    metrics: deps.metrics ?? new ServiceMetrics(),
    limits: serviceLimits(deps.limits),
    newId: deps.newId ?? idMaker(),
    now: deps.now ?? (() => new Date()),
    ready: deps.ready ?? (() => true),
  };
  const pool = ctx.models;
  const app = new OpenAPIHono();
  // Synchronous where it can be: a Response returned (not a promise of one) goes out on
  // Deno.serve's native fast path. Errors thrown at once or later answer alike.
  const answer = (
    route: _Route,
    handler: _Handler,
    req: _Request,
  ): Response | Promise<Response> => {
    const start = performance.now();
    const seen = { model: "" };
    const done = (res: Response) => {
      ctx.metrics.request(seen.model, route.path, res.status, (performance.now() - start) / 1000);
      return res;
    };
    let res: Response | Promise<Response>;
    try {
      res = handler(req, seen);
    } catch (e) {
      return done(_error(e));
    }
    return res instanceof Response ? done(res) : res.then(done, (e) => done(_error(e)));
  };
  const on = (route: _Route, handler: _Handler) => {
    app.openAPIRegistry.registerPath(route);
    const path = route.path.replace(/\{(\w+)\}/g, ":$1");
    app.on(route.method.toUpperCase(), path, (c: Context) => answer(route, handler, c.req));
  };
  const champion = (req: _Request, seen: { model: string }) => {
    const served = pool.champion(req.param("name")!);
    seen.model = served.name;
    return served;
  };
  const version = (req: _Request, seen: { model: string }) =>
    pool.version(champion(req, seen).name, req.param("version")!);
  const predict = (pick: typeof champion, shadow: boolean): _Handler => (req, seen) => {
    const served = pick(req, seen);
    const text = readBodyText(req.raw, ctx.limits);
    const respond = (text: string) => {
      const request = readPredictRequest(text, served, ctx.limits, ctx.newId);
      const outputs = predictAndLog(ctx, served, request.rows, request.ids, request.label, shadow);
      if (request.single) {
        return new Response(predictionText(served, request.ids[0]!, outputs, 1, 0), _JSON_INIT);
      }
      const n = request.rows.length;
      return _json(200, {
        model: served.name,
        version: served.version,
        predictions: request.ids.map((id, i) => ({
          id,
          ...predictionOf(served.model, outputs, n, i),
        })),
      });
    };
    return typeof text === "string" ? respond(text) : text.then(respond);
  };
  const infer = (pick: typeof champion, shadow: boolean): _Handler => (req, seen) => {
    const served = pick(req, seen);
    const text = readBodyText(req.raw, ctx.limits);
    const respond = (text: string) => {
      const { rows, label, id: given, wanted } = readInferRequest(text, served, ctx.limits);
      const id = given ?? ctx.newId(), n = rows.length;
      const ids = n === 1 ? [id] : rows.map((_, i) => `${id}/${i}`);
      const outputs = predictAndLog(ctx, served, rows, ids, label, shadow);
      return new Response(inferResponse(served, id, outputs, n, wanted), _JSON_INIT);
    };
    return typeof text === "string" ? respond(text) : text.then(respond);
  };

  on(ROUTES.models, () => _json(200, pool.names().map((name) => _info(pool, name))));
  on(ROUTES.model, (req, seen) => _json(200, _info(pool, champion(req, seen).name)));
  const hot = { predict: predict(champion, true), infer: infer(champion, true) };
  on(ROUTES.predict, hot.predict);
  on(ROUTES.predictVersion, predict(version, false));
  on(ROUTES.outcomes, async (req, seen) => {
    const served = champion(req, seen);
    if (!ctx.log) {
      throw new RatchetError(
        "conflict",
        "This service keeps no prediction log (it was started with --no-log), so outcomes cannot be recorded",
      );
    }
    const body = await readJsonBody(req.raw, ctx.limits);
    const outcomes = outcomeRequest(body, served, ctx.limits.maxRows);
    ctx.log.recordOutcomes(served.name, outcomes);
    ctx.metrics.outcomes.inc([served.name, "accepted"], outcomes.length);
    return _json(202, { model: served.name, accepted: outcomes.length });
  });
  on(ROUTES.server, () => _json(200, { name: "ratchet", version: "0.1.0", extensions: [] }));
  on(ROUTES.live, () => _json(200, { live: true }));
  on(ROUTES.ready, () => ctx.ready() ? _json(200, { ready: true }) : _json(503, { ready: false }));
  on(
    ROUTES.modelReady,
    (req, seen) => _json(200, { name: champion(req, seen).name, ready: ctx.ready() }),
  );
  on(ROUTES.metadata, (req, seen) => {
    const served = champion(req, seen);
    return _json(200, modelMetadata(served, pool.project.store.versions(served.name)));
  });
  on(ROUTES.metadataVersion, (req, seen) => {
    const served = version(req, seen);
    return _json(200, modelMetadata(served, [served.version]));
  });
  on(ROUTES.infer, hot.infer);
  on(ROUTES.inferVersion, infer(version, false));
  on(ROUTES.metrics, () => {
    ctx.metrics.versions.clear();
    for (const name of pool.names()) {
      ctx.metrics.versions.set([name, "champion"], pool.champion(name).version);
      const challenger = pool.challenger(name);
      if (challenger) ctx.metrics.versions.set([name, "challenger"], challenger.version);
    }
    return new Response(ctx.metrics.render(), {
      headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" },
    });
  });
  app.get("/openapi.json", () => {
    const doc = app.getOpenAPI31Document({
      openapi: "3.1.0",
      info: {
        title: "ratchet prediction service",
        version: "1",
        description: "Predictions from published model versions. Each model's features are " +
          'the schema `<name>.features`; errors are {"error": "…"}.',
      },
    });
    const schemas = (doc.components ??= {}).schemas ??= {};
    for (const name of pool.names()) {
      const { $schema: _, ...schema } = z.toJSONSchema(pool.champion(name).rows.schema);
      schemas[`${name}.features`] = schema as (typeof schemas)[string];
    }
    return _json(200, doc);
  });
  app.notFound((c) =>
    _json(404, {
      error: `No route ${c.req.method} ${new URL(c.req.url).pathname}; see /openapi.json`,
    })
  );
  app.onError((e) => _error(e));
  // The two routes that carry the traffic skip the router (see hot_route.ts); app.request() too.
  const routed = app.fetch;
  app.fetch = (request, ...rest) => {
    const hit = hotRoute(request.method, request.url);
    if (hit === undefined) return routed(request, ...rest);
    const name = hit.name;
    const req: _Request = { raw: request, param: (key) => key === "name" ? name : undefined };
    return hit.kind === "predict"
      ? answer(ROUTES.predict, hot.predict, req)
      : answer(ROUTES.infer, hot.infer, req);
  };
  return app;
}

function _info(pool: ModelPool, name: string) {
  const served = pool.champion(name), m = served.model;
  return {
    name,
    version: served.version,
    task: m.task,
    labels: [...m.labels],
    features: m.preprocessor.features.map((f) => ({
      name: f.name,
      type: f.type,
      ...(f.levels ? { levels: f.levels } : {}),
    })),
    challenger: pool.challenger(name)?.version ?? null,
  };
}

/** The init of a 200 JSON response (the Response constructor only reads it). */
const _JSON_INIT: ResponseInit = { headers: { "content-type": "application/json" } };

function _json(status: number, value: unknown): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { "content-type": "application/json" },
  });
}

function _error(e: unknown): Response {
  if (e instanceof RatchetError) return _json(e.status, { error: e.message });
  console.error(e);
  return _json(500, { error: `internal error: ${e instanceof Error ? e.message : String(e)}` });
}
