/**
 * `ratchet serve` as an operator runs it: the real command in a subprocess
 * on a free port of 127.0.0.1, on a temp copy of the demo model. Requests
 * go over HTTP with fetch; the champion is moved with `ratchet models
 * alias` while requests keep coming; SIGTERM flushes the prediction log;
 * `ratchet nowtest` then reads it with the outcomes posted.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadDataset } from "../../core/data/mod.ts";
import { ModelStore } from "../../core/store/mod.ts";
import { expectExit, ratchet } from "./_ratchet.ts";

const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));
const CONFIG = fileURLToPath(new URL("../../deno.json", import.meta.url));
const DEMO = fileURLToPath(new URL("../../models/rain-tomorrow", import.meta.url));
const MODEL = "rain-tomorrow";
const ROW = {
  season: "winter",
  precipitation: 1.2,
  precipitation_yesterday: 0,
  temp_max: 10.5,
  temp_min: 3.1,
  wind: 4.2,
  weather: "rain",
};

/** `ratchet serve` running; `stop()` sends SIGTERM and returns what it printed and its exit code. */
interface Serving {
  url: string;
  stop(): Promise<{ code: number; stdout: string; stderr: string }>;
}

async function serve(root: string, ...args: string[]): Promise<Serving> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--config", CONFIG, MAIN, "serve", "--port", "0", "--root", root, ...args],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const stderr = new Response(child.stderr).text();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let stdout = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      await child.status;
      throw new Error(`serve exited before listening:\n${stdout}\n${await stderr}`);
    }
    stdout += value;
    const m = /^ratchet serve: (http:\/\/127\.0\.0\.1:\d+) serving /m.exec(stdout);
    if (m) {
      const rest = (async () => {
        for (let r = await reader.read(); !r.done; r = await reader.read()) stdout += r.value;
      })();
      return {
        url: m[1]!,
        async stop() {
          child.kill("SIGTERM");
          const { code } = await child.status;
          await rest;
          return { code, stdout, stderr: await stderr };
        },
      };
    }
  }
}

async function withDemo(fn: (root: string) => Promise<void>): Promise<void> {
  const root = Deno.makeTempDirSync({ prefix: "ratchet-serve-cli-" });
  try {
    Deno.mkdirSync(join(root, "models"));
    const cp = await new Deno.Command("cp", { args: ["-r", DEMO, join(root, "models", MODEL)] })
      .output();
    assert.ok(cp.success);
    await fn(root);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
}

async function predict(url: string): Promise<{ status: number; version?: number; id?: string }> {
  const res = await fetch(`${url}/v1/models/${MODEL}/predict`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ features: ROW }),
  });
  const body = await res.json();
  return { status: res.status, version: body.version, id: body.id };
}

