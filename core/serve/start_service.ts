/**
 * The prediction service on a port: the app, its models reloaded when their
 * aliases change, its log flushed on a timer, and a shutdown that stops
 * taking connections, lets requests in flight finish, then flushes the log.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import { openProject } from "../project/mod.ts";
import { createServiceApp } from "./create_service_app.ts";
import { ModelPool } from "./model_pool.ts";
import { type FlushResult, PredictionLog } from "./prediction_log.ts";
import type { ServiceLimits } from "./service_limits.ts";
import { ServiceMetrics } from "./service_metrics.ts";

/** Options of {@linkcode startService}. */
export interface StartServiceOptions {
  /** The project folder; default the current folder. */
  readonly root?: string | undefined;
  /** Address to listen on; default 127.0.0.1. */
  readonly host?: string | undefined;
  /** Port; default 8080, 0 for any free port. */
  readonly port?: number | undefined;
  /** Models to serve; default every model of the project. */
  readonly models?: readonly string[] | undefined;
  /** Let each model's challenger predict every request in shadow. */
  readonly shadow?: boolean | undefined;
  /** The prediction log: false for none; default into the project's data/. */
  readonly log?: false | {
    /** The project folder whose `data/` receives `live-<model>`; default `root`. */
    readonly root?: string | undefined;
    /** Rows buffered before a flush; default 50,000. */
    readonly flushRows?: number | undefined;
    /** Seconds between flushes; default 60. */
    readonly flushSeconds?: number | undefined;
  } | undefined;
  /** Request limits over the defaults. */
  readonly limits?: Partial<ServiceLimits> | undefined;
  /** Seconds between checks of the models' aliases; default 1. */
  readonly reloadSeconds?: number | undefined;
  /** Where swaps are reported; default stdout. */
  readonly info?: ((message: string) => void) | undefined;
  /** Where reload and log failures are reported; default stderr. */
  readonly warn?: ((message: string) => void) | undefined;
}

/** A service listening. */
export interface RunningService {
  /** `http://host:port`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** The models it answers with. */
  readonly models: ModelPool;
  /** Its prediction log, unless started without one. */
  readonly log: PredictionLog | undefined;
  /** Its metrics. */
  readonly metrics: ServiceMetrics;
  /**
   * Stops taking connections, waits for requests in flight, stops the
   * reloads and flushes the log (its result; undefined without a log).
   * Calling it again returns the same promise.
   */
  shutdown(): Promise<FlushResult | undefined>;
}

/**
 * Starts the prediction service.
 *
 * @example
 * ```ts ignore
 * const service = await startService({ root: ".", port: 0, models: ["rain-tomorrow"] });
 * console.log(await (await fetch(`${service.url}/v2/health/ready`)).json());
 * await service.shutdown();
 * ```
 */
export async function startService(options: StartServiceOptions = {}): Promise<RunningService> {
  const info = options.info ?? ((m: string) => console.log(m));
  const warn = options.warn ?? ((m: string) => console.error(`warning: ${m}`));
  const project = await openProject(options.root ?? ".");
  const metrics = new ServiceMetrics();
  const models = ModelPool.open(project, { models: options.models, shadow: options.shadow });
  const log = options.log === false ? undefined : new PredictionLog({
    root: options.log?.root ?? project.root,
    metrics,
    warn,
    ...(options.log?.flushRows ? { flushRows: options.log.flushRows } : {}),
    ...(options.log?.flushSeconds ? { flushSeconds: options.log.flushSeconds } : {}),
  });
  for (const name of models.names()) log?.schema(models.champion(name));
  let accepting = true;
  const app = createServiceApp({
    models,
    log,
    metrics,
    limits: options.limits,
    ready: () => accepting,
  });
  const port = options.port ?? 8080;
  const listening = Promise.withResolvers<Deno.NetAddr>();
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve(
      { hostname: options.host ?? "127.0.0.1", port, onListen: (addr) => listening.resolve(addr) },
      app.fetch,
    );
  } catch (e) {
    if (e instanceof Deno.errors.AddrInUse) {
      throw invalid(`Port ${port} is in use: pick another with --port N, or --port 0 for any`);
    }
    throw e;
  }
  const addr = await listening.promise;
  const reload = setInterval(() => {
    const { changes, errors } = models.refresh();
    for (const c of changes) {
      metrics.swaps.inc([c.name, c.role]);
      info(`${c.name}: ${c.role} ${c.from ?? "none"} → ${c.to ?? "none"}`);
    }
    for (const e of errors) {
      metrics.reloadErrors.inc([e.slice(0, e.indexOf(":"))]);
      warn(`${e} (the version loaded before keeps serving)`);
    }
  }, (options.reloadSeconds ?? 1) * 1000);
  log?.start();
  let stopping: Promise<FlushResult | undefined> | undefined;
  const host = addr.hostname.includes(":") ? `[${addr.hostname}]` : addr.hostname;
  return {
    url: `http://${host}:${addr.port}`,
    port: addr.port,
    models,
    log,
    metrics,
    shutdown() {
      stopping ??= (async () => {
        accepting = false;
        clearInterval(reload);
        await server.shutdown();
        return await log?.close();
      })();
      return stopping;
    },
  };
}
