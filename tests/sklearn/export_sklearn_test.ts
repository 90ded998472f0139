/**
 * Parity of `tools/export_sklearn.py`: every supported scikit-learn estimator,
 * alone and behind Pipelines, is fitted and pickled by scikit-learn, exported
 * by the tool as a user would run it, loaded by ratchet, and must predict the
 * held-out rows exactly as scikit-learn's predict / predict_proba do.
 */
import assert from "node:assert/strict";
import { runPython, sklearnTest } from "../../core/testing/python.ts";
import { type ArtifactBody, validateArtifactBody } from "../../core/artifact/mod.ts";
import { PluginRegistry } from "../../core/contract/mod.ts";
import { parseJson, sha256Hex } from "../../core/json/mod.ts";
import { type CompiledModel, compileModel, predictionOf } from "../../core/model/mod.ts";
import { tableFromRows } from "../../core/table/mod.ts";
import { builtinPlugins } from "../../plugins/mod.ts";
import { type Dataset, type DatasetName, parityDatasets, type Row } from "./datasets.ts";
import { PARITY_CASES, type ParityCase, REFUSAL_CASES } from "./cases.ts";
import { runExporter } from "./run_exporter.ts";

const TOLERANCE = 1e-9;
const SCRIPT = Deno.readTextFileSync(new URL("./fit_models.py", import.meta.url));

/** What fit_models.py reports for one case. */
interface Fitted {
  name: string;
  path: string;
  classes: (string | number)[] | null;
  predict: (string | number)[] | null;
  proba: number[][] | null;
}

interface FitRequest {
  name: string;
  data: DatasetName;
  numpy?: boolean;
  test?: Row[];
}

async function _fit(
  datasets: Record<DatasetName, Dataset>,
  cases: FitRequest[],
  dir: string,
): Promise<Map<string, Fitted>> {
  const fitted = await runPython<Fitted[]>(SCRIPT, { dir, datasets, cases });
  return new Map(fitted.map((f) => [f.name, f]));
}

function _testRows(c: ParityCase, dataset: Dataset): Row[] {
  return dataset.test.map((row, i) => {
    const copy = { ...row };
    if (c.unknownLevels && i % 4 === 0) copy.region = "atlantis";
    if (c.holes && i % 3 === 0) copy.x1 = null;
    return copy;
  });
}

function _exporterArgs(c: ParityCase, path: string, dataset: Dataset): string[] {
  const features = c.numpy ? ["--features", dataset.columns.join(",")] : [];
  return [path, "--target", "y", ...features, ...(c.args ?? [])];
}

async function _mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

function _checkArtifact(
  c: ParityCase,
  raw: Record<string, unknown>,
  body: ArtifactBody,
  dataset: Dataset,
  pickle: Uint8Array,
) {
  for (const key of ["name", "version", "sha256"]) {
    assert.ok(!(key in raw), `the body must not carry ${key}`);
  }
  assert.equal(body.plugin.id, c.plugin);
  assert.equal(body.target.name, "y");
  const at = c.args?.indexOf("--positive") ?? -1;
  assert.equal(body.target.positive, at >= 0 ? c.args![at + 1] : undefined);
  const names = body.features.map((f) => f.name);
  assert.deepEqual(names, c.features ?? dataset.columns);
  const categories = new Set(c.categories ?? dataset.categorical);
  for (const f of body.features) {
    assert.equal(f.type, categories.has(f.name) ? "category" : "number", f.name);
  }
  assert.ok(body.provenance.source.startsWith("scikit-learn "));
  assert.equal(body.provenance.pickle_sha256, sha256Hex(pickle));
}

/** Max |ratchet − scikit-learn| over the held-out rows; labels must agree unless scikit-learn's top two tie. */
function _compare(model: CompiledModel, fitted: Fitted, rows: Row[]): number {
  const n = rows.length;
  const out = model.predictTable(tableFromRows(rows));
  const predict = fitted.predict!;
  let max = 0;
  if (model.task === "regression") {
    for (let i = 0; i < n; i++) {
      const diff = Math.abs(
        (predictionOf(model, out, n, i).prediction as number) - (predict[i] as number),
      );
      assert.ok(diff <= TOLERANCE, `row ${i}: ratchet ${out[i]} vs scikit-learn ${predict[i]}`);
      max = Math.max(max, diff);
    }
    return max;
  }
  assert.deepEqual(model.labels, fitted.classes);
  for (let i = 0; i < n; i++) {
    const expected = fitted.proba![i]!;
    for (let k = 0; k < model.width; k++) {
      const diff = Math.abs(out[k * n + i]! - expected[k]!);
      assert.ok(
        diff <= TOLERANCE,
        `row ${i} class ${model.labels[k]}: ratchet ${out[k * n + i]} vs scikit-learn ${
          expected[k]
        }`,
      );
      max = Math.max(max, diff);
    }
    const [top, second] = [...expected].sort((a, b) => b - a) as [number, number];
    if (top - second > TOLERANCE) {
      assert.deepEqual(
        predictionOf(model, out, n, i).prediction,
        predict[i],
        `row ${i}: predicted label`,
      );
    }
  }
  return max;
}

