/**
 * One case of the back-test benchmark, run in its own process so that its
 * peak RSS is its own: `deno run -A tools/bench/backtest_case.ts
 * <kind> <project root> <model name>` (kinds: {@linkcode CASE_KINDS}). It runs the case twice
 * and prints one JSON object: the best time, the peak RSS (VmHWM), the rows
 * scored and the metrics of every partition; or `{"unsupported": why}` when
 * the SQL engine cannot back-test the model.
 *
 * @module
 */
import { openProject } from "../../core/project/mod.ts";
import { backtestWithEngine, sqlSupport } from "../../core/backtest/mod.ts";
import { datasetDir, duckdbInstance, loadDataset } from "../../core/data/mod.ts";
import { RatchetError } from "../../core/errors/mod.ts";
import { type PartitionMetrics, referenceMetrics } from "./reference_metrics.ts";
import { BENCH_DATASET } from "./backtest_dataset.ts";

/**
 * The cases: the reference, and each engine without diagnostics (what
 * `ratchet backtest` computes for its table and exit code) and with them
 * (what `--report` or `--json` adds: residuals or calibration, worst rows).
 */
export const CASE_KINDS = [
  "reference",
  "js",
  "sql",
  "js+diagnostics",
  "sql+diagnostics",
] as const;

/** What a case prints. */
export interface CaseResult {
  /** The best of the runs, in seconds. */
  seconds: number;
  /** Every run, in seconds. */
  runs: number[];
  /** The process's peak resident set size, in bytes (VmHWM). */
  peakRss: number;
  /** Rows scored per run. */
  rows: number;
  /** Metrics by partition label, as plain objects. */
  metrics: Record<string, Record<string, number | null>>;
}

/**
 * The process's peak resident set size in bytes, from `/proc/self/status`
 * (Linux), or null elsewhere.
 *
 * @example
 * ```ts ignore
 * console.log(peakRss());
 * ```
 */
export function peakRss(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(Deno.readTextFileSync("/proc/self/status"));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

async function _run(
  kind: string,
  root: string,
  name: string,
): Promise<{ rows: number; metrics: PartitionMetrics }> {
  const project = await openProject(root);
  if (kind === "reference") {
    const model = project.model({ name, ref: undefined });
    const d = loadDataset(root, BENCH_DATASET);
    const c = model.artifact.coefficients as {
      intercept?: number;
      weights: number[] | number[][];
      intercepts?: number[];
    };
    const metrics = await referenceMetrics(d, datasetDir(root, BENCH_DATASET), {
      task: model.task === "regression" ? "regression" : "binary",
      inputs: model.shape.inputs,
      weights: model.task === "regression" ? c.weights as number[] : (c.weights as number[][])[0]!,
      intercept: model.task === "regression" ? c.intercept! : c.intercepts![0]!,
      target: model.artifact.target.name,
    });
    return { rows: d.partitions.reduce((s, p) => s + p.rows, 0), metrics };
  }
  const result = await backtestWithEngine(project, { name, ref: undefined }, BENCH_DATASET, {
    engine: kind.startsWith("sql") ? "sql" : "js",
    diagnostics: kind.endsWith("+diagnostics"),
  });
  const failed = result.partitions.find((p) => p.error !== undefined);
  if (failed) throw new Error(`partition ${failed.partition} failed: ${failed.error}`);
  return {
    rows: result.partitions.reduce((s, p) => s + p.rows, 0),
    metrics: new Map(result.partitions.map((p) => [p.partition, p.metrics])),
  };
}

async function main(): Promise<void> {
  const [kind, root, name] = Deno.args;
  if (!kind || !root || !name || !(CASE_KINDS as readonly string[]).includes(kind)) {
    throw new Error(
      `usage: backtest_case.ts <${CASE_KINDS.join("|")}> <project root> <model name>`,
    );
  }
  await duckdbInstance(); // the engine's start-up is not what is measured
  if (kind.startsWith("sql")) {
    const support = sqlSupport((await openProject(root)).model({ name, ref: undefined }));
    if (support instanceof RatchetError) {
      console.log(JSON.stringify({ unsupported: support.message }));
      return;
    }
  }
  const runs: number[] = [];
  let last: { rows: number; metrics: PartitionMetrics } | undefined;
  for (let r = 0; r < 2; r++) {
    const t0 = performance.now();
    last = await _run(kind, root, name);
    runs.push((performance.now() - t0) / 1000);
  }
  const result: CaseResult = {
    seconds: Math.min(...runs),
    runs,
    peakRss: peakRss() ?? NaN,
    rows: last!.rows,
    metrics: Object.fromEntries(last!.metrics),
  };
  console.log(JSON.stringify(result));
}

if (import.meta.main) await main();
