/**
 * One promotion at a time per model: an exclusive lock (flock, released by
 * the system if the process dies) on `models/<name>/.promote.lock`, held
 * from reading the champion to writing the changelog. The lock file is
 * never replaced or removed, so every process locks the same file.
 *
 * @module
 */
import { join } from "node:path";
import { RatchetError } from "../errors/mod.ts";

/**
 * Runs `fn` holding the promotion lock of the model folder `modelDir`;
 * waits while another promotion holds it.
 *
 * @example
 * ```ts
 * import { withPromotionLock } from "./promotion_lock.ts";
 * const dir = Deno.makeTempDirSync();
 * const order: number[] = [];
 * await Promise.all([1, 2].map((k) => withPromotionLock(dir, async () => {
 *   order.push(k);
 *   await new Promise((r) => setTimeout(r, 5));
 *   order.push(k);
 * })));
 * if (order[0] !== order[1] || order[2] !== order[3]) throw new Error(String(order));
 * ```
 */
export async function withPromotionLock<T>(modelDir: string, fn: () => Promise<T>): Promise<T> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(join(modelDir, ".promote.lock"), {
      write: true,
      create: true,
      mode: 0o644,
    });
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new RatchetError(
        "not_found",
        `Cannot promote: the model folder ${modelDir} does not exist`,
      );
    }
    throw e;
  }
  try {
    await file.lock(true);
    return await fn();
  } finally {
    try {
      await file.unlock();
    } finally {
      file.close();
    }
  }
}
