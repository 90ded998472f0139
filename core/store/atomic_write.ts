/**
 * Writes that never leave a half-written file: write a temporary file in the
 * same folder, fsync it, then rename (replace) or link (create-only) it into
 * place, and fsync the folder so the new name survives a crash.
 *
 * @module
 */
import { basename, dirname, join } from "node:path";

function _tempPath(path: string): string {
  const rand = crypto.getRandomValues(new Uint32Array(2)).join("");
  return join(dirname(path), `.${basename(path)}.${Deno.pid}.${rand}.tmp`);
}

/**
 * Writes `data` to a new file at `path` (refusing one that exists) and
 * fsyncs it, for a file that is renamed into place afterwards.
 *
 * @example
 * ```ts
 * import { writeFileSynced } from "./atomic_write.ts";
 * const dir = Deno.makeTempDirSync();
 * writeFileSynced(`${dir}/part.parquet`, new Uint8Array([1, 2]));
 * if (Deno.readFileSync(`${dir}/part.parquet`).length !== 2) throw new Error();
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function writeFileSynced(path: string, data: Uint8Array): void {
  const file = Deno.openSync(path, { write: true, createNew: true, mode: 0o644 });
  try {
    _writeAll(file, data);
    file.syncSync();
  } finally {
    file.close();
  }
}

/**
 * Like {@linkcode writeFileSynced}, for a file made in pieces: writes each
 * group of pieces as `pieces` yields it and awaits `between()` before asking
 * for the next group; then fsyncs. A writer on a busy machine passes a short
 * sleep as `between`, so that making and writing a big file is many short
 * bursts of work rather than one long one. On any error the partial file is
 * removed.
 *
 * @example
 * ```ts
 * import { writePiecesSynced } from "./atomic_write.ts";
 * const dir = Deno.makeTempDirSync();
 * const pieces = [[new Uint8Array([1]), new Uint8Array([2, 3])], [new Uint8Array([4])]];
 * await writePiecesSynced(`${dir}/part.bin`, pieces, () => Promise.resolve());
 * if (Deno.readFileSync(`${dir}/part.bin`).join() !== "1,2,3,4") throw new Error();
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export async function writePiecesSynced(
  path: string,
  pieces: Iterable<Uint8Array[]>,
  between: () => Promise<void>,
): Promise<void> {
  const file = Deno.openSync(path, { write: true, createNew: true, mode: 0o644 });
  try {
    for (const group of pieces) {
      for (const data of group) _writeAll(file, data);
      await between();
    }
    file.syncSync();
  } catch (e) {
    file.close();
    try {
      Deno.removeSync(path);
    } catch { /* already gone */ }
    throw e;
  }
  file.close();
}

/** Writes all of `data` at the file's position (a write may take only part of it). */
function _writeAll(file: Deno.FsFile, data: Uint8Array): void {
  let written = 0;
  while (written < data.length) written += file.writeSync(data.subarray(written));
}

/**
 * Fsyncs a folder so that a rename or link in it is durable.
 *
 * @example
 * ```ts
 * import { syncDir } from "./atomic_write.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/aliases.json.tmp`, "{}");
 * Deno.renameSync(`${dir}/aliases.json.tmp`, `${dir}/aliases.json`);
 * syncDir(dir);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function syncDir(dir: string): void {
  try {
    const d = Deno.openSync(dir, { read: true });
    try {
      d.syncSync();
    } finally {
      d.close();
    }
  } catch {
    // Some platforms cannot open or fsync a folder; the rename is still atomic.
  }
}

function _bytes(data: string | Uint8Array): Uint8Array {
  return typeof data === "string" ? new TextEncoder().encode(data) : data;
}

/**
 * Replaces `path` atomically: readers see the old file or the new one, never
 * a part.
 *
 * @example
 * ```ts
 * import { writeFileAtomic } from "./atomic_write.ts";
 * const dir = Deno.makeTempDirSync();
 * writeFileAtomic(`${dir}/a.json`, "{}");
 * if (Deno.readTextFileSync(`${dir}/a.json`) !== "{}") throw new Error();
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = _tempPath(path);
  try {
    writeFileSynced(tmp, _bytes(data));
    Deno.renameSync(tmp, path);
  } catch (e) {
    try {
      Deno.removeSync(tmp);
    } catch { /* already gone */ }
    throw e;
  }
  syncDir(dirname(path));
}

/**
 * Creates `path` atomically only if it does not exist; returns `false` when it
 * already exists (another writer won). The complete file appears at once,
 * through a hard link from a synced temporary file.
 *
 * @example
 * ```ts
 * import { createFileExclusive } from "./atomic_write.ts";
 * const dir = Deno.makeTempDirSync();
 * if (!createFileExclusive(`${dir}/1.json`, "a")) throw new Error();
 * if (createFileExclusive(`${dir}/1.json`, "b")) throw new Error("overwrote");
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function createFileExclusive(path: string, data: string | Uint8Array): boolean {
  const tmp = _tempPath(path);
  try {
    writeFileSynced(tmp, _bytes(data));
    try {
      Deno.linkSync(tmp, path);
    } catch (e) {
      if (e instanceof Deno.errors.AlreadyExists) return false;
      throw e;
    }
  } finally {
    try {
      Deno.removeSync(tmp);
    } catch { /* already gone */ }
  }
  syncDir(dirname(path));
  return true;
}
