import assert from "node:assert/strict";
import { join } from "node:path";
import { fixturesPath, parseFixtures, predictOne } from "../fixtures/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import { monthRows } from "../backtest/sql_test_project.ts";
import { tableFromRows } from "../table/mod.ts";
import { undefinedNames } from "../testing/mod.ts";
import {
  ALL_MODELS,
  NODE_PREDICT,
  randomRows,
  runDeno,
  runNode,
  withExportProject,
} from "./_test_project.ts";
import { exportBundle } from "./export_bundle.ts";

type Row = Record<string, unknown>;

/** What ratchet itself answers for each row, as JSON text: a prediction or the error's message. */
function ratchetAnswers(model: CompiledModel, rows: readonly Row[]): string[] {
  return rows.map((row) => {
    try {
      return JSON.stringify(predictOne(model, row));
    } catch (e) {
      const err = e as Error & { kind: string; status: number };
      return JSON.stringify({
        error: err.message,
        kind: err.kind,
        status: err.status,
        name: err.name,
      });
    }
  });
}

/** ratchet's batch answer for rows it can all predict, column by column (as the bundle gives it). */
function ratchetColumns(model: CompiledModel, rows: readonly Row[]) {
  const n = rows.length;
  const out = model.predictTable(tableFromRows(rows));
  if (model.task === "regression") return { prediction: Array.from(out.subarray(0, n)) };
  const prediction = rows.map((row) => predictOne(model, row).prediction);
  const probabilities = Object.fromEntries(
    model.labels.map((l, k) => [String(l), Array.from(out.subarray(k * n, (k + 1) * n))]),
  );
  return { prediction, probabilities };
}

/** Rows ratchet refuses, one per way of refusing: each answer must be ratchet's error. */
function badRows(model: CompiledModel, good: Row): Row[] {
  const features = model.preprocessor.features;
  const number = features.find((f) => f.type === "number")?.name;
  const imputed = new Set(
    (model.artifact.preprocessing ?? []).flatMap((s) => (s.type === "impute" ? s.columns : [])),
  );
  const category = features.find((f) => f.type === "category" && !imputed.has(f.name))?.name;
  const first = features[0]!.name;
  const { [first]: _, ...lacking } = good;
  return [
    lacking,
    ...(number ? [{ ...good, [number]: "12" }, { ...good, [number]: true }] : []),
    ...(category ? [{ ...good, [category]: [1] }, { ...good, [category]: null }] : []),
  ];
}

/**
 * The engines' own `Math.exp` and `Math.log` differ in the last bit between
 * V8 versions (Node 20's and Deno's), so where a predictor calls them its
 * probabilities may differ in the last bits under another engine (more
 * where a probability is a difference, or the exp of a large sum);
 * everything else is bit for bit.
 */
const ENGINE_MATH_TOLERANCE = 1e-13;

/** The largest |a − b| between two JSON answers of the same shape; Infinity when they differ otherwise. */
function distance(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b) ? 0 : Math.abs(a - b);
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const keys = Object.keys(a);
    if (keys.join() !== Object.keys(b).join()) return Infinity;
    return Math.max(0, ...keys.map((k) => distance((a as Row)[k], (b as Row)[k])));
  }
  return Object.is(a, b) ? 0 : Infinity;
}

