/**
 * `deno task bench`: batch and single-row prediction speed of every built-in
 * plugin against scikit-learn's compiled predict, measured in the same run
 * on the same 1M × 20 matrix. Prints one JSON object per case:
 * `{"case", "ours_s", "reference_s", "ratio"}` (ratio = ours / reference;
 * below 1 means ratchet is faster). Machines are noisy: read the ratios.
 *
 * Without Debian's scikit-learn the reference is null and ratchet's own
 * fits stand in for the imported models.
 *
 * Options: --rows N (default 1000000), --cases a,b (default all).
 *
 * @module
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parseJson } from "../core/json/mod.ts";
import { validateArtifactBody } from "../core/artifact/mod.ts";
import { PluginRegistry } from "../core/contract/mod.ts";
import { type CompiledModel, compileModel } from "../core/model/mod.ts";
import { PYTHON, runPython, sklearnAvailable } from "../core/testing/mod.ts";
import { createRandom } from "../core/random/mod.ts";
import { builtinPlugins } from "../plugins/mod.ts";

const ALL = [
  "linear",
  "logistic_binary",
  "logistic_multinomial",
  "decision_tree",
  "random_forest",
  "gradient_boosting",
  "gaussian_nb",
];
const FEATURES = 20;

interface Reference {
  case: string;
  pickle: string;
  batch_s: number;
  row_s: number;
  sample: number[] | number[][];
}

function best(fn: () => void, repeat: number): number {
  let min = Infinity;
  for (let r = 0; r < repeat; r++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, (performance.now() - t0) / 1000);
  }
  return min;
}

function report(
  kase: string,
  ours: number,
  reference: number | null,
  extra: Record<string, unknown> = {},
): void {
  console.log(JSON.stringify({
    case: kase,
    ours_s: ours,
    reference_s: reference,
    ratio: reference === null ? null : ours / reference,
    ...extra,
  }));
}

async function exportPickle(path: string): Promise<unknown> {
  const res = await new Deno.Command(PYTHON, {
    args: [
      new URL("./export_sklearn.py", import.meta.url).pathname,
      path,
      "--target",
      "y",
      "--features",
      Array.from({ length: FEATURES }, (_, j) => `x${j}`).join(","),
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!res.success) throw new Error(new TextDecoder().decode(res.stderr));
  return parseJson(new TextDecoder().decode(res.stdout), { source: path });
}

function measure(
  kase: string,
  model: CompiledModel,
  columns: Float64Array[],
  n: number,
  ref: Reference | undefined,
): void {
  const predictor = model.predictor;
  const out = new Float64Array(predictor.width * n);
  predictor.predictBatch(columns, Math.min(n, 10_000), out); // warm up the JIT
  const repeat = kase === "random_forest" || kase === "gradient_boosting" ? 3 : 7;
  const batch = best(() => predictor.predictBatch(columns, n, out), repeat);
  let maxDiff: number | null = null;
  if (ref) {
    maxDiff = 0;
    const sample = ref.sample;
    for (let i = 0; i < sample.length; i++) {
      const row = sample[i]!;
      for (let k = 0; k < predictor.width; k++) {
        const theirs = Array.isArray(row) ? row[k]! : row;
        maxDiff = Math.max(maxDiff, Math.abs(theirs - out[k * n + i]!));
      }
    }
  }
  report(`${kase}/batch_${n}x${FEATURES}`, batch, ref?.batch_s ?? null, {
    max_abs_diff_vs_sklearn: maxDiff,
  });
  const rows = Math.min(n, 100_000);
  const row = new Float64Array(FEATURES);
  const rowOut = new Float64Array(predictor.width);
  const single = best(() => {
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < FEATURES; j++) row[j] = columns[j]![i]!;
      predictor.predictRow(row, rowOut);
    }
  }, 3) / rows;
  report(`${kase}/row`, single, ref?.row_s ?? null);
}

async function main(): Promise<void> {
  const args = parseArgs({
    args: Deno.args,
    options: { rows: { type: "string" }, cases: { type: "string" } },
  });
  const n = Number(args.values.rows ?? 1_000_000);
  const cases = args.values.cases ? args.values.cases.split(",") : ALL;
  const registry = new PluginRegistry(builtinPlugins);
  const dir = Deno.makeTempDirSync({ prefix: "ratchet-bench-" });
  try {
    if (sklearnAvailable()) {
      const spec = { dir, rows: n, features: FEATURES, train_rows: 20_000, seed: 1, cases };
      const script = Deno.readTextFileSync(
        new URL("./bench/sklearn_reference.py", import.meta.url),
      );
      const { cases: refs } = await runPython<{ cases: Reference[] }>(script, spec);
      const raw = Deno.readFileSync(join(dir, "X.f64"));
      const all = new Float64Array(raw.buffer, raw.byteOffset, n * FEATURES);
      const columns = Array.from({ length: FEATURES }, (_, j) => all.subarray(j * n, (j + 1) * n));
      for (const ref of refs) {
        const body = validateArtifactBody(await exportPickle(ref.pickle), ref.pickle);
        measure(ref.case, compileModel(body, registry), columns, n, ref);
      }
    } else {
      console.error(
        `scikit-learn not importable by ${PYTHON}: measuring ratchet alone (reference null)`,
      );
      await ownOnly(cases, n, registry);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

/** Without scikit-learn: models fitted by ratchet itself on the same kind of data. */
async function ownOnly(cases: string[], n: number, registry: PluginRegistry): Promise<void> {
  const { trainModel } = await import("../core/train/mod.ts");
  const { tableFromColumns } = await import("../core/table/mod.ts");
  const rng = createRandom(1);
  const columns = Array.from(
    { length: FEATURES },
    () => Float64Array.from({ length: n }, () => rng.normal()),
  );
  const m = 20_000;
  const score = Float64Array.from(
    { length: m },
    (_, i) => columns.reduce((s, c, j) => s + c[i]! * ((j % 5) - 2), 0),
  );
  const names = columns.map((_, j) => `x${j}`);
  for (const kase of cases) {
    const id = kase.startsWith("logistic") ? "logistic" : kase;
    const plugin = registry.get(id);
    if (!plugin.fit) {
      console.error(
        `${kase}: plugin has no fit and there is no scikit-learn to import from; skipped`,
      );
      continue;
    }
    const labels = kase === "linear"
      ? Array.from(score)
      : kase === "logistic_multinomial"
      ? Array.from(score, (s) => (s < -2 ? "a" : s < 0 ? "b" : s < 2 ? "c" : "d"))
      : Array.from(score, (s) => (s > 0 ? "yes" : "no"));
    const train: Record<string, ArrayLike<unknown>> = { y: labels };
    names.forEach((name, j) => (train[name] = columns[j]!.subarray(0, m)));
    const params: Record<string, number> = kase === "random_forest"
      ? { n_estimators: 100, max_depth: 12 }
      : kase === "decision_tree"
      ? { max_depth: 12 }
      : {};
    const body = trainModel({ plugin, table: tableFromColumns(train, m), target: "y", params });
    measure(kase, compileModel(body, registry), columns, n, undefined);
  }
}

if (import.meta.main) await main();
