/**
 * Writing a bundle's folder and archive so that readers never see half of
 * one, and a bundle once written is never silently replaced.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { RatchetError } from "../errors/mod.ts";
import { parseJson } from "../json/mod.ts";
import { createFileExclusive, syncDir } from "../store/mod.ts";
import type { BundleManifest } from "./bundle_manifest.ts";
import type { RenderedBundle } from "./render_bundle.ts";
import { tarGz } from "./tar_gz.ts";

/** Where a bundle was written. */
export interface WrittenBundle {
  /** The bundle's folder, `<out>/<name>-<version>`. */
  readonly dir: string;
  /** Its archive, `<out>/<name>-<version>.tar.gz`. */
  readonly tarball: string;
  /** The manifest of the bundle on disk (the earlier one when it was already there). */
  readonly manifest: BundleManifest;
  /** False when the same bundle was already there and was left as it was. */
  readonly created: boolean;
}

/**
 * Writes `bundle` into `out` (created if needed): the folder is built
 * beside its final place and renamed into it, then the `.tar.gz` (entries
 * dated by the manifest) is created. When the folder exists it must hold
 * the same bundle — the same files with the same bytes, the manifest's
 * date and commit aside — and is then kept as it is (its archive written
 * if missing); a different one is refused, as is an archive without its
 * folder.
 *
 * @example
 * ```ts ignore
 * const written = await writeBundle("dist", renderBundle(model, sources, options));
 * ```
 */
export async function writeBundle(out: string, bundle: RenderedBundle): Promise<WrittenBundle> {
  const root = resolve(out);
  Deno.mkdirSync(root, { recursive: true });
  const dir = join(root, bundle.base);
  const tarball = `${dir}.tar.gz`;
  const existing = _readFolder(dir);
  if (existing) return await _keepExisting(dir, tarball, existing, bundle);
  if (_exists(tarball)) {
    throw new RatchetError(
      "conflict",
      `Cannot export to ${tarball}: it exists without its folder ${dir}; remove it, or export to another --out`,
    );
  }
  const rand = crypto.getRandomValues(new Uint32Array(2)).join("");
  const tmp = join(root, `.${bundle.base}.${Deno.pid}.${rand}.tmp`);
  Deno.mkdirSync(tmp);
  try {
    for (const [name, data] of bundle.files) createFileExclusive(join(tmp, name), data);
    syncDir(tmp);
    Deno.renameSync(tmp, dir);
  } catch (e) {
    Deno.removeSync(tmp, { recursive: true });
    // Another export may have won the race to the same place: then it must be the same bundle.
    const now = _readFolder(dir);
    if (now) return await _keepExisting(dir, tarball, now, bundle);
    throw e;
  }
  syncDir(root);
  createFileExclusive(tarball, await _archive(bundle.base, bundle.files, bundle.manifest));
  return { dir, tarball, manifest: bundle.manifest, created: true };
}

async function _keepExisting(
  dir: string,
  tarball: string,
  existing: Map<string, Uint8Array>,
  bundle: RenderedBundle,
): Promise<WrittenBundle> {
  const difference = _difference(existing, bundle.files);
  if (difference) {
    throw new RatchetError(
      "conflict",
      `Cannot export ${bundle.manifest.name}@${bundle.manifest.version} to ${dir}: a different bundle is there ` +
        `(${difference}); remove it, or export to another --out`,
    );
  }
  const manifest = parseJson(
    new TextDecoder().decode(existing.get("manifest.json")),
  ) as unknown as BundleManifest;
  if (!_exists(tarball)) {
    const ordered = new Map([...bundle.files.keys()].map((name) => [name, existing.get(name)!]));
    createFileExclusive(tarball, await _archive(bundle.base, ordered, manifest));
  }
  return { dir, tarball, manifest, created: false };
}

/** What differs between two bundles' files, in words; undefined when they are the same bundle. */
function _difference(
  existing: ReadonlyMap<string, Uint8Array>,
  files: ReadonlyMap<string, Uint8Array>,
): string | undefined {
  const names = [...new Set([...existing.keys(), ...files.keys()])].sort();
  const differ = names.filter((name) => {
    const a = existing.get(name), b = files.get(name);
    if (!a || !b) return true;
    return !(name === "manifest.json" ? _sameManifest(a, b) : _sameBytes(a, b));
  });
  if (differ.length === 0) return undefined;
  return differ.map((name) =>
    !existing.has(name) ? `no ${name}` : !files.has(name) ? `an extra ${name}` : `another ${name}`
  ).join(", ");
}

/** Manifests of the same bundle differ only in when, and from which commit, it was made. */
function _sameManifest(a: Uint8Array, b: Uint8Array): boolean {
  const strip = (bytes: Uint8Array) => {
    try {
      const { created: _, commit: __, ...rest } = JSON.parse(new TextDecoder().decode(bytes));
      return JSON.stringify(rest);
    } catch {
      return undefined;
    }
  };
  const left = strip(a);
  return left !== undefined && left === strip(b);
}

function _sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function _archive(
  base: string,
  files: ReadonlyMap<string, Uint8Array>,
  manifest: BundleManifest,
): Promise<Uint8Array> {
  const entries = [
    { path: `${base}/` },
    ...[...files].map(([name, data]) => ({ path: `${base}/${name}`, data })),
  ];
  return tarGz(entries, { mtime: new Date(manifest.created) });
}

/** The files of a folder by name, or undefined when it does not exist. */
function _readFolder(dir: string): Map<string, Uint8Array> | undefined {
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
  const files = new Map<string, Uint8Array>();
  for (const e of entries) {
    files.set(e.name, e.isFile ? Deno.readFileSync(join(dir, e.name)) : new Uint8Array(0));
  }
  return files;
}

function _exists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}