Deno.test("predictor.js answers every row as ratchet does, bit for bit under Deno and under Node alone", async (t) => {
  await withExportProject(async (project) => {
    const out = Deno.makeTempDirSync({ prefix: "ratchet-bundles-" });
    try {
      Deno.writeTextFileSync(join(out, "predict.mjs"), NODE_PREDICT);
      const worst: Record<string, number> = {};
      for (const [k, name] of ALL_MODELS.entries()) {
        await t.step(name, async () => {
          const model = project.model({ name, ref: undefined });
          const { dir } = await exportBundle(project, { name, ref: undefined }, {
            out,
            commit: null,
          });
          const fixtures = parseFixtures(
            Deno.readTextFileSync(fixturesPath(project.store, name)),
            "fixtures",
          ).map((f) => f.input as Row);
          const rows = [
            ...fixtures,
            ...randomRows(model, 300, 100 + k),
            // Rows as the data gives them: missing values, an unknown category the encoder ignores.
            ...(model.preprocessor.features.some((f) => f.name === "color")
              ? monthRows("2025-02", 100, k)
              : []),
          ];
          const refused = badRows(model, rows[0]!);
          assert(
            ratchetAnswers(model, refused).every((r) => r.includes('"error"')),
            "every bad row is refused by ratchet",
          );
          const expected = {
            one: [...ratchetAnswers(model, rows), ...ratchetAnswers(model, refused)].map((a) =>
              JSON.parse(a)
            ),
            columns: ratchetColumns(model, rows),
          };
          const input = join(out, `${name}.json`);
          Deno.writeTextFileSync(input, JSON.stringify({ rows, refused }));
          const args = ["predict.mjs", join(dir, "predictor.js"), input];
          const deno = await runDeno(["run", "--allow-read", ...args], out);
          assert.equal(deno.code, 0, deno.stderr);
          assert.equal(JSON.stringify(JSON.parse(deno.stdout).answers), JSON.stringify(expected));
          const node = await runNode(args, out);
          assert.equal(node.code, 0, node.stderr);
          const source = model.plugin.toJS!(
            model.plugin.parse(model.artifact.coefficients, model.shape),
            model.shape,
          );
          const bound = /Math\.(exp|log)\b/.test(source) ? ENGINE_MATH_TOLERANCE : 0;
          const d = distance(JSON.parse(node.stdout).answers, expected);
          worst[name] = d;
          assert(
            d <= bound,
            `${name}: Node's answers are ${d} from ratchet's (allowed ${bound})`,
          );
        });
      }
      console.log("largest |Node − ratchet| per model (0: bit for bit):", worst);
    } finally {
      Deno.removeSync(out, { recursive: true });
    }
  });
});

Deno.test("predictor.js and selftest.js are standalone: no name they use is left undefined", async () => {
  await withExportProject(async (project) => {
    const out = Deno.makeTempDirSync({ prefix: "ratchet-bundles-" });
    try {
      for (const name of ALL_MODELS) {
        const { dir } = await exportBundle(project, { name, ref: undefined }, {
          out,
          commit: null,
        });
        for (const file of ["predictor.js", "selftest.js"]) {
          const source = Deno.readTextFileSync(join(dir, file));
          assert.deepEqual(await undefinedNames(source), [], `${name}: ${file}`);
          assert(
            !/^\s*import\s.*["']node:/m.test(source),
            `${file} imports nothing from Node up front`,
          );
        }
      }
    } finally {
      Deno.removeSync(out, { recursive: true });
    }
  });
});

Deno.test("predictor.d.ts types the feature row and the result", async () => {
  await withExportProject(async (project) => {
    const out = Deno.makeTempDirSync({ prefix: "ratchet-bundles-" });
    try {
      for (const name of ["rain-tomorrow", "temp-tomorrow", "tree-multiclass"]) {
        const model = project.model({ name, ref: undefined });
        const { dir } = await exportBundle(project, { name, ref: undefined }, {
          out,
          commit: null,
        });
        const bundle = `${name}-${project.store.resolve(name, undefined)}`;
        const row = randomRows(model, 1, 7)[0]!;
        const number = model.preprocessor.features.find((f) => f.type === "number")!.name;
        const category = model.preprocessor.features.find((f) => f.type === "category")!.name;
        const result = model.task === "regression"
          ? "const value: number = p.prediction;"
          : `const label: ${
            model.labels.map((l) => JSON.stringify(l)).join(" | ")
          } = p.prediction;\n` +
            `const q: number = p.probabilities[${JSON.stringify(String(model.labels[0]))}];`;
        const check = (wrong: boolean) =>
          `import { type Features, predict } from "./${bundle}/predictor.js";\n` +
          `const row: Features = ${JSON.stringify(row)};\nconst p = predict(row);\n${result}\n` +
          (wrong ? "// @ts-expect-error: a number feature given as text\n" : "") +
          `predict({ ...row, ${JSON.stringify(number)}: "3" });\n` +
          (wrong ? "// @ts-expect-error: not a level\n" : "") +
          `predict({ ...row, ${JSON.stringify(category)}: "no such level" });\n`;
        const file = join(out, `check-${name}.ts`);
        const deno = (source: string) => {
          Deno.writeTextFileSync(file, source);
          return new Deno.Command(Deno.execPath(), {
            args: ["check", "--no-config", file],
            stdout: "piped",
            stderr: "piped",
          }).output();
        };
        const good = await deno(check(true));
        assert.equal(good.code, 0, new TextDecoder().decode(good.stderr));
        // Without the expectations of errors, the two wrong calls must not type-check.
        const bad = await deno(check(false));
        assert.equal(bad.code, 1, `${name}: wrong rows type-check`);
        assert(dir.endsWith(bundle));
      }
    } finally {
      Deno.removeSync(out, { recursive: true });
    }
  });
});