Deno.test({
  name: "export_sklearn: every supported estimator predicts as scikit-learn does",
  ...sklearnTest(),
  fn: async (t) => {
    const dir = await Deno.makeTempDir({ prefix: "ratchet_sklearn_parity_" });
    try {
      const datasets = parityDatasets(20_240_611, { train: 240, test: 80 });
      const tests = new Map(PARITY_CASES.map((c) => [c.name, _testRows(c, datasets[c.data])]));
      const fitted = await _fit(
        datasets,
        PARITY_CASES.map((c) => ({ ...c, test: tests.get(c.name)! })),
        dir,
      );
      const exports = await _mapLimit(
        PARITY_CASES,
        6,
        (c) => runExporter(_exporterArgs(c, fitted.get(c.name)!.path, datasets[c.data])),
      );
      const registry = new PluginRegistry(builtinPlugins);
      const report: string[] = [];
      for (const [k, c] of PARITY_CASES.entries()) {
        await t.step(c.name, () => {
          const result = exports[k]!;
          assert.equal(result.code, 0, result.stderr);
          const raw = parseJson(result.stdout, { source: c.name }) as Record<string, unknown>;
          const body = validateArtifactBody(raw, c.name);
          const f = fitted.get(c.name)!;
          _checkArtifact(c, raw, body, datasets[c.data], Deno.readFileSync(f.path));
          const max = _compare(compileModel(body, registry), f, tests.get(c.name)!);
          report.push(`${c.name.padEnd(48)} ${max.toExponential(2)}`);
          console.log(`${c.name}: max |ratchet - scikit-learn| = ${max.toExponential(3)}`);
        });
      }
      console.log(`\ncase${" ".repeat(45)}max abs diff\n${report.join("\n")}`);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "export_sklearn: refuses what ratchet cannot replay, naming the class or option",
  ...sklearnTest(),
  fn: async (t) => {
    const dir = await Deno.makeTempDir({ prefix: "ratchet_sklearn_refusals_" });
    try {
      const datasets = parityDatasets(7, { train: 120, test: 0 });
      const fitted = await _fit(datasets, [...REFUSAL_CASES], dir);
      // No --features is added for numpy fits here: the cases give exactly the arguments to test.
      const results = await _mapLimit(
        REFUSAL_CASES,
        6,
        (c) => runExporter([fitted.get(c.name)!.path, "--target", "y", ...c.args]),
      );
      for (const [k, c] of REFUSAL_CASES.entries()) {
        await t.step(c.name, () => {
          const result = results[k]!;
          assert.equal(result.code, 2, result.stderr);
          assert.equal(result.stdout, "");
          for (const words of c.expect) {
            assert.ok(
              result.stderr.includes(words),
              `expected ${JSON.stringify(words)} in: ${result.stderr}`,
            );
          }
        });
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "export_sklearn: --help, defaults, description and unreadable input",
  ...sklearnTest(),
  fn: async (t) => {
    await t.step("--help explains the path to predictions and warns about pickles", async () => {
      const result = await runExporter(["--help"]);
      assert.equal(result.code, 0);
      for (const words of ["models add", "predict", "trust", "--features", "--positive"]) {
        assert.ok(result.stdout.includes(words), `--help lacks ${words}`);
      }
    });
    const dir = await Deno.makeTempDir({ prefix: "ratchet_sklearn_cli_" });
    try {
      const datasets = parityDatasets(11, { train: 120, test: 0 });
      const fitted = await _fit(
        datasets,
        [{ name: "logistic_binary", data: "numeric_binary" }],
        dir,
      );
      const path = fitted.get("logistic_binary")!.path;
      await t.step("without --target the target is 'target', with a note", async () => {
        const result = await runExporter([path, "--description", "churn v2", "--name", "churn"]);
        assert.equal(result.code, 0, result.stderr);
        const body = validateArtifactBody(parseJson(result.stdout), "stdout");
        assert.equal(body.target.name, "target");
        assert.equal(body.description, "churn v2");
        assert.equal(body.target.positive, undefined);
        assert.match(result.stderr, /--target/);
        assert.match(result.stderr, /models add churn/);
      });
      await t.step("a missing file and a file that is not a pickle are errors", async () => {
        const missing = await runExporter([`${dir}/nope.pkl`]);
        assert.equal(missing.code, 2);
        assert.match(missing.stderr, /cannot read .*nope\.pkl/);
        Deno.writeTextFileSync(`${dir}/text.pkl`, "not a pickle");
        const text = await runExporter([`${dir}/text.pkl`]);
        assert.equal(text.code, 2);
        assert.match(text.stderr, /cannot load .*text\.pkl/);
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
