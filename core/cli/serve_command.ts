/**
 * `ratchet serve`: the prediction web service.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { invalid } from "../errors/mod.ts";
import { listOption } from "./list_option.ts";
import { rootOption } from "./root_option.ts";

/**
 * Builds the `serve` command.
 *
 * @example
 * ```ts
 * import { serveCommand } from "./serve_command.ts";
 * const help = serveCommand().helpInformation();
 * if (!help.includes("--port <port>") || !help.includes("--shadow")) throw new Error(help);
 * ```
 */
export function serveCommand(): Command {
  return new Command("serve")
    .description(
      "Serve predictions over HTTP: JSON and Open Inference Protocol v2, metrics, a prediction log",
    )
    .option("--port <port>", "port to listen on (0: any free port)", "8080")
    .option("--host <address>", "address to listen on", "127.0.0.1")
    .option(
      "--allow-remote",
      "allow a --host other than loopback (the service has no authentication: put it behind a proxy that has)",
    )
    .option("--models <names>", "comma-separated models to serve (default: all)", listOption)
    .option(
      "--shadow",
      "let each model's challenger predict every request too, logged, not returned",
    )
    .option(
      "--log-dir <dir>",
      "project folder whose data/ receives the prediction log datasets live-<model> (default: --root)",
    )
    .option("--no-log", "keep no prediction log (outcomes are then refused)")
    .option(
      "--flush-rows <n>",
      "write the log every n rows (more: fewer, bigger files, more memory)",
      "50000",
    )
    .option("--flush-seconds <s>", "and every s seconds", "60")
    .option("--max-rows <n>", "most rows in one request", "1000")
    .option("--max-body <bytes>", "largest request body", String(1 << 20))
    .addOption(rootOption())
    .addHelpText(
      "after",
      `
Routes: POST /v1/models/NAME/predict (and /v1/models/NAME/versions/N/predict)
take {"features": {…}} or {"rows": [{…}, …]} and answer with the model, the
version, and per row an id, the prediction and (classifiers) the probabilities,
as \`ratchet predict --format json\` prints them. The Open Inference Protocol v2
(KServe, Seldon) is at /v2/…; Prometheus metrics at /metrics; the OpenAPI
document, each model's features included, at /openapi.json.

Each model answers with its champion (or its latest version), reloaded within
a second when \`ratchet models alias\` moves it; requests in flight finish on
the version they started with. With --shadow the challenger predicts every
request too: its predictions are logged and counted, never returned. Errors
are {"error": "…"} with status 400 (the field named), 404, 413, 415 or 500.
SIGINT or SIGTERM stops taking requests, finishes those in flight and flushes
the prediction log (a second signal stops at once, without flushing).

The log appends every predicted row (request_id, request_time, model_version,
the features, prediction, p_<label>…, shadow_*, and the target column) to the
dataset live-<model>, partitioned by day, a file per flush; a day's small
files are merged and compressed as they pile up and once the day is over, by a
short-lived child process (so the service's memory stays level). Post outcomes
under the ids the service returned, and now-test the model on live traffic
(drift against the training window of the dataset it learned from, or
--reference FROM..TO days):
  ratchet nowtest churn --dataset live-churn --window 7d

It listens on 127.0.0.1 unless given --host with --allow-remote: anyone who
reaches it can predict and post outcomes.

Under load, run it with V8's single-threaded garbage collector and a small
young generation: \`deno task serve …\` is
\`deno run -A --v8-flags=--single-threaded-gc,--max-semi-space-size=2 main.ts serve …\`.
The service's young objects die fast, and on a small machine waking helper
threads for each short collection costs more than it saves (about 9% more
requests a second on 2 cores); a 2 MB young generation (V8 grows it to 8 MB
under load), whose collections touch less memory, about 8% more.

Examples:
  ratchet serve --models churn --port 8080 --shadow
  curl -s localhost:8080/v1/models/churn/predict -H 'content-type: application/json' \\
    -d '{"features": {"tenure": 3, "plan": "basic"}}'
  curl -s localhost:8080/v1/models/churn/predict -H 'content-type: application/json' \\
    -d '{"rows": [{"tenure": 3, "plan": "basic"}, {"tenure": 40, "plan": "pro"}]}'
  curl -s localhost:8080/v1/models/churn/outcomes -H 'content-type: application/json' \\
    -d '{"id": "<id from the answer>", "outcome": "yes"}'
  curl -s localhost:8080/v2/models/churn/infer -H 'content-type: application/json' \\
    -d '{"inputs": [{"name": "tenure", "shape": [1], "datatype": "FP64", "data": [3]},
                    {"name": "plan", "shape": [1], "datatype": "BYTES", "data": ["basic"]}]}'
  curl -s localhost:8080/metrics; curl -s localhost:8080/openapi.json`,
    )
    .action(async (opts) => {
      const port = _count("--port", opts.port, 0);
      if (!opts.allowRemote && !_loopback(opts.host)) {
        throw invalid(
          `--host ${opts.host} is not a loopback address: the service has no authentication, ` +
            `so anyone who can reach it can predict and post outcomes. Add --allow-remote ` +
            `(behind a proxy or firewall that controls access), or use --host 127.0.0.1`,
        );
      }
      const { startService } = await import("../serve/mod.ts");
      const service = await startService({
        root: opts.root,
        host: opts.host,
        port,
        models: opts.models,
        shadow: opts.shadow ?? false,
        log: opts.log === false ? false : {
          root: opts.logDir,
          flushRows: _count("--flush-rows", opts.flushRows, 1),
          flushSeconds: _count("--flush-seconds", opts.flushSeconds, 1),
        },
        limits: {
          maxRows: _count("--max-rows", opts.maxRows, 1),
          maxBodyBytes: _count("--max-body", opts.maxBody, 1),
        },
      });
      const served = service.models.names().map((n) =>
        `${n}@${service.models.champion(n).version}` +
        (service.models.challenger(n) ? ` (shadow @${service.models.challenger(n)!.version})` : "")
      );
      console.log(`ratchet serve: ${service.url} serving ${served.join(", ")}`);
      console.log(
        service.log
          ? `prediction log: ${service.log.root}/data/live-<model> (every ${service.log.flushRows} rows or ${service.log.flushSeconds} s)`
          : "prediction log: off",
      );
      const stopped = Promise.withResolvers<void>();
      let signals = 0;
      const stop = () => {
        // A second signal while the log flushes: stop now, and say what is lost.
        if (++signals > 1) {
          console.error(
            `ratchet serve: stopped before the log was flushed (${
              service.log?.pending ?? 0
            } rows not written)`,
          );
          Deno.exit(130);
        }
        stopped.resolve();
      };
      for (const signal of ["SIGINT", "SIGTERM"] as const) Deno.addSignalListener(signal, stop);
      await stopped.promise;
      console.log("ratchet serve: stopping");
      const flushed = await service.shutdown();
      for (const signal of ["SIGINT", "SIGTERM"] as const) Deno.removeSignalListener(signal, stop);
      console.log(
        flushed
          ? `ratchet serve: stopped; log flushed (${flushed.rows} rows, ${flushed.matched} outcomes)`
          : "ratchet serve: stopped",
      );
    }) as unknown as Command;
}

function _count(flag: string, text: string, min: number): number {
  const x = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(x) || x < min) {
    throw invalid(`Invalid ${flag} ${JSON.stringify(text)}: expected a whole number ≥ ${min}`);
  }
  if (flag === "--port" && x > 65535) throw invalid(`Invalid --port ${x}: ports go up to 65535`);
  return x;
}

function _loopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" ||
    /^127\.\d+\.\d+\.\d+$/.test(host);
}
