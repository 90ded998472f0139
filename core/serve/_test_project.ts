/**
 * Models for the service's tests, published into a temporary project:
 * `churn` (binary logistic on a number, a boolean and a one-hot category),
 * `price` (linear regression with an imputer and a scaler), and `boom`
 * (a linear model whose weight overflows to Infinity for x ≥ 2).
 *
 * @module
 */
import { validateArtifactBody } from "../artifact/mod.ts";
import { openProject, type Project } from "../project/mod.ts";

const _PROVENANCE = { created: "2026-01-01T00:00:00Z", source: "test" };

/** The churn classifier: p(yes) = expit(-1 + 0.5x + 2vip + plan weights). */
export function churnBody(intercept = -1): Record<string, unknown> {
  return {
    format: "ratchet.model/v1",
    plugin: { id: "logistic", version: "^1.0.0" },
    task: "binary",
    features: [
      { name: "x", type: "number" },
      { name: "vip", type: "boolean" },
      { name: "plan", type: "category", levels: ["basic", "pro"] },
    ],
    target: { name: "churned", labels: ["no", "yes"], positive: "yes" },
    preprocessing: [{ type: "one_hot", columns: ["plan"], handle_unknown: "error" }],
    inputs: ["x", "vip", "plan=basic", "plan=pro"],
    coefficients: { link: "ovr", intercepts: [intercept], weights: [[0.5, 2, 0.25, -0.75]] },
    provenance: _PROVENANCE,
  };
}

/** The price regression: 3 + 2 · standardised x (x imputed with 10). */
export function priceBody(): Record<string, unknown> {
  return {
    format: "ratchet.model/v1",
    plugin: { id: "linear", version: "^1.0.0" },
    task: "regression",
    features: [{ name: "x", type: "number" }],
    target: { name: "y" },
    preprocessing: [
      { type: "impute", columns: ["x"], strategy: "constant", fill: [10] },
      { type: "standard_scale", columns: ["x"], mean: [10], scale: [4] },
    ],
    coefficients: { intercept: 3, weights: [2] },
    provenance: _PROVENANCE,
  };
}

/** A model that overflows: 1e308 · x is Infinity for x ≥ 2. */
export function boomBody(): Record<string, unknown> {
  return {
    format: "ratchet.model/v1",
    plugin: { id: "linear", version: "^1.0.0" },
    task: "regression",
    features: [{ name: "x", type: "number" }],
    target: { name: "y" },
    coefficients: { intercept: 0, weights: [1e308] },
    provenance: _PROVENANCE,
  };
}

/** Publishes `body` as the next version of `name`, champion when `champion` is set. */
export function publish(
  project: Project,
  name: string,
  body: Record<string, unknown>,
  champion = true,
): number {
  const { version } = project.store.publish(name, validateArtifactBody(body, "test"));
  if (champion) project.store.setAlias(name, "champion", version);
  return version;
}

/** A temporary project with churn, price and boom published; removed after `fn`. */
export async function withModels(
  fn: (project: Project) => void | Promise<void>,
): Promise<void> {
  const root = Deno.makeTempDirSync({ prefix: "ratchet-serve-" });
  try {
    const project = await openProject(root);
    publish(project, "churn", churnBody());
    publish(project, "price", priceBody());
    publish(project, "boom", boomBody());
    await fn(project);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
}

/** A POST of JSON `body` (text or value) to `path`, as `app.request` takes it. */
export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  };
}
