/**
 * The model store: `models/<name>/versions/<n>.json`, immutable once
 * published, and `models/<name>/aliases.json` for `champion` / `challenger`.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { RatchetError } from "../errors/mod.ts";
import { parseJson, prettyJson } from "../json/mod.ts";
import {
  type Artifact,
  type ArtifactBody,
  artifactHash,
  parsePublishedArtifact,
  sealArtifact,
  validateArtifactBody,
} from "../artifact/mod.ts";
import { type Alias, ALIASES, validateModelName, type VersionRef } from "./names.ts";
import { createFileExclusive, writeFileAtomic } from "./atomic_write.ts";

/** What `publish` did. */
export interface PublishResult {
  /** The model published to. */
  readonly name: string;
  /** The version number it got (or was given). */
  readonly version: number;
  /** The artifact's SHA-256, as recorded in the file. */
  readonly sha256: string;
  /** The file written (or found identical). */
  readonly path: string;
  /** False when that exact version already existed with the same content. */
  readonly created: boolean;
}

/** Key order of artifact files on disk, for readable diffs. */
const _KEY_ORDER = [
  "format",
  "name",
  "version",
  "description",
  "plugin",
  "task",
  "features",
  "target",
  "preprocessing",
  "inputs",
  "hyperparameters",
  "provenance",
  "coefficients",
  "sha256",
];

/**
 * The versioned, immutable model store of one project folder.
 *
 * @example
 * ```ts
 * import { ModelStore } from "./model_store.ts";
 * import { validateArtifactBody } from "../artifact/mod.ts";
 * const body = validateArtifactBody({
 *   format: "ratchet.model/v1",
 *   plugin: { id: "linear", version: "^1.0.0" },
 *   task: "regression",
 *   features: [{ name: "x", type: "number" }],
 *   target: { name: "y" },
 *   coefficients: { intercept: 1, weights: [2] },
 *   provenance: { created: "2026-01-01T00:00:00Z", source: "hand-written" },
 * }, "example");
 * const root = Deno.makeTempDirSync();
 * const store = new ModelStore(root);
 * const { version } = store.publish("churn", body);
 * store.setAlias("churn", "champion", version);
 * if (store.load("churn", "champion").version !== version) throw new Error();
 * Deno.removeSync(root, { recursive: true });
 * ```
 */
export class ModelStore {
  /** The project folder. */
  readonly root: string;
  /** `<root>/models`. */
  readonly dir: string;

  /** The store under `<root>/models`; nothing is read or created until used. */
  constructor(root: string) {
    this.root = resolve(root);
    this.dir = join(this.root, "models");
  }

  /** The folder of one model. */
  modelDir(name: string): string {
    return join(this.dir, validateModelName(name));
  }

  /** The file of one version. */
  versionPath(name: string, version: number): string {
    return join(this.modelDir(name), "versions", `${version}.json`);
  }

  /** Names of the models that have at least one version, sorted. */
  names(): string[] {
    let entries: Deno.DirEntry[];
    try {
      entries = [...Deno.readDirSync(this.dir)];
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return [];
      throw e;
    }
    return entries
      .filter((e) => e.isDirectory && !e.name.startsWith("."))
      .map((e) => e.name)
      .filter((n) => {
        try {
          validateModelName(n);
        } catch {
          return false;
        }
        return this.versions(n).length > 0;
      })
      .sort();
  }

