/**
 * The back-test benchmark's data: `rows` rows of `features` numeric columns
 * over `partitions` months, written by DuckDB SQL straight into the dataset
 * layout (`data/bench/month=YYYY-MM/part-<uuid>.parquet` + `dataset.json`,
 * zstd-compressed like `ratchet data import` writes) and cached: a folder
 * whose `params.json` matches is reused as it is.
 *
 * Each row has a regression target `y` and a binary target `label` (0/1),
 * drawn from the same coefficients the benchmark's models use, so metrics
 * are those of sensible models.
 *
 * @module
 */
import { join } from "node:path";
import {
  connectDuckdb,
  DATASET_FORMAT,
  type DatasetDescriptor,
  saveDataset,
} from "../../core/data/mod.ts";
import { quoteString } from "../../core/data/mod.ts";

/** What the benchmark's data is made of. */
export interface BenchParams {
  /** Rows in all. */
  rows: number;
  /** Monthly partitions, from 2000-01 on. */
  partitions: number;
  /** Numeric feature columns `x0`, `x1`, …. */
  features: number;
}

/** Bumped whenever the generated data changes, so that older caches are generated again. */
const _GENERATOR = 2;

/** The dataset's name inside the cache folder. */
export const BENCH_DATASET = "bench";

/**
 * The hand-set coefficients of both models, for `features` inputs:
 * `y = intercept + Σ weights[j]·x_j + noise`, and `label` is 1 with
 * probability `expit(logitIntercept + Σ logitWeights[j]·x_j)`.
 *
 * @example
 * ```ts
 * import { benchCoefficients } from "./backtest_dataset.ts";
 * const c = benchCoefficients(3);
 * if (c.weights.length !== 3 || c.logitWeights.length !== 3) throw new Error();
 * ```
 */
export function benchCoefficients(features: number): {
  intercept: number;
  weights: number[];
  logitIntercept: number;
  logitWeights: number[];
} {
  return {
    intercept: 1.5,
    weights: Array.from({ length: features }, (_, j) => ((j % 3) - 1) * 0.75 + 0.125 * (j % 4)),
    logitIntercept: -0.25,
    logitWeights: Array.from(
      { length: features },
      (_, j) => (j % 2 ? -1 : 1) * (0.5 + 0.25 * (j % 3)),
    ),
  };
}

/**
 * The cached project folder holding `data/bench/` for `params`, generating
 * it first when `cache` has none with these parameters. Progress goes to
 * stderr.
 *
 * @example
 * ```ts ignore
 * const dir = await ensureBenchDataset("/tmp/ratchet-bench", { rows: 1e6, partitions: 12, features: 10 });
 * ```
 */
