/**
 * Set-up shared by the `ratchet requirements` CLI tests: a project with a
 * trained churn classifier and its holdout, and running commands in it.
 *
 * @module
 */
import { join } from "node:path";
import { createRandom } from "../../core/random/mod.ts";
import { expectExit, ratchet, type RunResult } from "./_ratchet.ts";

/**
 * Labelled customers over six months. In the last month nobody churns, so
 * roc_auc is undefined there: checks must skip it, not fail or pass on it.
 */
function _customersCsv(n: number, seed: number): string {
  const rng = createRandom(seed);
  const lines = ["id,month,tenure,calls,churned"];
  for (let i = 0; i < n; i++) {
    const month = `2024-0${1 + Math.floor((i / n) * 6)}`;
    const tenure = Math.round(rng.next() * 60);
    const calls = rng.int(8);
    const p = 1 / (1 + Math.exp(-(-0.5 - 0.05 * tenure + 0.6 * calls + rng.normal())));
    const churned = month !== "2024-06" && rng.next() < p ? "yes" : "no";
    lines.push(`c${i},${month},${tenure},${calls},${churned}`);
  }
  return lines.join("\n") + "\n";
}

/** One requirement check as `requirements check --json` prints it. */
export interface Check {
  metric: string;
  kind: string;
  threshold: number | [number, number];
  actual: number | null;
  passed: boolean;
  partition?: string;
  skipped?: { partition: string; reason: string }[];
  message: string;
}

/** Runs `ratchet ...args --root root` and asserts that it exits with `code`. */
export async function expectRatchet(args: string[], root: string, code = 0): Promise<RunResult> {
  return expectExit(await ratchet([...args, "--root", root]), code, `ratchet ${args.join(" ")}`);
}

/** The parsed JSON of the file at `path`. */
export function readJson(path: string) {
  return JSON.parse(Deno.readTextFileSync(path));
}

/** Trains the next version of the logistic model `churn` on `input`, with more `train` options. */
export async function trainChurnVersion(
  root: string,
  input: string,
  more: string[],
): Promise<void> {
  await expectRatchet([
    "train",
    "logistic",
    "--name",
    "churn",
    "--input",
    input,
    "--target",
    "churned",
    "--positive",
    "yes",
    ...more,
  ], root);
}

/**
 * Writes train.csv (900 customers) and holdout.csv (600) into the project and
 * trains `churn` version 1 on train.csv as the champion.
 */
export async function trainChurn(root: string): Promise<{ train: string; holdout: string }> {
  const train = join(root, "train.csv"), holdout = join(root, "holdout.csv");
  Deno.writeTextFileSync(train, _customersCsv(900, 1));
  Deno.writeTextFileSync(holdout, _customersCsv(600, 2));
  await trainChurnVersion(root, train, ["--exclude", "id,month", "--alias", "champion"]);
  return { train, holdout };
}

/** `requirements init churn` on `holdout`, partitioned by month, kept as the evaluation sample. */
export async function initChurnRequirements(root: string, holdout: string): Promise<void> {
  await expectRatchet([
    "requirements",
    "init",
    "churn",
    "--input",
    holdout,
    "--partition-by",
    "month",
    "--sample",
  ], root);
}
