/**
 * The service predicts row by row with its own compiled preprocessing; these
 * tests hold it to the numbers and refusals of core's batch path
 * (`CompiledModel.predictTable`, which `ratchet predict` uses), on random
 * rows through every preprocessing step, and on the shipped demo models.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { validateArtifactBody } from "../artifact/mod.ts";
import { type CompiledModel, compileModel } from "../model/mod.ts";
import { openProject } from "../project/mod.ts";
import { createRandom, type Random } from "../random/mod.ts";
import { tableFromRows } from "../table/mod.ts";
import { builtinPlugins } from "../../plugins/mod.ts";
import { PluginRegistry } from "../contract/mod.ts";
import { serveModel } from "./served_model.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const registry = new PluginRegistry(builtinPlugins);

/** Every step: impute (number and category), standard and min-max scaling with clip, one-hot with drop and ignore. */
const EVERY_STEP = {
  format: "ratchet.model/v1",
  name: "steps",
  version: 1,
  plugin: { id: "logistic", version: "^1.0.0" },
  task: "multiclass",
  features: [
    { name: "x", type: "number" },
    { name: "y", type: "number" },
    { name: "c", type: "category", levels: ["a", "b", 3] },
    { name: "d", type: "category", levels: ["u", "v"] },
    { name: "flag", type: "boolean" },
  ],
  target: { name: "k", labels: ["p", "q", "r"] },
  preprocessing: [
    { type: "impute", columns: ["x", "c", "flag"], strategy: "constant", fill: [1.5, "b", 0] },
    { type: "standard_scale", columns: ["y"], mean: [2], scale: [3] },
    { type: "minmax_scale", columns: ["x"], min: [0.1], scale: [0.5], clip: [0, 1] },
    { type: "one_hot", columns: ["c"], drop: ["a"], handle_unknown: "ignore" },
    { type: "one_hot", columns: ["d"], handle_unknown: "error" },
    { type: "standard_scale", columns: ["c=b"], mean: [0.5], scale: [0.25] },
  ],
  coefficients: {
    link: "multinomial",
    intercepts: [0.1, -0.2, 0.3],
    weights: [
      [0.3, -1.1, 0.7, 0.2, 1.3, -0.4, 0.05],
      [-0.6, 0.4, -0.2, 0.9, -0.1, 0.8, -0.3],
      [0.2, 0.2, 0.5, -0.7, 0.6, 0.1, 0.9],
    ],
  },
  provenance: { created: "2026-01-01T00:00:00Z", source: "test" },
};

function _everyStep(): CompiledModel {
  return compileModel(
    { ...validateArtifactBody(EVERY_STEP, "test"), name: "steps", version: 1 },
    registry,
  );
}

function randomRow(model: CompiledModel, random: Random): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const f of model.preprocessor.features) {
    const missing = random.next() < 0.15;
    if (f.type === "number") row[f.name] = missing ? null : random.normal() * 5;
    else if (f.type === "boolean") row[f.name] = missing ? null : random.next() < 0.5;
    else {
      const levels = f.levels ?? [];
      const pick = random.int(levels.length + 2);
      row[f.name] = missing
        ? null
        : pick < levels.length
        ? levels[pick]
        : pick === levels.length
        ? String(levels[0])
        : "unseen";
    }
  }
  return row;
}

/** The batch path's outputs for one row, or "refused". */
function batch(model: CompiledModel, row: Record<string, unknown>): number[] | "refused" {
  try {
    return Array.from(model.predictTable(tableFromRows([row])));
  } catch {
    return "refused";
  }
}

function served(model: CompiledModel, rows: Record<string, unknown>[]): number[] | "refused" {
  try {
    return Array.from(serveModel(model).predict(rows));
  } catch {
    return "refused";
  }
}

function checkParity(model: CompiledModel, seed: number, count: number): number {
  const random = createRandom(seed);
  let predicted = 0;
  for (let r = 0; r < count; r++) {
    const row = randomRow(model, random);
    const expected = batch(model, row);
    assert.deepEqual(served(model, [row]), expected, `${model.label}: ${JSON.stringify(row)}`);
    if (expected !== "refused") predicted++;
  }
  return predicted;
}

Deno.test("row-by-row predictions equal the batch path's, bit for bit, through every step", () => {
  const model = _everyStep();
  const predicted = checkParity(model, 7, 2000);
  assert.ok(predicted > 1000, `only ${predicted} rows predicted: the test data is too odd`);
});

Deno.test("row-by-row predictions equal the batch path's on the demo models", async () => {
  const project = await openProject(REPO);
  for (const name of ["rain-tomorrow", "temp-tomorrow"]) {
    const model = project.model({ name, ref: undefined });
    checkParity(model, 11, 1000);
  }
});

Deno.test("several rows come back output-major, as from the batch path", () => {
  const model = _everyStep();
  const rows = [
    { x: 1, y: 2, c: "b", d: "u", flag: true },
    { x: null, y: -1, c: 3, d: "v", flag: null },
    { x: 9, y: 0, c: "unseen", d: "u", flag: false },
  ];
  assert.deepEqual(
    Array.from(serveModel(model).predict(rows)),
    Array.from(model.predictTable(tableFromRows(rows))),
  );
});

Deno.test("refusals name the field as the caller labels it", () => {
  const model = _everyStep();
  const s = serveModel(model);
  const label = (i: number, key?: string) => `$.rows[${i}]${key ? `.${key}` : ""}`;
  const row = { x: 1, y: 2, c: "b", d: "u", flag: true };
  assert.throws(
    () => s.predict([row, { ...row, d: "w" }], label),
    /^RatchetError: \$\.rows\[1\]\.d: "w" is not a level steps@1 knows \(levels: "u", "v"\)/,
  );
  assert.throws(
    () => s.predict([{ ...row, y: null }], label),
    /\$\.rows\[0\]\.y: null, and steps@1 has no imputer for it/,
  );
  assert.throws(
    () => s.predict([{ ...row, d: null }], label),
    /\$\.rows\[0\]\.d: null, and steps@1 has no imputer/,
  );
});
