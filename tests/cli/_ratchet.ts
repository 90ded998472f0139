/**
 * Runs the real CLI (`deno run -A main.ts …`) in a subprocess, as a user or
 * a cron job would, and captures what it prints.
 *
 * @module
 */
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));
const CONFIG = fileURLToPath(new URL("../../deno.json", import.meta.url));

/** What a CLI run printed and returned. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `ratchet ...args`, optionally feeding `stdin`. */
export async function ratchet(
  args: string[],
  options: { stdin?: string; cwd?: string } = {},
): Promise<RunResult> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--config", CONFIG, MAIN, ...args],
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
    ...(options.cwd ? { cwd: options.cwd } : {}),
  }).spawn();
  if (options.stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(options.stdin));
    await w.close();
  }
  const out = await child.output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/** A fresh project folder, removed after `fn`. */
export async function withProject(fn: (root: string) => Promise<void>): Promise<void> {
  const root = Deno.makeTempDirSync({ prefix: "ratchet-cli-" });
  try {
    await fn(root);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
}

/** A small valid artifact body: linear regression on x and a one-hot plan, with an imputer for x. */
export function linearArtifact(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: "ratchet.model/v1",
    plugin: { id: "linear", version: "^1.0.0" },
    task: "regression",
    features: [
      { name: "x", type: "number" },
      { name: "plan", type: "category", levels: ["basic", "pro"] },
    ],
    target: { name: "y" },
    preprocessing: [
      { type: "impute", columns: ["x"], strategy: "mean", fill: [10] },
      { type: "one_hot", columns: ["plan"], handle_unknown: "error" },
    ],
    inputs: ["x", "plan=basic", "plan=pro"],
    coefficients: { intercept: 1, weights: [2, 0, 5] },
    hyperparameters: {},
    provenance: { created: "2026-11-27T00:00:00.000Z", source: "test" },
    ...overrides,
  };
}
