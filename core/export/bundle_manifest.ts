/**
 * `manifest.json`: what a bundle holds and where it came from, with the
 * SHA-256 of every other file in it.
 *
 * @module
 */
import type { Task } from "../contract/mod.ts";
import { sha256Hex } from "../json/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import type { SqlDialect } from "./score_sql.ts";

/** The format tag of bundle manifests. */
export const BUNDLE_FORMAT = "ratchet.bundle/v1";

/** The manifest of a bundle. */
export interface BundleManifest {
  /** Always {@linkcode BUNDLE_FORMAT}. */
  readonly format: typeof BUNDLE_FORMAT;
  /** The model's name. */
  readonly name: string;
  /** The model version exported. */
  readonly version: number;
  /** The artifact's SHA-256 (as in model.json). */
  readonly sha256: string;
  /** What the model predicts. */
  readonly task: Task;
  /** The plugins whose code the predictor holds: id, code version, and the range the artifact asks for. */
  readonly plugins: readonly {
    readonly id: string;
    readonly version: string;
    readonly range: string;
  }[];
  /** The dialect of score.sql, or null when there is none. */
  readonly sql: SqlDialect | null;
  /** The project's git commit when exported (`git rev-parse HEAD`), or null outside git. */
  readonly commit: string | null;
  /** When the bundle was made, ISO 8601. */
  readonly created: string;
  /** Every other file of the bundle, by name, and its SHA-256 (hex). */
  readonly files: Readonly<Record<string, string>>;
}

/**
 * The manifest of a bundle of `files` (manifest.json itself excluded).
 *
 * @example
 * ```ts
 * import { bundleManifest } from "./bundle_manifest.ts";
 * const model = {
 *   task: "regression", artifact: { name: "temp", version: 3, sha256: "ab", plugin: { id: "linear", version: "^1.0.0" } },
 *   plugin: { id: "linear", version: "1.0.0" },
 * };
 * const files = new Map([["predictor.js", new TextEncoder().encode("abc")]]);
 * const m = bundleManifest(model as never, files, { commit: null, created: "2026-01-01T00:00:00.000Z" });
 * if (m.files["predictor.js"] !== "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") throw new Error();
 * ```
 */
export function bundleManifest(
  model: Pick<CompiledModel, "artifact" | "plugin" | "task">,
  files: ReadonlyMap<string, Uint8Array>,
  options: { sql?: SqlDialect | undefined; commit: string | null; created: string },
): BundleManifest {
  const { artifact, plugin } = model;
  return {
    format: BUNDLE_FORMAT,
    name: artifact.name!,
    version: artifact.version!,
    sha256: artifact.sha256!,
    task: model.task,
    plugins: [{ id: plugin.id, version: plugin.version, range: artifact.plugin.version }],
    sql: options.sql ?? null,
    commit: options.commit,
    created: options.created,
    files: Object.fromEntries([...files].map(([name, data]) => [name, sha256Hex(data)])),
  };
}
