/**
 * The notebook kernel's side of `deno task bench:workbench`: what a cell
 * re-run costs on top of the cell's own time (in process, no HTTP), and how
 * long the demo notebooks take headlessly (target: ≤ 10 s in all). Run it
 * alone with `deno run -A tools/bench/notebook_measures.ts`.
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Kernel, runNotebook } from "../../core/notebook/mod.ts";

/**
 * Measures, as JSON-able records.
 *
 * @example
 * ```ts ignore
 * for (const r of await notebookMeasures({ root: "." })) console.log(JSON.stringify(r));
 * ```
 */
export async function notebookMeasures(
  { root, reruns = 50 }: { root: string; reruns?: number },
): Promise<object[]> {
  return [await _rerun(root, reruns), await _headless(root)];
}

async function _rerun(root: string, reruns: number): Promise<object> {
  const kernel = await Kernel.start({ root });
  try {
    kernel.sync([
      { id: "rain", source: 'const rain = models.load("rain-tomorrow")' },
      {
        id: "work",
        source: "let s = 0\nfor (let i = 0; i < 200_000; i++) s += Math.sqrt(i)\n" +
          'rain.predict({ season: "winter", precipitation: s % 30, precipitation_yesterday: 0, ' +
          'temp_max: 9, temp_min: 4, wind: 3, weather: "rain" }).probabilities',
      },
    ]);
    await kernel.runAll();
    for (let i = 0; i < 5; i++) await kernel.run(["work"]); // warm-up: compiled code, caches
    const overhead: number[] = [], own: number[] = [], total: number[] = [];
    for (let i = 0; i < reruns; i++) {
      const t0 = performance.now();
      const [, work] = await kernel.run(["work"]);
      const rt = performance.now() - t0;
      total.push(rt);
      own.push(work!.ms ?? 0);
      overhead.push(rt - (work!.ms ?? 0));
    }
    return {
      bench: "kernel_rerun",
      runs: reruns,
      overhead_ms_p50: _round(_quantile(overhead, 0.5)),
      overhead_ms_p95: _round(_quantile(overhead, 0.95)),
      cell_ms_p50: _round(_quantile(own, 0.5)),
      round_trip_ms_p50: _round(_quantile(total, 0.5)),
      target_overhead_ms: 30,
      ok: _quantile(overhead, 0.5) <= 30,
    };
  } finally {
    await kernel.close();
  }
}

async function _headless(root: string): Promise<object> {
  const dir = join(root, "notebooks");
  const files = [...Deno.readDirSync(dir)]
    .filter((e) => e.isFile && e.name.endsWith(".md") && e.name !== "README.md")
    .map((e) => e.name).sort();
  const per: Record<string, number> = {};
  let failed = 0;
  const t0 = performance.now();
  for (const name of files) {
    const run = await runNotebook(join(dir, name), { root });
    per[name] = _round(run.ms);
    if (!run.ok) failed++;
  }
  const total = performance.now() - t0;
  return {
    bench: "notebooks_headless",
    notebooks: files.length,
    failed,
    total_ms: _round(total),
    per_notebook_ms: per,
    target_ms: 10_000,
    ok: failed === 0 && total <= 10_000,
  };
}

function _quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

function _round(x: number): number {
  return Math.round(x * 100) / 100;
}

if (import.meta.main) {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  for (const r of await notebookMeasures({ root })) console.log(JSON.stringify(r));
}
