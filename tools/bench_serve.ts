/**
 * `deno task bench:serve`: the prediction service under load. It copies the
 * demo model rain-tomorrow into a temporary project, starts `ratchet serve`
 * on it (prediction log on, as in production) and a bare `Deno.serve`
 * returning a constant (after reading the body, as any HTTP/1.1 server
 * must), each in its own process, and drives both with `wrk` where it is
 * installed, else with autocannon from this process: `--connections`
 * connections (default 32)
 * sending single-row predictions for `--duration` seconds (default 10)
 * after a 2-second warm-up. Both run with V8's single-threaded garbage
 * collector and a 2 MB young generation, as `deno task serve` runs the
 * service. Prints one JSON line per
 * case:
 *
 * `{"case", "ours_rps", "reference_rps", "ratio", "p50_ms", "p99_ms", "errors"}`
 *
 * (ratio = ours / reference; latencies of our service, measured per
 * response; errors = connection errors, timeouts and non-2xx answers),
 * followed by the reference's own `reference_p50_ms` and `reference_p99_ms`,
 * which tell how loaded the machine was.
 * Cases (`--cases`): `v1` (`POST /v1/models/{name}/predict`), `v2` (Open
 * Inference Protocol `POST /v2/models/{name}/infer`); with `--no-log` the
 * service keeps no prediction log (cases `v1-nolog`, `v2-nolog`). Targets:
 * ratio ≥ 0.6, p99 ≤ 2 ms, zero errors. The two servers are driven in
 * alternating 2-second slices, so that other work on the machine weighs on
 * both alike.
 *
 * `--load` chooses: `auto` (the default: `wrk` where it is on the PATH, as
 * the service's target reads, "autocannon, or wrk where installed"),
 * `wrk` (one thread; `apt-get install wrk`) or `autocannon`. autocannon
 * runs in JavaScript and takes about a core of a 2-core machine, which caps
 * the bare server near 100k req/s; wrk takes far less, so the bare server
 * shows what it can do and the ratio is the two servers' own (and lower).
 * Each line says which load drove it (`"load"`).
 *
 * `--soak 600` instead drives the service alone for 600 seconds, moves the
 * champion alias to a second version half-way, and prints
 * `{"case": "soak", …}` with the 5xx count, errors, the version served
 * before and after the swap, and the service's RSS (MB) at the start, the
 * middle and the end (and every tenth of the run, `rss_mb_samples`).
 *
 * @module
 */
import autocannon from "autocannon";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { ModelStore } from "../core/store/mod.ts";
import { WRK_SCRIPT, wrkInstalled, wrkLoad } from "./bench/wrk_load.ts";

const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));
const DEMO = fileURLToPath(new URL("../models/rain-tomorrow", import.meta.url));
const MODEL = "rain-tomorrow";
/** As `deno task serve` runs the service; the bare server gets it too, so that both run alike. */
const GC_FLAG = "--v8-flags=--single-threaded-gc,--max-semi-space-size=2";
const ROW = {
  season: "winter",
  precipitation: 1.2,
  precipitation_yesterday: 0,
  temp_max: 10.5,
  temp_min: 3.1,
  wind: 4.2,
  weather: "rain",
};
const CASES: Record<string, { path: string; body: string }> = {
  v1: { path: `/v1/models/${MODEL}/predict`, body: JSON.stringify({ features: ROW }) },
  v2: {
    path: `/v2/models/${MODEL}/infer`,
    body: JSON.stringify({
      inputs: Object.entries(ROW).map(([name, v]) => ({
        name,
        shape: [1],
        datatype: typeof v === "number" ? "FP64" : "BYTES",
        data: [v],
      })),
    }),
  },
};
// It reads the body it is sent: a server that leaves it unread stalls the keep-alive
// connection (Deno then answers a 500-byte body after some 800 ms).
const REFERENCE = `Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: ({ port }) => ` +
  `console.log("http://127.0.0.1:" + port) }, async (req) => { await req.arrayBuffer(); ` +
  `return new Response('{"prediction":"yes"}', { headers: { "content-type": "application/json" } }); });`;

