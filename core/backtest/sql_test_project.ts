/**
 * Test support for the SQL engine: a temp project with a generated dataset
 * (imported with `importDataset`) that exercises every preprocessing step,
 * single-class and tied partitions, and a partition of two files; models
 * fitted on it with the plugins' own `fit`; and the comparison of a
 * back-test's two engines.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import type { ArtifactBody, Step } from "../artifact/mod.ts";
import { normalizeParams, type ParamValue, type Plugin, type Task } from "../contract/mod.ts";
import { importDataset } from "../data/mod.ts";
import { encodeTarget } from "../model/mod.ts";
import { compilePreprocessing } from "../preprocess/mod.ts";
import { openProject, type Project } from "../project/mod.ts";
import { createRandom } from "../random/mod.ts";
import { tableFromRows } from "../table/mod.ts";
import type { BacktestResult } from "./backtest.ts";

/** A generated row; `null` is a missing value. */
export type Row = Record<string, string | number | boolean | null>;

/** The features every test model reads. */
export const FEATURES: ArtifactBody["features"] = [
  { name: "x1", type: "number" },
  { name: "x2", type: "number" },
  { name: "x3", type: "number" },
  { name: "flag", type: "boolean" },
  { name: "color", type: "category", levels: ["red", "green", "blue"] },
  { name: "zip", type: "category", levels: [1000, 2000, 3000] },
  { name: "size", type: "category", levels: ["S", "M", "L"] },
];

/**
 * Every step: impute (numbers, a boolean, a category), standard scale,
 * min-max scale with clipping, one-hot ignoring unknowns with dropped
 * levels (a category in a number column among them), one-hot refusing
 * unknowns.
 */
export const PREPROCESSING: Step[] = [
  {
    type: "impute",
    columns: ["x1", "flag", "color"],
    strategy: "constant",
    fill: [0.5, 0, "green"],
  },
  { type: "standard_scale", columns: ["x1", "x2"], mean: [0.9, -0.3], scale: [2.1, 9.7] },
  { type: "minmax_scale", columns: ["x3"], min: [-0.1], scale: [0.12], clip: [0, 1] },
  { type: "one_hot", columns: ["color", "zip"], handle_unknown: "ignore", drop: ["red", 1000] },
  { type: "one_hot", columns: ["size"], handle_unknown: "error" },
];

/**
 * `n` rows of month `month` (`2024-03`): x1 missing every 9th row, flag
 * every 13th, color every 11th; color sometimes `purple` (unknown,
 * ignored). `options.constant` gives every row one class and one value;
 * `options.distinct` repeats that many rows over and over, so scores tie.
 */
export function monthRows(
  month: string,
  n: number,
  seed: number,
  options: { constant?: boolean; distinct?: number } = {},
): Row[] {
  const random = createRandom(seed);
  const make = (i: number): Row => {
    const x1 = random.normal() * 2 + 1, x2 = random.normal() * 10, x3 = random.next() * 10;
    const color = ["red", "green", "blue", "purple"][random.int(4)]!;
    const size = ["S", "M", "L"][random.int(3)]!;
    const score = x1 * 0.8 - x2 * 0.05 + (size === "L" ? 1 : 0) + random.normal();
    return {
      day: `${month}-${String(1 + (i % 28)).padStart(2, "0")}`,
      x1: i % 9 === 4 ? null : x1,
      x2,
      x3,
      flag: i % 13 === 6 ? null : random.next() < 0.4,
      color: i % 11 === 7 ? null : color,
      zip: [1000, 2000, 3000][random.int(3)]!,
      size,
      y_reg: options.constant ? 5 : score * 3 + x3,
      y_bin: options.constant ? "no" : score > 1 ? "yes" : "no",
      y_cls: options.constant ? "a" : score < 0 ? "a" : score < 2 ? "b" : "c",
    };
  };
  const distinct = Array.from({ length: options.distinct ?? n }, (_, i) => make(i));
  return Array.from({ length: n }, (_, i) => {
    const row = { ...distinct[i % distinct.length]! };
    // Tied rows keep their features but not their labels, so ties mix classes.
    if (options.distinct) row.y_bin = random.next() < 0.5 ? "yes" : "no";
    if (options.distinct) row.y_cls = ["a", "b", "c"][random.int(3)]!;
    return row;
  });
}

/** Writes rows as JSON Lines and imports them into dataset `name` (by month of `day`). */
export async function importRows(root: string, name: string, rows: readonly Row[]): Promise<void> {
  const file = join(root, `${name}-${crypto.randomUUID()}.jsonl`);
  Deno.writeTextFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  await importDataset(root, [file], { dataset: name, time: "day", grain: "month" });
  Deno.removeSync(file);
}

/**
 * A temp project holding dataset `engines`: 2024-01 (ordinary), 2024-02
 * (two files: imported, then appended to), 2024-03 (one class, a constant
 * target), 2024-04 (seven rows repeated: tied scores).
 */
