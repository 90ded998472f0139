import assert from "node:assert/strict";
import { PluginRegistry } from "../contract/mod.ts";
import { type CompiledModel, compileModel } from "../model/mod.ts";
import { createRandom } from "../random/mod.ts";
import { tableFromColumns } from "../table/mod.ts";
import { builtinPlugins } from "../../plugins/mod.ts";
import { DiagnosticsCollector } from "./diagnostics.ts";

const registry = new PluginRegistry(builtinPlugins);

function model(task: "regression" | "binary"): CompiledModel {
  return compileModel({
    format: "ratchet.model/v1",
    plugin: { id: task === "regression" ? "linear" : "logistic", version: "^1.0.0" },
    task,
    features: [{ name: "x", type: "number" }],
    target: task === "regression" ? { name: "y" } : { name: "y", labels: ["no", "yes"] },
    preprocessing: [],
    coefficients: task === "regression"
      ? { intercept: 0, weights: [1] }
      : { link: "ovr", intercepts: [0], weights: [[1]] },
    hyperparameters: {},
    provenance: { created: "2026-01-01T00:00:00Z", source: "hand-written" },
  }, registry);
}

/** Feeds `batches` batches of `n` rows; x and the target come from `row(global index)`. */
function feed(
  m: CompiledModel,
  collector: DiagnosticsCollector,
  batches: number,
  n: number,
  row: (g: number) => [x: number, target: number],
): { loss: number; partition: string; x: number }[] {
  const all: { loss: number; partition: string; x: number }[] = [];
  for (let b = 0; b < batches; b++) {
    const x = new Float64Array(n), target = new Float64Array(n);
    for (let i = 0; i < n; i++) [x[i], target[i]] = row(b * n + i);
    const table = tableFromColumns({ x }, n);
    const outputs = m.predictTable(table);
    const partition = `p${Math.floor(b / 3)}`;
    collector.add(partition, table, target, outputs);
    for (let i = 0; i < n; i++) {
      const loss = m.task === "regression"
        ? Math.abs(target[i]! - outputs[i]!)
        : -Math.log(Math.max(outputs[target[i]! * n + i]!, 1e-300));
      all.push({ loss, partition, x: x[i]! });
    }
  }
  return all;
}

/** The `count` worst rows by brute force: stable, so earlier rows win ties. */
function worst(all: { loss: number; partition: string; x: number }[], count: number) {
  return [...all].sort((a, b) => b.loss - a.loss).slice(0, count);
}

Deno.test("the worst rows are the rows with the largest loss, for a classifier and a regressor", () => {
  for (const task of ["binary", "regression"] as const) {
    const random = createRandom(task === "binary" ? 3 : 4);
    const m = model(task);
    const collector = new DiagnosticsCollector(m, { worstCount: 25 });
    // Rounded inputs make ties; large ones make probabilities of (almost) 0 and 1.
    const all = feed(m, collector, 12, 5000, () => [
      Math.round(random.normal() * (random.next() < 0.01 ? 400 : 3) * 100) / 100,
      task === "binary" ? random.int(2) : Math.round(random.normal() * 50) / 10,
    ]);
    const got = collector.finish().worst;
    const want = worst(all, 25);
    assert.deepEqual(
      got.map((w) => [w.partition, w.row.x, w.loss]),
      want.map((w) => [w.partition, w.x, w.loss]),
      task,
    );
  }
});

Deno.test("the worst rows are right when every loss is within a hair of the others", () => {
  const random = createRandom(5);
  const m = model("binary");
  const collector = new DiagnosticsCollector(m, { worstCount: 25 });
  // Every row positive with P(yes) just above 0.5: losses packed in (0.6926, 0.6932).
  const all = feed(m, collector, 8, 4000, () => [random.next() * 1e-3, 1]);
  const got = collector.finish().worst;
  assert.deepEqual(
    got.map((w) => [w.partition, w.row.x, w.loss]),
    worst(all, 25).map((w) => [w.partition, w.x, w.loss]),
  );
});

Deno.test("the residual sample is uniform over every row, and is every row when there are few", () => {
  const m = model("regression");
  // x = 0, so the prediction is 0 and the residual is the target: the row's global index.
  const few = new DiagnosticsCollector(m, { sampleSize: 500 });
  feed(m, few, 3, 100, (g) => [0, g]);
  assert.deepEqual(
    few.finish().residuals!.map((r) => r.residual),
    Array.from({ length: 300 }, (_, g) => g),
  );

  const rows = 200_000, size = 2000;
  const collector = new DiagnosticsCollector(m, { sampleSize: size });
  feed(m, collector, 40, rows / 40, (g) => [0, g]);
  const sample = collector.finish().residuals!.map((r) => r.residual);
  assert.equal(sample.length, size);
  assert.equal(new Set(sample).size, size, "no row twice");
  assert.ok(sample.every((g) => Number.isInteger(g) && g >= 0 && g < rows));
  // Uniform: each tenth of the rows holds about a tenth of the sample (±5 standard deviations).
  const sd = Math.sqrt(size * 0.1 * 0.9);
  for (let tenth = 0; tenth < 10; tenth++) {
    const k = sample.filter((g) => Math.floor(g / (rows / 10)) === tenth).length;
    assert.ok(Math.abs(k - size / 10) < 5 * sd, `tenth ${tenth} holds ${k} of ${size}`);
  }
});