const HELP = `Usage: deno task bench:serve [options]

Load-tests the prediction service against a bare Deno.serve returning a
constant, on loopback, with the same load, and prints one JSON line per case:
{"case", "ours_rps", "reference_rps", "ratio", "p50_ms", "p99_ms", "errors", …}
Targets (32 connections, single-row predictions): ratio >= 0.6, p99 <= 2 ms,
no errors.

Options:
  --cases <list>        v1 (POST /v1/models/NAME/predict), v2 (POST
                        /v2/models/NAME/infer) (default: v1,v2)
  --duration <s>        seconds of load per case, after a 2 s warm-up,
                        in alternating 2 s slices of both servers (default: 10)
  --connections <n>     concurrent connections (default: 32)
  --load <tool>         auto (wrk where installed, else autocannon), wrk
                        (apt-get install wrk: takes less CPU, so the bare
                        server shows what it can do) or autocannon (in this
                        process; the soak always uses it) (default: auto)
  --no-log              serve without the prediction log (cases v1-nolog, …)
  --soak <s>            instead, drive the service alone for s seconds, move
                        the champion alias half-way, and report 5xx answers,
                        the versions served and the service's memory (RSS)
  -h, --help            this help

Examples:
  deno task bench:serve
  deno task bench:serve --load autocannon --duration 30
  deno task bench:serve --soak 600 > soak.json`;

/** A server in a child process. */
interface Server {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** What one load run measured: its per-response latencies (ms), requests, errors and seconds. */
interface Load {
  latencies: number[];
  requests: number;
  errors: number;
  status5xx: number;
  seconds: number;
}

/** Throughput and latency percentiles of one or more runs. */
function _merge(runs: readonly Load[]) {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const requests = runs.reduce((s, r) => s + r.requests, 0);
  return {
    rps: requests / runs.reduce((s, r) => s + r.seconds, 0),
    p50: at(0.5),
    p99: at(0.99),
    errors: runs.reduce((s, r) => s + r.errors, 0),
    status5xx: runs.reduce((s, r) => s + r.status5xx, 0),
    requests,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      duration: { type: "string", default: "10" },
      connections: { type: "string", default: "32" },
      cases: { type: "string", default: "v1,v2" },
      soak: { type: "string" },
      "no-log": { type: "boolean", default: false },
      load: { type: "string", default: "auto" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  if (values.load !== "auto" && values.load !== "autocannon" && values.load !== "wrk") {
    throw new Error(`--load must be auto, autocannon or wrk, not ${values.load}`);
  }
  if (values.soak !== undefined && values.load === "wrk") {
    throw new Error("--soak counts 5xx answers, which only autocannon reports: drop --load wrk");
  }
  // The soak counts 5xx answers, which only autocannon reports.
  const tool = values.load !== "auto"
    ? values.load
    : values.soak === undefined && wrkInstalled()
    ? "wrk"
    : "autocannon";
  const duration = _positive("--duration", values.duration);
  const connections = _positive("--connections", values.connections);
  const root = Deno.makeTempDirSync({ prefix: "ratchet-bench-serve-" });
  const servers: Server[] = [];
  const script = join(root, "post.lua");
  const drive: _Drive = tool === "wrk"
    ? async (url, body, seconds, connections) => ({
      ...await wrkLoad(url, body, seconds, connections, script),
      status5xx: NaN,
    })
    : _run;
  try {
    if (tool === "wrk") Deno.writeTextFileSync(script, WRK_SCRIPT);
    Deno.mkdirSync(join(root, "models"));
    await _copy(DEMO, join(root, "models", MODEL));
    const ours = await _start(
      [
        "run",
        "-A",
        GC_FLAG,
        MAIN,
        "serve",
        "--port",
        "0",
        "--root",
        root,
        "--models",
        MODEL,
        ...(values["no-log"] ? ["--no-log"] : []),
      ],
      /^ratchet serve: (http:\/\/\S+)/m,
    );
    servers.push(ours);
    if (values.soak !== undefined) {
      await _soak(root, ours, _positive("--soak", values.soak), connections);
      return;
    }
    const reference = await _start(["eval", GC_FLAG, REFERENCE], /^(http:\/\/\S+)/m);
    servers.push(reference);
    for (const name of values.cases.split(",")) {
      const kase = CASES[name];
      if (!kase) {
        throw new Error(
          `unknown case ${name}; cases: ${Object.keys(CASES).join(", ")} ` +
            `(for the service without a log add --no-log)`,
        );
      }
      // Other work on the machine comes and goes: alternate short slices of both servers.
      const slices = Math.max(1, Math.round(duration / 2));
      const mine: Load[] = [], refs: Load[] = [];
      await drive(ours.url + kase.path, kase.body, 2, connections);
      await drive(reference.url + "/", kase.body, 2, connections);
      for (let k = 0; k < slices; k++) {
        mine.push(await drive(ours.url + kase.path, kase.body, duration / slices, connections));
        refs.push(await drive(reference.url + "/", kase.body, duration / slices, connections));
      }
      const load = _merge(mine), refLoad = _merge(refs);
      console.log(JSON.stringify({
        case: values["no-log"] ? `${name}-nolog` : name,
        ours_rps: Math.round(load.rps),
        reference_rps: Math.round(refLoad.rps),
        ratio: Number((load.rps / refLoad.rps).toFixed(3)),
        p50_ms: Number(load.p50.toFixed(3)),
        p99_ms: Number(load.p99.toFixed(3)),
        errors: load.errors,
        reference_p50_ms: Number(refLoad.p50.toFixed(3)),
        reference_p99_ms: Number(refLoad.p99.toFixed(3)),
        load: tool,
      }));
    }
  } finally {
    for (const s of servers) await s.stop();
    Deno.removeSync(root, { recursive: true });
  }
}

/** Drives the service alone, swapping the champion half-way; prints the soak's figures. */
async function _soak(root: string, ours: Server, seconds: number, connections: number) {
  const store = new ModelStore(root);
  const { name: _n, version: _v, sha256: _s, ...body } = store.load(MODEL, "champion");
  const next = store.publish(MODEL, { ...body, description: `${body.description} (soak copy)` });
  const before = await _servedVersion(ours.url);
  await _run(ours.url + CASES.v1!.path, CASES.v1!.body, 2, connections);
  const started = Date.now();
  const samples: number[] = [_rssMb(ours.pid)];
  let middle = NaN;
  const sampler = setInterval(() => samples.push(_rssMb(ours.pid)), seconds * 100);
  const swap = setTimeout(() => {
    middle = _rssMb(ours.pid);
    store.setAlias(MODEL, "champion", next.version);
    console.error(
      `soak: champion → ${MODEL}@${next.version} after ${(Date.now() - started) / 1000} s`,
    );
  }, seconds * 500);
  const load = _merge([
    await _run(ours.url + CASES.v1!.path, CASES.v1!.body, seconds, connections),
  ]);
  clearInterval(sampler);
  clearTimeout(swap);
  samples.push(_rssMb(ours.pid));
  console.log(JSON.stringify({
    case: "soak",
    seconds,
    requests: load.requests,
    ours_rps: Math.round(load.rps),
    p50_ms: Number(load.p50.toFixed(3)),
    p99_ms: Number(load.p99.toFixed(3)),
    errors: load.errors,
    status_5xx: load.status5xx,
    version_before: before,
    version_after: await _servedVersion(ours.url),
    rss_mb: { start: samples[0], middle, end: samples.at(-1) },
    rss_mb_samples: samples,
  }));
}

/** A load run: autocannon ({@linkcode _run}) or wrk (`--load wrk`). */
type _Drive = (url: string, body: string, seconds: number, connections: number) => Promise<Load>;

async function _run(
  url: string,
  body: string,
  seconds: number,
  connections: number,
): Promise<Load> {
  const latencies: number[] = [];
  const instance = autocannon({
    url,
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    connections,
    duration: seconds,
  });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
  });
  const result = await instance;
  const status5xx = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => code.startsWith("5"))
    .reduce((sum, [, s]) => sum + (s as { count: number }).count, 0);
  return {
    latencies,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
    status5xx,
    seconds,
  };
}

