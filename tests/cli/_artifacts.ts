/**
 * Small valid artifacts for CLI tests, and publishing one into a project the
 * way a user does, with `ratchet models add`.
 *
 * @module
 */
import { join } from "node:path";
import { expectExit, ratchet } from "./_ratchet.ts";

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

/**
 * A small valid artifact body: a binary logistic classifier of `churned`
 * ("no", "yes") on a number x and a boolean vip, p(yes) = expit(-1 + 0.5x + 2vip).
 */
export function logisticArtifact(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: "ratchet.model/v1",
    plugin: { id: "logistic", version: "^1.0.0" },
    task: "binary",
    features: [{ name: "x", type: "number" }, { name: "vip", type: "boolean" }],
    target: { name: "churned", labels: ["no", "yes"] },
    coefficients: { link: "ovr", intercepts: [-1], weights: [[0.5, 2]] },
    provenance: { created: "2026-11-27T00:00:00.000Z", source: "test" },
    ...overrides,
  };
}

/**
 * Publishes `body` as the next version of model `name` in the project at
 * `root` with `ratchet models add`, optionally giving it an alias; fails the
 * test when the command fails.
 */
export async function publishArtifact(
  root: string,
  name: string,
  body: unknown,
  options: { alias?: string } = {},
): Promise<void> {
  const file = join(root, `${name}-${crypto.randomUUID()}.json`);
  Deno.writeTextFileSync(file, JSON.stringify(body));
  const alias = options.alias === undefined ? [] : ["--alias", options.alias];
  expectExit(await ratchet(["models", "add", name, file, ...alias, "--root", root]));
}