export async function withEngineProject(fn: (project: Project) => Promise<void>): Promise<void> {
  const root = Deno.makeTempDirSync({ prefix: "ratchet-sql-" });
  try {
    await importRows(root, "engines", [
      ...monthRows("2024-01", 400, 1),
      ...monthRows("2024-02", 150, 2),
      ...monthRows("2024-03", 120, 3, { constant: true }),
      ...monthRows("2024-04", 210, 4, { distinct: 7 }),
    ]);
    await importRows(root, "engines", monthRows("2024-02", 170, 5));
    await fn(await openProject(root));
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
}

/** The training rows of every test model: ordinary rows, without unknown categories. */
export const TRAINING_ROWS: Row[] = monthRows("2023-12", 500, 9).map((r) =>
  r.color === "purple" ? { ...r, color: "blue" } : r
);

/**
 * An artifact of `plugin` for `task` (target `y_reg`, `y_bin` or `y_cls`)
 * over {@linkcode FEATURES} and {@linkcode PREPROCESSING}, fitted on
 * {@linkcode TRAINING_ROWS} with the plugin's own `fit`.
 */
export function fittedArtifact(
  plugin: Plugin,
  task: Task,
  params: Record<string, ParamValue> = {},
): ArtifactBody {
  const table = tableFromRows(TRAINING_ROWS);
  const pre = compilePreprocessing({ features: FEATURES, preprocessing: PREPROCESSING }, {
    model: "training",
    handlesMissing: false,
  });
  const target = { regression: "y_reg", binary: "y_bin", multiclass: "y_cls" }[task];
  const labels = { regression: [], binary: ["no", "yes"], multiclass: ["a", "b", "c"] }[task];
  const shape = { task, inputs: pre.inputs, classes: Math.max(1, labels.length) };
  const coefficients = plugin.fit!(
    {
      shape,
      columns: pre.encode(table),
      n: table.n,
      target: encodeTarget(table, target, task, labels),
    },
    normalizeParams(plugin.params!, params, plugin.id),
  );
  return {
    format: "ratchet.model/v1",
    plugin: { id: plugin.id, version: `^${plugin.version}` },
    task,
    features: FEATURES,
    target: task === "regression" ? { name: target } : { name: target, labels },
    preprocessing: PREPROCESSING,
    coefficients,
    hyperparameters: {},
    provenance: { created: "2026-01-01T00:00:00Z", source: "sql engine tests" },
  };
}

/** `|a − b| ≤ 1e-9`, relative to the size of values beyond 1 (mape reaches 1e15 on zero targets). */
export function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Asserts that the SQL engine's result equals the JavaScript engine's:
 * every partition's rows, error, metrics (within {@linkcode close}) and
 * reasons, the summaries, the calibration bins and the worst rows.
 * Returns the largest difference per metric.
 */
export function assertSameResult(js: BacktestResult, sql: BacktestResult): Record<string, number> {
  const worst: Record<string, number> = {};
  const near = (a: number | null | undefined, b: number | null | undefined, where: string) => {
    if (a === null || a === undefined || b === null || b === undefined) {
      assert.equal(b, a, where);
      return;
    }
    assert.ok(close(a, b), `${where}: JS ${a}, SQL ${b} (differ by ${Math.abs(a - b)})`);
    return Math.abs(a - b) / Math.max(1, Math.abs(a));
  };
  assert.equal(sql.engine, "sql");
  assert.deepEqual(sql.partitions.map((p) => p.partition), js.partitions.map((p) => p.partition));
  js.partitions.forEach((p, i) => {
    const q = sql.partitions[i]!;
    assert.equal(q.error, p.error, `${p.partition}: error`);
    assert.equal(q.rows, p.rows, `${p.partition}: rows`);
    assert.deepEqual(q.undefined, p.undefined, `${p.partition}: reasons`);
    assert.deepEqual(
      Object.keys(q.metrics),
      Object.keys(p.metrics),
      `${p.partition}: metric names`,
    );
    for (const [name, value] of Object.entries(p.metrics)) {
      const d = near(value, q.metrics[name], `partition ${p.partition}, ${name}`);
      if (d !== undefined) worst[name] = Math.max(worst[name] ?? 0, d);
    }
  });
  for (const [name, s] of Object.entries(js.summary)) {
    const t = sql.summary[name];
    if (s === null || t === null) assert.equal(t, s, `summary of ${name}`);
    else {
      for (const k of ["min", "mean", "max", "std", "partitions"] as const) {
        near(s[k], t?.[k], `summary ${k} of ${name}`);
      }
    }
  }
  assert.equal(sql.passed, js.passed);
  assert.equal(sql.diagnostics.calibration?.length, js.diagnostics.calibration?.length);
  js.diagnostics.calibration?.forEach((b, k) => {
    const c = sql.diagnostics.calibration![k]!;
    assert.equal(c.rows, b.rows, `calibration bin ${k}: rows`);
    near(b.predicted, c.predicted, `calibration bin ${k}: predicted`);
    near(b.observed, c.observed, `calibration bin ${k}: observed`);
  });
  assert.equal(sql.diagnostics.residuals?.length, js.diagnostics.residuals?.length);
  const worstRows = (r: BacktestResult) =>
    r.diagnostics.worst.map((w) => `${w.partition} ${w.key} ${JSON.stringify(w.row)} ${w.actual}`);
  assert.deepEqual(worstRows(sql), worstRows(js), "worst rows");
  js.diagnostics.worst.forEach((w, k) =>
    near(w.loss, sql.diagnostics.worst[k]!.loss, `worst ${k}`)
  );
  return worst;
}
