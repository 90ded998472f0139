/**
 * `models/<name>/requirements.json` on disk: found beside the model's
 * versions, read strictly, written atomically, and its history only ever
 * appended to.
 *
 * @module
 */
import { basename, dirname, join } from "node:path";
import type { Task } from "../contract/mod.ts";
import { invalid, RatchetError } from "../errors/mod.ts";
import { canonicalJson, prettyJson } from "../json/mod.ts";
import { type ModelStore, writeFileAtomic } from "../store/mod.ts";
import { ALL_METRICS, type Requirements, THRESHOLD_KINDS } from "./requirements.ts";
import { parseRequirements, validateRequirements } from "./validate_requirements.ts";

/**
 * The requirements file of a model: `models/<name>/requirements.json`.
 *
 * @example
 * ```ts
 * import { requirementsPath } from "./requirements_file.ts";
 * import { ModelStore } from "../store/mod.ts";
 * const path = requirementsPath(new ModelStore("/srv/project"), "churn");
 * if (!path.endsWith("models/churn/requirements.json")) throw new Error(path);
 * ```
 */
export function requirementsPath(store: ModelStore, name: string): string {
  return join(store.modelDir(name), "requirements.json");
}

/**
 * Reads and validates a requirements file, or returns `undefined` when it
 * does not exist.
 *
 * @example
 * ```ts
 * import { readRequirements } from "./requirements_file.ts";
 * const dir = Deno.makeTempDirSync();
 * if (readRequirements(`${dir}/requirements.json`) !== undefined) throw new Error();
 * Deno.removeSync(dir);
 * ```
 */
export function readRequirements(
  path: string,
  options: { task?: Task } = {},
): Requirements | undefined {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
  return parseRequirements(text, path, options);
}

/**
 * Reads and validates a requirements file; a missing one is an error that
 * says how to create it.
 *
 * @example
 * ```ts ignore
 * import { loadRequirements } from "./requirements_file.ts";
 * const requirements = loadRequirements("models/churn/requirements.json", { task: "binary" });
 * ```
 */
export function loadRequirements(path: string, options: { task?: Task } = {}): Requirements {
  const requirements = readRequirements(path, options);
  if (requirements === undefined) {
    const name = basename(dirname(path));
    throw new RatchetError(
      "not_found",
      `${name} has no requirements (${path}): measure its champion with \`ratchet requirements init ${name} --input FILE\``,
    );
  }
  return requirements;
}

/**
 * Validates and writes requirements atomically. The history is append-only:
 * if the file on disk has entries that `requirements.history` does not start
 * with (someone else wrote meanwhile, or history was dropped), nothing is
 * written.
 *
 * @example
 * ```ts
 * import { readRequirements, saveRequirements } from "./requirements_file.ts";
 * const dir = Deno.makeTempDirSync();
 * const path = `${dir}/requirements.json`;
 * const entry = { date: "2026-11-27", action: "init" as const, reason: "first", changes: [] };
 * saveRequirements(path, {
 *   format: "ratchet.requirements/v1", primary: "r2", metrics: { r2: { min: 0.8 } }, history: [entry],
 * });
 * if (readRequirements(path)?.metrics.r2?.min !== 0.8) throw new Error();
 * let msg = "";
 * try {
 *   saveRequirements(path, { format: "ratchet.requirements/v1", primary: "r2", metrics: {}, history: [] });
 * } catch (e) { msg = String(e); }
 * if (!msg.includes("append-only")) throw new Error(msg);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function saveRequirements(
  path: string,
  requirements: Requirements,
  options: { task?: Task } = {},
): void {
  const clean = validateRequirements(requirements, path, options);
  const current = readRequirements(path);
  if (current) {
    const kept = clean.history.slice(0, current.history.length);
    if (canonicalJson(kept) !== canonicalJson(current.history)) {
      throw invalid(
        `Cannot write ${path}: its history is append-only, and the new content does not keep the ` +
          `${current.history.length} entries on disk (was the file changed meanwhile? run the command again)`,
      );
    }
  }
  writeFileAtomic(path, prettyJson(_ordered(clean)));
}

// Keys in reading order, so diffs of requirements.json stay small and readable.
function _ordered(r: Requirements): unknown {
  const metrics: Record<string, unknown> = {};
  for (const m of ALL_METRICS) {
    const req = r.metrics[m];
    if (!req) continue;
    const kinds = THRESHOLD_KINDS.filter((k) => req[k] !== undefined);
    if (kinds.length) metrics[m] = Object.fromEntries(kinds.map((k) => [k, req[k]]));
  }
  const b = r.baseline;
  return {
    format: r.format,
    primary: r.primary,
    metrics,
    evaluation: r.evaluation && {
      sample: r.evaluation.sample,
      target: r.evaluation.target,
      partition_by: r.evaluation.partition_by,
    },
    baseline: b && {
      version: b.version,
      measured: b.measured,
      data: {
        source: b.data.source,
        partition_by: b.data.partition_by,
        partitions: b.data.partitions,
        rows: b.data.rows,
        window: b.data.window,
      },
      metrics: Object.fromEntries(
        ALL_METRICS.flatMap((m) => {
          const s = b.metrics[m];
          return s ? [[m, { min: s.min, mean: s.mean, max: s.max }]] : [];
        }),
      ),
    },
    history: r.history.map((h) => ({
      date: h.date,
      action: h.action,
      reason: h.reason,
      by: h.by,
      primary: h.primary,
      changes: h.changes.map((c) => ({ metric: c.metric, kind: c.kind, from: c.from, to: c.to })),
    })),
  };
}
