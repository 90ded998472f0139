import { WRK_SCRIPT, wrkInstalled, wrkLoad } from "./wrk_load.ts";

const hasWrk = wrkInstalled();

Deno.test({
  name: "wrkLoad sends the body and reads wrk's counts and histogram (needs wrk installed)",
  ignore: !hasWrk,
  async fn() {
    const body = '{"features": {"x": 1.5, "name": "a \\"quoted\\" value"}}';
    let wrong = 0;
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
      const text = await req.text();
      const ok = req.method === "POST" && text === body &&
        req.headers.get("content-type") === "application/json";
      if (!ok) wrong++;
      return new Response(ok ? "{}" : "wrong", { status: ok ? 200 : 400 });
    });
    const script = Deno.makeTempFileSync({ suffix: ".lua" });
    try {
      Deno.writeTextFileSync(script, WRK_SCRIPT);
      const r = await wrkLoad(`http://127.0.0.1:${server.addr.port}/`, body, 1, 4, script);
      if (wrong > 0 || r.errors !== 0) {
        throw new Error(`wrong requests: ${wrong}, errors ${r.errors}`);
      }
      // wrk adds samples to its histogram to correct for coordinated omission: at least one a response.
      if (r.requests < 10 || r.latencies.length < r.requests) {
        throw new Error(`${r.requests} requests, ${r.latencies.length} latencies`);
      }
      if (!r.latencies.every((ms) => ms > 0 && ms < 5000)) throw new Error("latency out of range");
      if (!(r.seconds > 0.5 && r.seconds < 5)) throw new Error(`a 1 s run lasted ${r.seconds} s`);
    } finally {
      await server.shutdown();
      Deno.removeSync(script);
    }
  },
});

Deno.test({
  name: "wrkLoad counts non-2xx answers as errors (needs wrk installed)",
  ignore: !hasWrk,
  async fn() {
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
      await req.arrayBuffer();
      return new Response("{}", { status: 503 });
    });
    const script = Deno.makeTempFileSync({ suffix: ".lua" });
    try {
      Deno.writeTextFileSync(script, WRK_SCRIPT);
      const r = await wrkLoad(`http://127.0.0.1:${server.addr.port}/`, "{}", 1, 2, script);
      if (r.requests < 10 || r.errors !== r.requests) {
        throw new Error(`${r.requests} requests, ${r.errors} errors`);
      }
    } finally {
      await server.shutdown();
      Deno.removeSync(script);
    }
  },
});

Deno.test("wrkInstalled says whether wrk runs from the PATH, and false with an empty PATH", async () => {
  const which = new Deno.Command("sh", { args: ["-c", "command -v wrk"], stdout: "null" })
    .outputSync().success;
  if (wrkInstalled() !== which) {
    throw new Error(`wrkInstalled() ${wrkInstalled()}, sh says ${which}`);
  }
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      `import { wrkInstalled } from ${JSON.stringify(import.meta.resolve("./wrk_load.ts"))};` +
      "console.log(wrkInstalled());",
    ],
    env: { PATH: "/nonexistent" },
    stdout: "piped",
  }).output();
  if (new TextDecoder().decode(out.stdout).trim() !== "false") {
    throw new Error("found without a PATH");
  }
});
