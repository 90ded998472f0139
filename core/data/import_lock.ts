/**
 * One import at a time per dataset: an import cleans up what interrupted
 * imports left behind, which must never be the files of one still running.
 * A lock left by a process that no longer exists (killed mid-import) is
 * taken over.
 *
 * @module
 */
import { hostname } from "node:os";
import { join } from "node:path";
import { RatchetError } from "../errors/mod.ts";
import { parseJson } from "../json/mod.ts";

/** The lock file's name inside a dataset folder. */
export const LOCK_FILE = ".import.lock";

/** Who holds a lock. */
export interface LockHolder {
  /** The process id. */
  pid: number;
  /** The machine. */
  host: string;
  /** Since when (ISO 8601). */
  since: string;
}

/**
 * Takes the import lock of a dataset folder, or fails naming the process
 * that holds it. Returns the function that releases it.
 *
 * @example
 * ```ts
 * import { lockImport } from "./import_lock.ts";
 * const dir = Deno.makeTempDirSync();
 * const release = lockImport(dir, "s");
 * let msg = "";
 * try { lockImport(dir, "s"); } catch (e) { msg = String(e); }
 * release();
 * lockImport(dir, "s")();
 * Deno.removeSync(dir, { recursive: true });
 * if (!msg.includes("another import")) throw new Error(msg);
 * ```
 */
export function lockImport(dir: string, name: string): () => void {
  const path = join(dir, LOCK_FILE);
  const me: LockHolder = { pid: Deno.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0;; attempt++) {
    try {
      Deno.writeTextFileSync(path, JSON.stringify(me) + "\n", { createNew: true });
      return () => {
        try {
          Deno.removeSync(path);
        } catch { /* already gone */ }
      };
    } catch (e) {
      if (!(e instanceof Deno.errors.AlreadyExists)) throw e;
    }
    const holder = readLock(dir);
    if (attempt === 0 && (holder === undefined || !isLockHolderAlive(holder))) {
      try {
        Deno.removeSync(path); // left by a killed import
      } catch { /* another process took it over first */ }
      continue;
    }
    throw new RatchetError(
      "conflict",
      `Cannot import into dataset ${name}: another import is running (${
        holder ? `process ${holder.pid} on ${holder.host} since ${holder.since}` : "unknown process"
      }). Wait for it, or delete ${path} if no import is running`,
    );
  }
}

/**
 * Who holds a dataset folder's import lock, if anyone.
 *
 * @example
 * ```ts
 * import { readLock } from "./import_lock.ts";
 * const dir = Deno.makeTempDirSync();
 * if (readLock(dir) !== undefined) throw new Error();
 * Deno.removeSync(dir);
 * ```
 */
export function readLock(dir: string): LockHolder | undefined {
  try {
    const v = parseJson(Deno.readTextFileSync(join(dir, LOCK_FILE))) as Partial<LockHolder>;
    return typeof v?.pid === "number" && typeof v.host === "string"
      ? { pid: v.pid, host: v.host, since: String(v.since) }
      : undefined;
  } catch {
    return undefined; // missing, or half-written by a killed process
  }
}

/**
 * Whether the process holding a lock still runs. Only this machine's
 * processes can be checked (through /proc); another machine's lock counts
 * as held.
 *
 * @example
 * ```ts
 * import { isLockHolderAlive } from "./import_lock.ts";
 * import { hostname } from "node:os";
 * if (!isLockHolderAlive({ pid: Deno.pid, host: hostname(), since: "" })) throw new Error();
 * ```
 */
export function isLockHolderAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === Deno.pid) return true;
  try {
    Deno.statSync("/proc/self");
  } catch {
    return true; // no /proc: cannot tell, so be safe
  }
  try {
    Deno.statSync(`/proc/${holder.pid}`);
    return true;
  } catch {
    return false;
  }
}