  /** Published versions of a model, ascending; empty when there are none. */
  versions(name: string): number[] {
    const dir = join(this.modelDir(name), "versions");
    const out: number[] = [];
    try {
      for (const e of Deno.readDirSync(dir)) {
        const m = /^([1-9][0-9]{0,8})\.json$/.exec(e.name);
        if (m && e.isFile) out.push(Number(m[1]));
      }
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
    return out.sort((a, b) => a - b);
  }

  /**
   * Publishes `body` as the next version (or as `options.version`). The file
   * appears atomically and is never overwritten: two processes publishing at
   * once get two versions. Republishing an existing version with the same
   * content is a no-op; with other content it is refused.
   */
  publish(name: string, body: ArtifactBody, options: { version?: number } = {}): PublishResult {
    validateModelName(name);
    const clean = validateArtifactBody(body, `for ${name}`);
    Deno.mkdirSync(join(this.modelDir(name), "versions"), { recursive: true });
    if (options.version !== undefined) return this.#publishAt(name, clean, options.version);
    for (let attempt = 0; attempt < 1000; attempt++) {
      const version = (this.versions(name).at(-1) ?? 0) + 1;
      const artifact = sealArtifact(clean, name, version);
      const path = this.versionPath(name, version);
      if (createFileExclusive(path, _serialise(artifact))) {
        return { name, version, sha256: artifact.sha256, path, created: true };
      }
    }
    throw new RatchetError(
      "conflict",
      `Cannot publish ${name}: too many concurrent publishers, try again`,
    );
  }

  #publishAt(name: string, body: ArtifactBody, version: number): PublishResult {
    const artifact = sealArtifact(body, name, version);
    const path = this.versionPath(name, version);
    if (createFileExclusive(path, _serialise(artifact))) {
      return { name, version, sha256: artifact.sha256, path, created: true };
    }
    const existing = parseJson(Deno.readTextFileSync(path), { source: path }) as Record<
      string,
      unknown
    >;
    const existingHash = artifactHash(existing);
    if (existingHash === artifact.sha256) {
      return { name, version, sha256: artifact.sha256, path, created: false };
    }
    throw new RatchetError(
      "conflict",
      `Cannot publish ${name}@${version}: version ${version} exists with different content ` +
        `(sha256 ${existingHash.slice(0, 12)}… ≠ ${
          artifact.sha256.slice(0, 12)
        }…). Published versions are ` +
        `immutable: publish without --version to get the next version`,
    );
  }

  /** Which version `ref` means. `undefined` means the champion, or the latest version when there is none. */
  resolve(name: string, ref: VersionRef): number {
    const versions = this.versions(name);
    if (versions.length === 0) {
      const known = this.names();
      throw new RatchetError(
        "not_found",
        `No model named ${name} in ${this.dir}` +
          (known.length
            ? `; models here: ${known.join(", ")}`
            : "; publish one with `ratchet models add NAME FILE`"),
      );
    }
    if (typeof ref === "number") {
      if (!versions.includes(ref)) {
        throw new RatchetError(
          "not_found",
          `No version ${ref} of ${name}; versions: ${versions.join(", ")}`,
        );
      }
      return ref;
    }
    if (ref === "latest") return versions.at(-1)!;
    const aliases = this.aliases(name);
    if (ref === undefined) return aliases.champion ?? versions.at(-1)!;
    const v = aliases[ref];
    if (v === undefined) {
      throw new RatchetError(
        "not_found",
        `${name} has no ${ref}; set one with \`ratchet models alias ${name}@VERSION ${ref}\``,
      );
    }
    return v;
  }

  /** Loads and verifies a version: an artifact edited on disk is refused by its hash. */
  load(name: string, ref?: VersionRef): Artifact {
    const version = this.resolve(name, ref);
    const path = this.versionPath(name, version);
    const artifact = parsePublishedArtifact(Deno.readTextFileSync(path), path);
    if (artifact.name !== name || artifact.version !== version) {
      throw new RatchetError(
        "conflict",
        `Model artifact ${path} says it is ${artifact.name}@${artifact.version}; a file was moved or copied by hand`,
      );
    }
    return artifact;
  }

  /** The aliases of a model. */
  aliases(name: string): Partial<Record<Alias, number>> {
    const path = join(this.modelDir(name), "aliases.json");
    let text: string;
    try {
      text = Deno.readTextFileSync(path);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return {};
      throw e;
    }
    const json = parseJson(text, { source: path }) as Record<string, unknown>;
    const out: Partial<Record<Alias, number>> = {};
    for (const alias of ALIASES) {
      const v = json[alias];
      if (v === undefined || v === null) continue;
      if (typeof v !== "number" || !Number.isInteger(v) || v < 1) {
        throw new RatchetError(
          "invalid",
          `Invalid ${path}: ${alias} must be a version number, found ${JSON.stringify(v)}`,
        );
      }
      out[alias] = v;
    }
    return out;
  }

  /** Points an alias at an existing version (atomically replacing aliases.json). */
  setAlias(name: string, alias: Alias, version: number): void {
    this.resolve(name, version);
    const aliases = { ...this.aliases(name), [alias]: version };
    writeFileAtomic(join(this.modelDir(name), "aliases.json"), prettyJson(aliases));
  }
}

function _serialise(artifact: Artifact): string {
  const a = artifact as unknown as Record<string, unknown>;
  const ordered: Record<string, unknown> = {};
  for (const k of _KEY_ORDER) if (a[k] !== undefined) ordered[k] = a[k];
  for (const k of Object.keys(a)) if (!(k in ordered)) ordered[k] = a[k];
  return prettyJson(ordered);
}