async function _start(args: string[], ready: RegExp): Promise<Server> {
  const child = new Deno.Command(Deno.execPath(), {
    args,
    stdout: "piped",
    stderr: "inherit",
    env: { NO_COLOR: "1" },
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`server exited before it listened: ${seen}`);
    seen += value;
    const m = ready.exec(seen);
    if (m) {
      // Keep reading so the child never blocks on a full pipe.
      (async () => {
        while (!(await reader.read()).done) { /* discard */ }
      })();
      return {
        url: m[1]!,
        pid: child.pid,
        async stop() {
          try {
            child.kill("SIGTERM");
          } catch { /* already gone */ }
          await child.status;
        },
      };
    }
  }
}

async function _servedVersion(url: string): Promise<number> {
  return (await (await fetch(`${url}/v1/models/${MODEL}`)).json()).version;
}

function _rssMb(pid: number): number {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 102.4) / 10;
}

async function _copy(from: string, to: string): Promise<void> {
  const cp = await new Deno.Command("cp", { args: ["-r", from, to] }).output();
  if (!cp.success) throw new Error(`cp -r ${from} ${to} failed`);
}

function _positive(flag: string, text: string): number {
  const x = Number(text);
  if (!(x > 0) || !Number.isFinite(x)) throw new Error(`${flag} must be a number above 0`);
  return x;
}

if (import.meta.main) await main();
