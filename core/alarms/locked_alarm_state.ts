/**
 * The alarm state of a model, held under an exclusive lock for as long as a
 * raise takes (deliveries included), so that two runs at once send one
 * notice, not two.
 *
 * The lock is taken on `alarm-state.json.lock`, not on the state file
 * itself: the state is replaced atomically (temp file, rename), which gives
 * the path a new file, and a second process opening the new file would find
 * it unlocked while the first still holds the old one. The lock file is
 * never replaced or removed, so everyone locks the same file. The system
 * releases the lock (flock) when a process dies.
 *
 * @module
 */
import { prettyJson } from "../json/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import { writeFileAtomic } from "../store/mod.ts";
import { type AlarmState, alarmStatePath, readAlarmState } from "./alarm_state.ts";

/** A state read under the lock, and the way to write it back. */
export interface LockedAlarmState {
  /** The state as read after the lock was taken; change it in place, then `save()`. */
  readonly state: AlarmState;
  /** Writes `state` atomically (temp file, fsync, rename). */
  save(): void;
}

/**
 * Runs `fn` with the model's alarm state locked and read; unlocks when `fn`
 * settles. Waits for a lock another process holds: a holder is bounded by
 * its delivery time limits.
 *
 * @example
 * ```ts
 * import { withAlarmState } from "./locked_alarm_state.ts";
 * const dir = Deno.makeTempDirSync();
 * await withAlarmState(dir, (locked) => {
 *   locked.save();
 *   return Promise.resolve();
 * });
 * if (!Deno.readTextFileSync(`${dir}/alarm-state.json`).includes("ratchet.alarm-state/v1")) throw new Error();
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export async function withAlarmState<T>(
  modelDir: string,
  fn: (locked: LockedAlarmState) => Promise<T>,
): Promise<T> {
  const path = alarmStatePath(modelDir);
  let file: Deno.FsFile;
  try {
    file = await Deno.open(`${path}.lock`, { write: true, create: true, mode: 0o644 });
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new RatchetError(
        "not_found",
        `Cannot raise an alarm: the model folder ${modelDir} does not exist (is the model published?)`,
      );
    }
    throw e;
  }
  try {
    await file.lock(true);
    const state = readAlarmState(path);
    return await fn({ state, save: () => writeFileAtomic(path, prettyJson(state)) });
  } finally {
    try {
      await file.unlock();
    } finally {
      file.close();
    }
  }
}
