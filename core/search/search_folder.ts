/**
 * Where a search keeps its leaderboard: `models/<name>/searches/<id>/`,
 * one folder per search, claimed atomically so two searches started in the
 * same second get two ids.
 *
 * @module
 */
import { join } from "node:path";
import { prettyJson } from "../json/mod.ts";
import { type ModelStore, writeFileAtomic } from "../store/mod.ts";

/** A claimed search folder. */
export interface SearchFolder {
  /** The search id: the UTC start time, `20261127T124148Z`, with `-2`, `-3`… on a clash. */
  id: string;
  /** The folder's absolute path. */
  dir: string;
}

/**
 * Creates the folder of a new search of model `name` started at `date`.
 *
 * @example
 * ```ts
 * import { claimSearchFolder } from "./search_folder.ts";
 * import { ModelStore } from "../store/mod.ts";
 * const root = Deno.makeTempDirSync();
 * const store = new ModelStore(root);
 * const date = new Date("2026-11-27T12:41:48.123Z");
 * const a = claimSearchFolder(store, "churn", date), b = claimSearchFolder(store, "churn", date);
 * if (a.id !== "20261127T124148Z" || b.id !== "20261127T124148Z-2") throw new Error(b.id);
 * Deno.removeSync(root, { recursive: true });
 * ```
 */
export function claimSearchFolder(store: ModelStore, name: string, date: Date): SearchFolder {
  const parent = join(store.modelDir(name), "searches");
  Deno.mkdirSync(parent, { recursive: true });
  const stamp = date.toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
  for (let k = 1;; k++) {
    const id = k === 1 ? stamp : `${stamp}-${k}`;
    const dir = join(parent, id);
    try {
      Deno.mkdirSync(dir);
      return { id, dir };
    } catch (e) {
      if (!(e instanceof Deno.errors.AlreadyExists)) throw e;
    }
  }
}

/**
 * Writes `leaderboard.json` and `leaderboard.html` into a search folder,
 * each atomically (a reader sees a whole file or none).
 *
 * @example
 * ```ts
 * import { writeLeaderboardFiles } from "./search_folder.ts";
 * const dir = Deno.makeTempDirSync();
 * writeLeaderboardFiles(dir, { id: "s1" }, "<!doctype html>");
 * if (JSON.parse(Deno.readTextFileSync(`${dir}/leaderboard.json`)).id !== "s1") throw new Error();
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function writeLeaderboardFiles(dir: string, board: unknown, page: string): void {
  writeFileAtomic(join(dir, "leaderboard.json"), prettyJson(board));
  writeFileAtomic(join(dir, "leaderboard.html"), page);
}
