/**
 * Contract check: a plugin's `toJS` source is standalone and gives the same
 * numbers as `compile`, bit for bit.
 *
 * @module
 */
import type { ModelShape, Plugin, Predictor } from "../contract/mod.ts";
import type { Random } from "../random/mod.ts";
import { randomColumns } from "./check_predictions.ts";

/**
 * The free names of a JavaScript module's source that no scope declares and
 * that are not standard globals, as `deno lint`'s `no-undef` rule finds
 * them (statically, so code paths no test runs count too). Empty when the
 * source is standalone. Runs `deno lint` in a subprocess.
 *
 * @example
 * ```ts ignore
 * const names = await undefinedNames("export default () => helper(1);");
 * // names = ["helper"]
 * ```
 */
export async function undefinedNames(source: string): Promise<string[]> {
  const lint = new Deno.Command(Deno.execPath(), {
    args: ["lint", "--no-config", "--rules-tags=", "--rules-include=no-undef", "--json", "-"],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const writer = lint.stdin.getWriter();
  await writer.write(new TextEncoder().encode(source));
  await writer.close();
  const { stdout, stderr } = await lint.output();
  const report = JSON.parse(new TextDecoder().decode(stdout) || "null") as {
    diagnostics: { message: string }[];
    errors: { message: string }[];
  } | null;
  if (!report || report.errors.length > 0) {
    throw new Error(
      `deno lint could not read the source: ${
        report?.errors.map((e) => e.message).join("; ") ?? new TextDecoder().decode(stderr)
      }`,
    );
  }
  return [...new Set(report.diagnostics.map((d) => d.message.replace(/ is not defined$/, "")))];
}

/**
 * Checks `plugin.toJS(coefficients, shape)`: the source has no free names
 * but standard globals, and the predictor it evaluates to has `compile`'s
 * width and gives identical numbers (`Object.is`) on 257 random rows, batch
 * and row by row.
 *
 * @example
 * ```ts ignore
 * await checkJsSource(linear, shape, linear.parse(coefficients, shape), createRandom(1));
 * ```
 */
export async function checkJsSource(
  plugin: Plugin,
  shape: ModelShape,
  coefficients: unknown,
  rng: Random,
): Promise<void> {
  const source = plugin.toJS!(coefficients, shape);
  if (typeof source !== "string") throw new Error(`toJS returned ${typeof source}, not source`);
  const free = await undefinedNames(`export default (${source});`);
  if (free.length > 0) {
    throw new Error(
      `toJS source refers to ${free.join(", ")}, which it does not define: ` +
        "add them to the definitions passed to jsPredictor",
    );
  }
  const exported = new Function(`"use strict";\nreturn (${source});`)() as Predictor;
  const compiled = plugin.compile(coefficients, shape);
  if (exported.width !== compiled.width) {
    throw new Error(`toJS predictor has width ${exported.width}, compile ${compiled.width}`);
  }
  const n = 257, p = shape.inputs.length, width = compiled.width;
  const columns = randomColumns(rng, p, n);
  const expected = compiled.predictBatch(columns, n);
  const batch = exported.predictBatch(columns, n);
  for (let i = 0; i < n; i++) {
    const row = exported.predictRow(columns.map((c) => c[i]!));
    for (let k = 0; k < width; k++) {
      const e = expected[k * n + i]!;
      for (const [path, got] of [["predictBatch", batch[k * n + i]], ["predictRow", row[k]]]) {
        if (!Object.is(got, e)) {
          throw new Error(`row ${i}, output ${k}: toJS ${path} gave ${got}, compile gave ${e}`);
        }
      }
    }
  }
}
