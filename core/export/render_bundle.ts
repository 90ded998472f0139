/**
 * The files of a bundle, in memory: what `exportBundle` writes and archives.
 *
 * @module
 */
import { parseFixtures } from "../fixtures/mod.ts";
import { prettyJson } from "../json/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import { type BundleManifest, bundleManifest } from "./bundle_manifest.ts";
import { bundleReadme } from "./bundle_readme.ts";
import { predictorSource } from "./predictor_source.ts";
import { predictorTypes } from "./predictor_types.ts";
import { scoreSql, type SqlDialect } from "./score_sql.ts";
import { selftestSource } from "./selftest_source.ts";

/** The model's own files a bundle copies, byte for byte. */
export interface BundleSources {
  /** The artifact file as stored (`models/<name>/versions/<n>.json`), for model.json. */
  readonly artifact: Uint8Array;
  /** `requirements.json`, when the model has one. */
  readonly requirements?: Uint8Array | undefined;
  /** The text of `fixtures.jsonl`, when the model has one (an empty file is written otherwise). */
  readonly fixtures?: string | undefined;
}

/** Options of {@linkcode renderBundle}. */
export interface RenderOptions {
  /** Also write score.sql in this dialect. */
  readonly sql?: SqlDialect | undefined;
  /** The source commit for the manifest, or null. */
  readonly commit: string | null;
  /** The manifest's date, ISO 8601. */
  readonly created: string;
}

/** A bundle in memory. */
export interface RenderedBundle {
  /** The bundle's folder name, `<name>-<version>`. */
  readonly base: string;
  /** Every file by name, manifest.json last, in the order they are archived. */
  readonly files: ReadonlyMap<string, Uint8Array>;
  /** The manifest (also in `files`). */
  readonly manifest: BundleManifest;
}

/**
 * Renders every file of a published model's bundle: model.json,
 * predictor.js, predictor.d.ts, requirements.json (when given),
 * fixtures.jsonl, selftest.js, README.md, score.sql (with `sql`) and
 * manifest.json.
 *
 * @example
 * ```ts ignore
 * const bundle = renderBundle(project.model(ref), { artifact }, { commit: null, created: new Date().toISOString() });
 * bundle.files.get("predictor.js");
 * ```
 */
export function renderBundle(
  model: CompiledModel,
  sources: BundleSources,
  options: RenderOptions,
): RenderedBundle {
  const encode = (text: string) => new TextEncoder().encode(text);
  const fixturesText = sources.fixtures ?? "";
  const files = new Map<string, Uint8Array>();
  files.set("model.json", sources.artifact);
  files.set("predictor.js", encode(predictorSource(model)));
  files.set("predictor.d.ts", encode(predictorTypes(model)));
  if (sources.requirements) files.set("requirements.json", sources.requirements);
  files.set("fixtures.jsonl", encode(fixturesText));
  files.set("selftest.js", encode(selftestSource(model.label)));
  if (options.sql) files.set("score.sql", encode(scoreSql(model, options.sql)));
  const identity = {
    name: model.artifact.name!,
    version: model.artifact.version!,
    sql: options.sql ?? null,
  };
  const fixtures = fixturesText.trim() === "" ? [] : parseFixtures(fixturesText, "fixtures.jsonl");
  files.set("README.md", encode(bundleReadme(model, identity, fixtures)));
  const manifest = bundleManifest(model, files, options);
  files.set("manifest.json", encode(prettyJson(manifest)));
  return { base: `${identity.name}-${identity.version}`, files, manifest };
}
