/**
 * What a bundle's `selftest.js` runs: the fixtures judged by ratchet's own
 * `checkFixtures` against the bundle's `predict`, in Node, Deno or a
 * browser. Written here in TypeScript and embedded in the bundle.
 *
 * @module
 */
import type { Label } from "../artifact/mod.ts";
import type { Task } from "../contract/mod.ts";
import type { Fixture, FixtureResult } from "../fixtures/mod.ts";
import { checkFixtures } from "../fixtures/mod.ts";
import type { CompiledModel, Prediction } from "../model/mod.ts";
import type { Table } from "../table/mod.ts";

/** The model as the self-test sees it: `predictor.js`'s `model` and `predict`. */
export interface SelftestModel {
  /** `name@version`. */
  readonly label: string;
  /** What the model predicts. */
  readonly task: Task;
  /** Class labels in output order. */
  readonly labels: readonly Label[];
  /** The bundle's `predict`. */
  predict(row: Readonly<Record<string, unknown>>): Prediction;
}

/** The self-test's outcome. */
export interface SelftestReport {
  /** The model, `name@version`. */
  readonly model: string;
  /** True when no case failed. */
  readonly ok: boolean;
  /** Cases met. */
  readonly passed: number;
  /** Cases not met, or unreadable lines. */
  readonly failed: number;
  /** Superseded cases, not checked. */
  readonly skipped: number;
  /** Every case's result, in file order. */
  readonly results: readonly FixtureResult[];
}

/**
 * The bundle's model as `checkFixtures` reads it: each row's outputs come
 * from the bundle's `predict`, in label order, so that ratchet's own
 * `predictOne` turns them back into that very prediction.
 *
 * @example
 * ```ts
 * import { asCompiledModel } from "./selftest_runtime.ts";
 * import { predictOne } from "../fixtures/mod.ts";
 * const model = {
 *   label: "m@1", task: "binary", labels: ["no", "yes"],
 *   predict: () => ({ prediction: "yes", probabilities: { no: 0.25, yes: 0.75 } }),
 * } as const;
 * if (predictOne(asCompiledModel(model), { x: 1 }).probabilities?.yes !== 0.75) throw new Error();
 * ```
 */
export function asCompiledModel(model: SelftestModel): CompiledModel {
  const regression = model.task === "regression";
  return {
    label: model.label,
    task: model.task,
    labels: model.labels,
    width: regression ? 1 : model.labels.length,
    predictTable(table: Table): Float64Array {
      const row = Object.fromEntries(table.names.map((n) => [n, table.column(n)![0]]));
      const p = model.predict(row);
      return regression
        ? Float64Array.of(p.prediction as number)
        : Float64Array.from(model.labels, (l) => p.probabilities![String(l)]!);
    },
  } as unknown as CompiledModel;
}

/**
 * Judges the text of `fixtures.jsonl` (one case a line) against the model;
 * a line that is not JSON fails as a case of its own.
 *
 * @example
 * ```ts
 * import { judgeFixtures } from "./selftest_runtime.ts";
 * const model = { label: "m@1", task: "regression", labels: [], predict: () => ({ prediction: 4 }) } as const;
 * const line = JSON.stringify({ id: "f_1", kind: "contrived", mode: "contract", input: {}, expect: { prediction: 5 }, tolerance: 0.5 });
 * const report = judgeFixtures(`${line}\n`, model);
 * if (report.ok || report.failed !== 1) throw new Error(JSON.stringify(report));
 * ```
 */
export function judgeFixtures(text: string, model: SelftestModel): SelftestReport {
  const compiled = asCompiledModel(model);
  const results: FixtureResult[] = [];
  text.split("\n").forEach((line, k) => {
    if (line.trim() === "") return;
    let fixture: Fixture;
    try {
      fixture = JSON.parse(line);
    } catch (e) {
      results.push({
        id: `line ${k + 1}`,
        kind: "contrived",
        mode: "contract",
        status: "failed",
        passed: false,
        expected: {},
        actual: null,
        tolerance: 0,
        message: `fixtures.jsonl line ${k + 1} is not JSON: ${(e as Error).message}`,
      });
      return;
    }
    results.push(...checkFixtures(compiled, [fixture]));
  });
  const count = (status: FixtureResult["status"]) =>
    results.filter((r) => r.status === status).length;
  return {
    model: model.label,
    ok: count("failed") === 0,
    passed: count("passed"),
    failed: count("failed"),
    skipped: count("skipped"),
    results,
  };
}

/**
 * A file beside the module at `base` (its `import.meta.url`), as text:
 * with Deno's file API in Deno, Node's in Node (imported on demand, so a
 * browser never sees it), `fetch` elsewhere.
 *
 * @example
 * ```ts
 * import { readBesides } from "./selftest_runtime.ts";
 * const text = await readBesides(import.meta.url, "./mod.ts");
 * if (!text.includes("export")) throw new Error();
 * ```
 */
export async function readBesides(base: string, name: string): Promise<string> {
  const url = new URL(name, base);
  const deno = (globalThis as { Deno?: typeof Deno }).Deno;
  if (deno) return await deno.readTextFile(url);
  if (_isNode()) {
    const fs = await import("node:fs/promises");
    return await fs.readFile(url, "utf8");
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Cannot read ${url}: HTTP ${response.status}`);
  return await response.text();
}

/**
 * Whether the module with `meta` (its `import.meta`) is the program run
 * (`node selftest.js`, `deno run selftest.js`); never in a browser.
 *
 * @example
 * ```ts
 * import { isMainModule } from "./selftest_runtime.ts";
 * if (await isMainModule(import.meta)) throw new Error("a test is not the main module");
 * ```
 */
export async function isMainModule(meta: ImportMeta): Promise<boolean> {
  if ((globalThis as { Deno?: unknown }).Deno) return meta.main === true;
  if (!_isNode()) return false;
  const script = (globalThis as unknown as { process: { argv: string[] } }).process.argv[1];
  if (!script) return false;
  const { fileURLToPath } = await import("node:url");
  const { realpath } = await import("node:fs/promises");
  try {
    return await realpath(script) === await realpath(fileURLToPath(meta.url));
  } catch {
    return false;
  }
}

/**
 * Prints a report, a line per case that failed and a summary, and makes
 * the process exit with 1 when a case failed (Node and Deno).
 *
 * @example
 * ```ts ignore
 * reportSelftest(await selftest());
 * ```
 */
export function reportSelftest(report: SelftestReport): void {
  for (const r of report.results) {
    if (r.status === "failed") console.log(`FAILED ${r.id} (${r.kind}, ${r.mode}): ${r.message}`);
  }
  console.log(
    `${report.model}: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`,
  );
  if (report.ok) return;
  const g = globalThis as { Deno?: { exitCode: number }; process?: { exitCode?: number } };
  if (g.Deno) g.Deno.exitCode = 1;
  else if (g.process) g.process.exitCode = 1;
}

function _isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === "string";
}

/**
 * This module's definitions as `selftest.js` embeds them, with
 * `CHECK_FIXTURES_JS`, `predictOne` and what it calls (see `jsSource` in
 * core/contract).
 *
 * @example
 * ```ts
 * import { SELFTEST_RUNTIME_JS } from "./selftest_runtime.ts";
 * if (typeof SELFTEST_RUNTIME_JS.judgeFixtures !== "function") throw new Error();
 * ```
 */
export const SELFTEST_RUNTIME_JS = {
  asCompiledModel,
  judgeFixtures,
  readBesides,
  isMainModule,
  reportSelftest,
  _isNode,
};