export async function ensureBenchDataset(cache: string, params: BenchParams): Promise<string> {
  const want = JSON.stringify({ ...params, generator: _GENERATOR });
  const marker = join(cache, "params.json");
  const have = _readIfExists(marker);
  if (have === want) return cache;
  // Only a folder this benchmark made is ever replaced: --cache may point anywhere.
  if (have === undefined && _exists(cache) && [...Deno.readDirSync(cache)].length > 0) {
    throw new Error(`${cache} is not empty and holds no benchmark data: choose another --cache`);
  }
  // Generated aside and renamed into place, so an interrupted run leaves no half dataset.
  const staging = `${cache}.tmp-${crypto.randomUUID()}`;
  console.error(`generating ${params.rows} rows into ${cache} (cached for later runs)…`);
  const t0 = performance.now();
  try {
    await _generate(staging, params);
    Deno.writeTextFileSync(join(staging, "params.json"), want);
  } catch (e) {
    Deno.removeSync(staging, { recursive: true });
    throw e;
  }
  if (_exists(cache)) Deno.removeSync(cache, { recursive: true });
  Deno.renameSync(staging, cache);
  console.error(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return cache;
}

/** Generates the dataset into `root/data/bench`. */
async function _generate(root: string, params: BenchParams): Promise<void> {
  const { rows, partitions, features } = params;
  const c = benchCoefficients(features);
  const dir = join(root, "data", BENCH_DATASET);
  Deno.mkdirSync(dir, { recursive: true });
  // Uniform values from a hash of (row, column): reproducible, no state.
  const uniform = (j: number, scale: number) =>
    `(hash(i * ${features + 2} + ${j}) % ${scale})::DOUBLE / ${scale}`;
  const names = Array.from({ length: features }, (_, j) => `x${j}`);
  const decision = (intercept: number, w: number[]) =>
    `${intercept} + ${w.map((v, j) => `(${v}) * x${j}`).join(" + ")}`;
  const month = "DATE '2000-01-01' + to_months(k::INTEGER)";
  const draws = [
    ...names.map((x, j) => `2 * ${uniform(j, 1_000_000)} - 1 AS ${x}`),
    `${uniform(features, 1_000_000)} - 0.5 AS noise`,
    `${uniform(features + 1, 1_000_000)} AS u`,
  ];
  const columns = [
    `(${month} + to_days((i % 28)::INTEGER))::DATE AS day`,
    ...names,
    `${decision(c.intercept, c.weights)} + noise AS y`,
    `(u < 1 / (1 + exp(-(${
      decision(c.logitIntercept, c.logitWeights)
    }))))::INTEGER::DOUBLE AS label`,
    `strftime(${month}, '%Y-%m') AS month`,
  ];
  const rowsSql = `SELECT i, i * ${partitions} // ${rows} AS k, ${draws.join(", ")} ` +
    `FROM range(${rows}) r(i)`;
  const sql = `COPY (SELECT ${columns.join(", ")} FROM (${rowsSql})) TO ${quoteString(dir)} ` +
    "(FORMAT parquet, COMPRESSION zstd, PARTITION_BY (month), FILENAME_PATTERN 'part-{uuid}')";
  const db = await connectDuckdb();
  try {
    await db.run(sql);
    const files: { label: string; file: string }[] = [];
    for (const folder of Deno.readDirSync(dir)) {
      const m = /^month=(\d{4}-\d{2})$/.exec(folder.name);
      if (!m) continue;
      for (const f of Deno.readDirSync(join(dir, folder.name))) {
        files.push({ label: m[1]!, file: `${folder.name}/${f.name}` });
      }
    }
    const counts = (await db.runAndReadAll(
      `SELECT file_name, num_rows FROM parquet_file_metadata([${
        files.map((f) => quoteString(join(dir, f.file))).join(", ")
      }])`,
    )).getRowObjectsJson();
    const rowsOf = new Map(counts.map((r) => [String(r.file_name), Number(r.num_rows)]));
    const now = new Date().toISOString();
    const byLabel = new Map<string, DatasetDescriptor["partitions"][number]>();
    for (const f of files.sort((a, b) => a.file < b.file ? -1 : 1)) {
      const p = byLabel.get(f.label) ?? { label: f.label, rows: 0, files: [], imported: now };
      p.rows += rowsOf.get(join(dir, f.file)) ?? 0;
      p.files.push(f.file);
      byLabel.set(f.label, p);
    }
    const list = [...byLabel.values()].sort((a, b) => a.label < b.label ? -1 : 1);
    saveDataset(dir, {
      format: DATASET_FORMAT,
      name: BENCH_DATASET,
      time: "day",
      grain: "month",
      key: "month",
      columns: [
        { name: "day", type: "date" },
        ...Array.from({ length: features }, (_, j) => ({ name: `x${j}`, type: "number" as const })),
        { name: "y", type: "number" },
        { name: "label", type: "number" },
      ],
      partitions: list,
      history: [{
        date: now,
        action: "import",
        partitions: list.map((p) => p.label),
        rows,
        source: ["tools/bench/backtest_dataset.ts"],
      }],
    });
  } finally {
    db.disconnectSync();
  }
}

function _readIfExists(path: string): string | undefined {
  try {
    return Deno.readTextFileSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
}

function _exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}
