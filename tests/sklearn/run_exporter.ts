/**
 * Running `tools/export_sklearn.py` as a user would: a subprocess of the
 * Python that has scikit-learn.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { PYTHON } from "../../core/testing/python.ts";

/** The exporter script, found from this file so tests run from any directory. */
export const EXPORTER = fileURLToPath(new URL("../../tools/export_sklearn.py", import.meta.url));

/** What the exporter printed and how it exited. */
export interface ExporterResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the exporter with `args` (the pickle path first).
 *
 * @example
 * ```ts ignore
 * import { runExporter } from "./run_exporter.ts";
 * const { code, stdout } = await runExporter(["model.pkl", "--target", "y"]);
 * ```
 */
export async function runExporter(args: readonly string[]): Promise<ExporterResult> {
  const out = await new Deno.Command(PYTHON, {
    args: [EXPORTER, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}
