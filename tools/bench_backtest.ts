/**
 * `deno task bench:backtest`: back-test speed against DuckDB SQL. It
 * generates (once, cached) a dataset of `--rows` rows × `--features`
 * numeric columns over `--partitions` monthly partitions, publishes a linear
 * regression and a binary logistic model with hand-set coefficients into a
 * temporary project, and times, each in its own process (best of 2):
 *
 * - `js`: `backtestWithEngine(…, {engine: "js", diagnostics: false})`, end
 *   to end: the metrics and requirement checks, as `ratchet backtest`
 *   computes them for its table and exit code;
 * - `pushdown`: the same with `{engine: "sql"}`;
 * - `js+diagnostics`, `pushdown+diagnostics`: the same with the report's
 *   diagnostics too (residuals or calibration, the worst rows), as
 *   `ratchet backtest --report` or `--json` computes them;
 * - the reference: one hand-written DuckDB SQL query computing the same
 *   per-partition metrics from the same coefficients.
 *
 * Prints one JSON object per case: `{"case", "ours_s", "reference_s",
 * "ratio", …}` (ratio = ours / reference; below 1 means ratchet is faster),
 * with rows/s, each process's peak RSS, and the largest difference between
 * our metrics and the reference's (`max_diff`: absolute, or relative for
 * values above 1; it must be ≤ 1e-9, or the run fails).
 *
 * Options: --rows N (default 10000000), --partitions N (120), --features N
 * (10), --cache DIR (default `<temp>/ratchet-bench-backtest/<rows>r-<partitions>p-<features>f`,
 * reused while it holds data of the same parameters), --models linear,logistic,
 * --repeat N (1): run every case's process N times, in turns (reference, js,
 * pushdown, js+diagnostics, pushdown+diagnostics, reference, …), and keep
 * each case's best time, so that a busy machine skews the ratios less.
 *
 * @module
 */
import { join } from "node:path";
import { tmpdir } from "node:os";
import { parseArgs } from "node:util";
import { ModelStore } from "../core/store/mod.ts";
import { validateArtifactBody } from "../core/artifact/mod.ts";
import { BENCH_DATASET, benchCoefficients, ensureBenchDataset } from "./bench/backtest_dataset.ts";
import { CASE_KINDS, type CaseResult } from "./bench/backtest_case.ts";

type CaseKind = typeof CASE_KINDS[number];

const TOLERANCE = 1e-9;
const MODELS = ["linear", "logistic"] as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      rows: { type: "string", default: "10000000" },
      partitions: { type: "string", default: "120" },
      features: { type: "string", default: "10" },
      cache: { type: "string" },
      models: { type: "string", default: MODELS.join(",") },
      repeat: { type: "string", default: "1" },
    },
  });
  const repeat = _count("--repeat", values.repeat);
  const params = {
    rows: _count("--rows", values.rows),
    partitions: _count("--partitions", values.partitions),
    features: _count("--features", values.features),
  };
  const models = values.models.split(",");
  const cache = values.cache ??
    join(
      tmpdir(),
      "ratchet-bench-backtest",
      `${params.rows}r-${params.partitions}p-${params.features}f`,
    );
  await ensureBenchDataset(cache, params);
  const root = Deno.makeTempDirSync({ prefix: "ratchet-bench-backtest-" });
  let failed = false;
  try {
    Deno.mkdirSync(join(root, "data"));
    Deno.symlinkSync(join(cache, "data", BENCH_DATASET), join(root, "data", BENCH_DATASET));
    _publishModels(root, params.features);
    for (const model of models) {
      if (!(MODELS as readonly string[]).includes(model)) throw new Error(`unknown model ${model}`);
      const best: Partial<Record<CaseKind, CaseResult | { unsupported: string }>> = {};
      for (let r = 0; r < repeat; r++) {
        for (const kind of CASE_KINDS) {
          console.error(`${model}: ${kind === "reference" ? kind : `${kind} engine`}…`);
          best[kind] = _best(best[kind], await _case(kind, root, `bench-${model}`));
        }
      }
      const reference = best.reference!;
      if ("unsupported" in reference) throw new Error(reference.unsupported);
      for (const kind of CASE_KINDS.filter((k) => k !== "reference")) {
        const ours = best[kind]!;
        const kase = `${model}/${kind.replace(/^sql/, "pushdown")}`;
        if ("unsupported" in ours) {
          _print(kase, null, reference, {
            note: `the SQL engine cannot back-test this model yet: ${ours.unsupported}`,
          });
          continue;
        }
        const diff = _maxDifference(ours.metrics, reference.metrics);
        if (!(diff <= TOLERANCE)) {
          console.error(`${kase}: metrics differ from the reference by ${diff} > ${TOLERANCE}`);
          failed = true;
        }
        _print(kase, ours, reference, { max_diff: diff });
      }
    }
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
  if (failed) Deno.exit(1);
}

