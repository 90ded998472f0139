/**
 * `deno task bench:workbench`: the workbench's speed, one JSON line per
 * measure.
 *
 * - `cold_start`: from spawning `deno run -A main.ts workbench --port 0` (on
 *   the shipped demo, dependencies cached) to the first `200` of its home
 *   page; the reference is a bare `deno run` of a `Deno.serve` hello-world,
 *   measured the same way (spawn → first 200). Target: ≤ 1.5 s. Median of
 *   `--runs` (default 5).
 * - `cell_rerun_http`: a cell re-run through the HTTP API (`POST
 *   /api/notebook/run`), round trip minus the cell's own time (as the kernel
 *   measured it). Target: ≤ 30 ms at the median. `--reruns` times (default 50).
 * - whatever `tools/bench/notebook_measures.ts` measures (the kernel's own
 *   re-run overhead, the demo notebooks run headlessly: target ≤ 10 s), when
 *   it is there.
 *
 * @module
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { startWorkbench } from "../core/workbench/workbench_process.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: Deno.args,
    options: { runs: { type: "string", default: "5" }, reruns: { type: "string", default: "50" } },
  });
  const runs = Number(values.runs), reruns = Number(values.reruns);
  // Dependencies cached, and the module graph too: one start that is not measured.
  await _ours();
  const ours: number[] = [], reference: number[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(await _ours());
    reference.push(await _reference());
  }
  const o = _median(ours), r = _median(reference);
  _print({
    bench: "cold_start",
    ours_ms: _round(o),
    reference_ms: _round(r),
    ratio: _round(o / r, 2),
    target_ms: 1500,
    ok: o <= 1500,
    runs,
  });
  _print(await _rerun(reruns));
  let measures: { notebookMeasures?: (o: { root: string }) => Promise<object[]> } = {};
  try {
    measures = await import("./bench/notebook_measures.ts");
  } catch (e) {
    _print({ bench: "notebook_measures", skipped: `tools/bench/notebook_measures.ts: ${e}` });
  }
  for (const record of (await measures.notebookMeasures?.({ root: ROOT })) ?? []) _print(record);
}

/** Spawn → first 200 of the home page. */
async function _ours(): Promise<number> {
  const t0 = performance.now();
  const wb = await startWorkbench(ROOT);
  try {
    await _firstOk(`${wb.origin}/`, { authorization: `token ${wb.token}` });
    return performance.now() - t0;
  } finally {
    await wb.stop();
  }
}

/** The same for a bare Deno.serve hello-world. */
async function _reference(): Promise<number> {
  const script = join(Deno.makeTempDirSync({ prefix: "ratchet-bench-hello-" }), "hello.ts");
  Deno.writeTextFileSync(
    script,
    `Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: ({ port }) => console.log("http://127.0.0.1:" + port + "/") }, () => new Response("hello"));\n`,
  );
  const t0 = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script],
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  while (!/http:\/\/\S+\//.test(out)) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the hello-world server printed nothing");
    out += value;
  }
  await _firstOk(/http:\/\/\S+\//.exec(out)![0], {});
  const ms = performance.now() - t0;
  reader.releaseLock();
  child.kill("SIGKILL");
  await child.status;
  await child.stdout.cancel().catch(() => {});
  Deno.removeSync(join(script, ".."), { recursive: true });
  return ms;
}

async function _firstOk(url: string, headers: Record<string, string>): Promise<void> {
  for (;;) {
    const res = await fetch(url, { headers }).catch(() => undefined);
    await res?.body?.cancel();
    if (res?.status === 200) return;
    if (res && res.status !== 503) throw new Error(`${url} answered ${res.status}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A cell re-run through the HTTP API, minus the cell's own time. */
async function _rerun(n: number): Promise<Record<string, unknown>> {
  const root = Deno.makeTempDirSync({ prefix: "ratchet-bench-rerun-" });
  Deno.mkdirSync(join(root, "notebooks"));
  const fence = "```";
  Deno.writeTextFileSync(
    join(root, "notebooks", "bench.md"),
    `# Bench\n\n${fence}ts\nconst n = 1000\n${fence}\n\n${fence}ts\nlet s = 0\nfor (let i = 0; i < n; i++) s += i\ns\n${fence}\n`,
  );
  const wb = await startWorkbench(root);
  const headers = {
    authorization: `token ${wb.token}`,
    "content-type": "application/json",
    origin: wb.origin,
  };
  const post = async (command: string, body: object) => {
    const res = await fetch(`${wb.origin}/api/notebook/${command}`, {
      method: "POST",
      headers,
      body: JSON.stringify({ path: "bench.md", ...body }),
    });
    if (!res.ok) throw new Error(`${command}: ${res.status} ${await res.text()}`);
    return await res.json() as { cells: { id: string; ms?: number; status: string }[] };
  };
  try {
    const first = await post("run_all", {});
    const last = first.cells.at(-1)!;
    if (last.status !== "done") {
      throw new Error(`the bench cell did not run: ${JSON.stringify(first)}`);
    }
    const overheads: number[] = [], cells: number[] = [];
    for (let i = 0; i < n + 5; i++) {
      const t0 = performance.now();
      const answer = await post("run", { ids: [last.id] });
      const rtt = performance.now() - t0;
      const cell = answer.cells.find((c) => c.id === last.id)!;
      if (i < 5) continue; // warm-up
      cells.push(cell.ms ?? 0);
      overheads.push(rtt - (cell.ms ?? 0));
    }
    const p50 = _median(overheads);
    return {
      bench: "cell_rerun_http",
      overhead_ms_p50: _round(p50, 2),
      overhead_ms_p95: _round(_quantile(overheads, 0.95), 2),
      cell_ms_p50: _round(_median(cells), 2),
      target_ms: 30,
      ok: p50 <= 30,
      reruns: n,
    };
  } finally {
    await wb.stop();
    Deno.removeSync(root, { recursive: true });
  }
}

function _quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

function _median(xs: number[]): number {
  return _quantile(xs, 0.5);
}

function _round(x: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function _print(record: object): void {
  console.log(JSON.stringify(record));
}

if (import.meta.main) await main();
