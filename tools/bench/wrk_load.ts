/**
 * Driving a server with `wrk` (C, one thread), for `bench:serve --load wrk`:
 * a far lighter load generator than autocannon, which runs in JavaScript
 * and, on a 2-core machine, takes about a core of its own and caps what a
 * fast server can show. A Lua script sends the POST and, when the run is
 * done, prints its counts and the whole latency histogram, so that slices of
 * a run merge into exact percentiles as autocannon's per-response latencies do.
 *
 * @module
 */

/** What one wrk run measured. */
export interface WrkResult {
  /**
   * Latencies in milliseconds from wrk's histogram (1 µs buckets): one per
   * response, and the samples wrk adds to correct for coordinated omission.
   */
  latencies: number[];
  /** Requests completed. */
  requests: number;
  /** Connect, read, write errors, timeouts and non-2xx/3xx answers. */
  errors: number;
  /** How long the run lasted, in seconds, as wrk timed it. */
  seconds: number;
}

const _MARK = "ratchet-wrk:";

/**
 * The Lua script: the method, body (from `RATCHET_WRK_BODY`) and content
 * type of every request, and a `done` that prints one line of counts and
 * the run's duration and the histogram (in µs; the histogram as
 * `value:count` pairs).
 */
export const WRK_SCRIPT = `wrk.method = "POST"
wrk.body = os.getenv("RATCHET_WRK_BODY")
wrk.headers["Content-Type"] = "application/json"
done = function(summary, latency, requests)
  local e = summary.errors
  local parts = {}
  for i = 1, #latency do
    local v, c = latency(i)
    parts[#parts + 1] = string.format("%d:%d", v, c)
  end
  io.write(string.format("${_MARK}%d %d %d %s\\n", summary.requests,
    e.connect + e.read + e.write + e.status + e.timeout, summary.duration,
    table.concat(parts, ",")))
end
`;

/**
 * Reads what {@linkcode WRK_SCRIPT}'s `done` printed among wrk's output.
 *
 * @example
 * ```ts
 * import { parseWrkOutput } from "./wrk_load.ts";
 * const r = parseWrkOutput("Running 2s test\nratchet-wrk:3 1 2000500 250:2,1500:1\n");
 * if (r.requests !== 3 || r.errors !== 1 || r.seconds !== 2.0005) throw new Error();
 * if (r.latencies.join() !== "0.25,0.25,1.5") throw new Error();
 * ```
 */
export function parseWrkOutput(text: string): WrkResult {
  const line = text.split("\n").find((l) => l.startsWith(_MARK));
  if (line === undefined) throw new Error(`wrk printed no result: ${text.slice(0, 300)}`);
  const [requests, errors, us, histogram = ""] = line.slice(_MARK.length).trim().split(" ");
  const latencies: number[] = [];
  for (const pair of histogram.split(",")) {
    if (pair === "") continue;
    const [us, count] = pair.split(":").map(Number);
    if (!Number.isInteger(us) || !Number.isInteger(count)) {
      throw new Error(`bad wrk bucket ${pair}`);
    }
    for (let k = 0; k < count!; k++) latencies.push(us! / 1000);
  }
  return {
    latencies,
    requests: Number(requests),
    errors: Number(errors),
    seconds: Number(us) / 1e6,
  };
}

/**
 * Whether `wrk` runs here (is on the PATH): `bench:serve` then drives the
 * servers with it by default, as the service's load target reads
 * ("autocannon, or wrk where installed").
 *
 * @example
 * ```ts
 * import { wrkInstalled } from "./wrk_load.ts";
 * if (typeof wrkInstalled() !== "boolean") throw new Error();
 * ```
 */
export function wrkInstalled(): boolean {
  try {
    // wrk -v prints its version and exits 1: that it ran at all is what counts.
    new Deno.Command("wrk", { args: ["-v"], stdout: "null", stderr: "null" }).outputSync();
    return true;
  } catch {
    return false;
  }
}

/**
 * Drives `url` with POSTs of `body` from `connections` connections for
 * `seconds` (whole seconds, at least 1), with wrk on one thread; `script`
 * is the path of {@linkcode WRK_SCRIPT} written to a file.
 *
 * @example
 * ```ts ignore
 * const r = await wrkLoad("http://127.0.0.1:8080/v1/models/m/predict", '{"features":{}}', 2, 32, "/tmp/post.lua");
 * ```
 */
export async function wrkLoad(
  url: string,
  body: string,
  seconds: number,
  connections: number,
  script: string,
): Promise<WrkResult> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command("wrk", {
      args: [
        "-t1",
        `-c${connections}`,
        `-d${Math.max(1, Math.round(seconds))}s`,
        "--timeout",
        "5s",
        "-s",
        script,
        url,
      ],
      env: { RATCHET_WRK_BODY: body },
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Error(
        "--load wrk needs wrk on the PATH: apt-get install wrk (or use --load autocannon)",
      );
    }
    throw e;
  }
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) {
    throw new Error(`wrk failed (exit ${out.code}): ${new TextDecoder().decode(out.stderr)}`);
  }
  return parseWrkOutput(text);
}