/** The faster of two runs of a case, with the larger peak RSS of the two. */
function _best<T extends CaseResult | { unsupported: string }>(a: T | undefined, b: T): T {
  if (a === undefined || "unsupported" in a || "unsupported" in b) return b;
  const faster = b.seconds < a.seconds ? b : a;
  return {
    ...faster,
    runs: [...a.runs, ...b.runs],
    peakRss: Math.max(a.peakRss, b.peakRss),
  };
}

function _count(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1: ${text}`);
  return n;
}

function _publishModels(root: string, features: number): void {
  const c = benchCoefficients(features);
  const store = new ModelStore(root);
  const common = {
    format: "ratchet.model/v1",
    features: Array.from({ length: features }, (_, j) => ({ name: `x${j}`, type: "number" })),
    preprocessing: [],
    provenance: { created: new Date().toISOString(), source: "hand-written" },
  };
  store.publish(
    "bench-linear",
    validateArtifactBody({
      ...common,
      plugin: { id: "linear", version: "^1.0.0" },
      task: "regression",
      target: { name: "y" },
      coefficients: { intercept: c.intercept, weights: c.weights },
    }, "bench-linear"),
  );
  store.publish(
    "bench-logistic",
    validateArtifactBody({
      ...common,
      plugin: { id: "logistic", version: "^1.0.0" },
      task: "binary",
      target: { name: "label", labels: [0, 1] },
      coefficients: { link: "ovr", intercepts: [c.logitIntercept], weights: [c.logitWeights] },
    }, "bench-logistic"),
  );
}

async function _case(
  kind: CaseKind,
  root: string,
  model: string,
): Promise<CaseResult | { unsupported: string }> {
  const script = new URL("./bench/backtest_case.ts", import.meta.url).pathname;
  const config = new URL("../deno.json", import.meta.url).pathname;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--config", config, script, kind, root, model],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  if (!out.success) throw new Error(`the ${kind} case of ${model} failed (exit ${out.code})`);
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

/**
 * The largest difference over every partition and metric, absolute below 1
 * and relative above (mape reaches 1e9 where the target nears 0, and a sum
 * of 800k such terms is exact only to its last digits); Infinity when one
 * side lacks a value.
 */
function _maxDifference(ours: CaseResult["metrics"], theirs: CaseResult["metrics"]): number {
  const labels = new Set([...Object.keys(ours), ...Object.keys(theirs)]);
  let max = 0;
  for (const label of labels) {
    const a = ours[label], b = theirs[label];
    if (!a || !b) return Infinity;
    for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = a[name], y = b[name];
      if (x === null && y === null) continue;
      if (typeof x !== "number" || typeof y !== "number") return Infinity;
      max = Math.max(max, Math.abs(x - y) / Math.max(1, Math.abs(y)));
    }
  }
  return max;
}

function _print(
  kase: string,
  ours: CaseResult | null,
  reference: CaseResult,
  extra: Record<string, unknown>,
): void {
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  console.log(JSON.stringify({
    case: kase,
    ours_s: ours ? _round(ours.seconds) : null,
    reference_s: _round(reference.seconds),
    ratio: ours ? _round(ours.seconds / reference.seconds) : null,
    rows: reference.rows,
    rows_per_s: ours ? Math.round(ours.rows / ours.seconds) : null,
    reference_rows_per_s: Math.round(reference.rows / reference.seconds),
    peak_rss_mb: ours ? mb(ours.peakRss) : null,
    reference_peak_rss_mb: mb(reference.peakRss),
    ...extra,
  }));
}

function _round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

if (import.meta.main) await main();
