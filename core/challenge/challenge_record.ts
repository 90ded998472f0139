/**
 * Challenges kept as evidence: one JSON file per challenge under
 * `models/<name>/challenges/`, named `<time>-v<candidate>.json` so that
 * names sort in time order and `promote` finds the latest challenge of a
 * version without reading the others.
 *
 * @module
 */
import { join, relative } from "node:path";
import { invalid, RatchetError } from "../errors/mod.ts";
import { parseJson, prettyJson } from "../json/mod.ts";
import { createFileExclusive, type ModelStore } from "../store/mod.ts";
import { CHALLENGE_FORMAT, type ChallengeResult } from "./challenge_result.ts";

const _FILE = /^(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z)-v([1-9][0-9]*)\.json$/;

/** A challenge read back from its evidence file. */
export interface RecordedChallenge {
  /** The file, relative to the project folder. */
  path: string;
  /** What it holds. */
  result: ChallengeResult;
}

/**
 * The folder of a model's challenges.
 *
 * @example
 * ```ts
 * import { challengesDir } from "./challenge_record.ts";
 * import { ModelStore } from "../store/mod.ts";
 * if (!challengesDir(new ModelStore("/p"), "churn").endsWith("models/churn/challenges")) throw new Error();
 * ```
 */
export function challengesDir(store: ModelStore, name: string): string {
  return join(store.modelDir(name), "challenges");
}

/**
 * Writes a challenge's evidence file and returns its path relative to the
 * project folder (also set as `result.evidence`). The file appears whole
 * and is never overwritten: two challenges in the same millisecond get two
 * files.
 *
 * @example
 * ```ts ignore
 * const path = recordChallenge(project.store, result);
 * // models/rain-tomorrow/challenges/2026-11-27T13-02-11.532Z-v2.json
 * ```
 */
export function recordChallenge(store: ModelStore, result: ChallengeResult): string {
  const dir = challengesDir(store, result.model);
  Deno.mkdirSync(dir, { recursive: true });
  let time = Date.parse(result.created);
  for (let attempt = 0; attempt < 1000; attempt++, time++) {
    const stamp = new Date(time).toISOString().replaceAll(":", "-");
    const file = join(dir, `${stamp}-v${result.candidate}.json`);
    const path = relative(store.root, file);
    if (createFileExclusive(file, prettyJson({ ...result, evidence: path }))) {
      result.evidence = path;
      return path;
    }
  }
  throw new RatchetError("conflict", `Cannot record the challenge in ${dir}: too many at once`);
}

/**
 * The latest recorded challenge of `name@version`, or undefined when it was
 * never challenged. A file that is not a challenge of that version is an
 * error naming it.
 *
 * @example
 * ```ts
 * import { latestChallenge } from "./challenge_record.ts";
 * import { ModelStore } from "../store/mod.ts";
 * const root = Deno.makeTempDirSync();
 * if (latestChallenge(new ModelStore(root), "churn", 2) !== undefined) throw new Error();
 * Deno.removeSync(root);
 * ```
 */
export function latestChallenge(
  store: ModelStore,
  name: string,
  version: number,
): RecordedChallenge | undefined {
  const dir = challengesDir(store, name);
  let names: string[];
  try {
    names = [...Deno.readDirSync(dir)].filter((e) => e.isFile).map((e) => e.name);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
  const latest = names.filter((n) => Number(_FILE.exec(n)?.[2]) === version).sort().at(-1);
  if (latest === undefined) return undefined;
  const file = join(dir, latest);
  const path = relative(store.root, file);
  const json = parseJson(Deno.readTextFileSync(file), { source: path }) as Record<string, unknown>;
  if (
    json.format !== CHALLENGE_FORMAT || json.model !== name || json.candidate !== version ||
    (json.verdict !== "promote" && json.verdict !== "reject") ||
    typeof json.champion !== "number"
  ) {
    throw invalid(
      `${path} is not a challenge of ${name}@${version} (format ${CHALLENGE_FORMAT}); ` +
        "move it out of the challenges folder, or challenge again",
    );
  }
  return { path, result: json as unknown as ChallengeResult };
}