Deno.test("serve: predictions over HTTP, a champion swap with no failed request, SIGTERM flushes the log, nowtest reads it", () =>
  withDemo(async (root) => {
    const store = new ModelStore(root);
    const { name: _n, version: _v, sha256: _s, ...body } = store.load(MODEL, "champion");
    const v2 =
      store.publish(MODEL, { ...body, description: "the same model, republished" }).version;
    const service = await serve(root, "--flush-seconds", "1");
    const answers: { status: number; version?: number; id?: string }[][] = [];
    let swapped = false;
    const clients = Array.from({ length: 6 }, async (_, k) => {
      const seen: { status: number; version?: number; id?: string }[] = (answers[k] = []);
      const deadline = Date.now() + 30_000;
      while (
        Date.now() < deadline && !(swapped && seen.at(-1)?.version === v2 && seen.length > 20)
      ) {
        seen.push(await predict(service.url));
      }
    });
    // Every client is answered by version 1 before the alias moves.
    while (answers.length < 6 || answers.some((seen) => seen.length < 3)) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expectExit(await ratchet(["models", "alias", `${MODEL}@${v2}`, "champion", "--root", root]));
    swapped = true;
    await Promise.all(clients);
    const all = answers.flat();
    assert.deepEqual(all.filter((a) => a.status !== 200), [], "no request failed");
    for (const seen of answers) {
      const versions = seen.map((a) => a.version);
      const firstNew = versions.indexOf(v2);
      assert.ok(firstNew > 0, `each client saw version 1, then ${v2}`);
      assert.ok(versions.slice(firstNew).every((v) => v === v2), "never back to the old version");
    }
    // The first rows are on disk by now (flushes every second); their outcomes join them there.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const labelled = all.slice(0, 10).map((a) => ({ id: a.id!, outcome: "yes" }));
    const posted = await fetch(`${service.url}/v1/models/${MODEL}/outcomes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ outcomes: labelled }),
    });
    assert.equal(posted.status, 202, await posted.text());
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    assert.match(
      metrics,
      new RegExp(`ratchet_model_swaps_total\\{model="${MODEL}",role="champion"\\} 1`),
    );
    assert.match(
      metrics,
      new RegExp(
        `ratchet_requests_total\\{model="${MODEL}",route="/v1/models/\\{name\\}/predict",status="200"\\} ${all.length}`,
      ),
    );
    const stopped = await service.stop();
    assert.equal(stopped.code, 0, stopped.stderr);
    // The last flush writes what is left: the outcomes, unless a timed flush took them first
    // (the nowtest below finds all 10 either way).
    assert.match(stopped.stdout, /ratchet serve: stopped; log flushed \(\d+ rows, \d+ outcomes\)/);
    const d = loadDataset(root, `live-${MODEL}`);
    assert.equal(d.partitions.reduce((sum, p) => sum + p.rows, 0), all.length);
    const reference = `${d.partitions[0]!.label}..${d.partitions.at(-1)!.label}`;
    const nowtest = await ratchet([
      "nowtest",
      MODEL,
      "--dataset",
      `live-${MODEL}`,
      "--window",
      `${d.partitions.length}p`,
      "--reference",
      reference,
      "--no-alarm",
      "--json",
      "-",
      "--root",
      root,
    ]);
    assert.ok(nowtest.code === 0 || nowtest.code === 1, nowtest.stderr);
    const result = JSON.parse(nowtest.stdout);
    assert.equal(result.version, v2);
    assert.equal(result.window.rows, all.length);
    assert.equal(result.window.labelled, 10);
  }));

Deno.test("serve --help teaches with curl; a non-loopback host needs --allow-remote; bad options exit 2", () =>
  withDemo(async (root) => {
    const help = expectExit(await ratchet(["serve", "--help"]));
    for (
      const text of [
        "--port <port>",
        "--shadow",
        "--models <names>",
        "curl -s localhost:8080/v1/models/",
        "/v2/models/",
        "--allow-remote",
      ]
    ) {
      assert.ok(help.stdout.includes(text), text);
    }
    const open = expectExit(await ratchet(["serve", "--host", "0.0.0.0", "--root", root]), 2);
    assert.match(open.stderr, /--host 0\.0\.0\.0 is not a loopback address: .*Add --allow-remote/);
    const port = expectExit(await ratchet(["serve", "--port", "http", "--root", root]), 2);
    assert.match(port.stderr, /Invalid --port "http": expected a whole number/);
    const unknown = expectExit(
      await ratchet(["serve", "--models", "nope", "--port", "0", "--root", root]),
      2,
    );
    assert.match(unknown.stderr, /No model named nope/);
  }));

Deno.test("serve --no-log refuses outcomes with 409 and writes no dataset", () =>
  withDemo(async (root) => {
    const service = await serve(root, "--no-log");
    const answer = await predict(service.url);
    assert.equal(answer.status, 200);
    const res = await fetch(`${service.url}/v1/models/${MODEL}/outcomes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id: answer.id, outcome: "yes" }),
    });
    assert.equal(res.status, 409);
    assert.match((await res.json()).error, /no prediction log/);
    const stopped = await service.stop();
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.throws(() => Deno.statSync(join(root, "data")));
  }));
