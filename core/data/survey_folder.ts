/**
 * What is on disk in a dataset folder beside what `dataset.json` lists:
 * staging folders and unlisted files left by interrupted imports (the next
 * import removes them), malformed partition folders, stray files, and listed
 * files that are gone. Readers never look at any of it; `data show` reports it.
 *
 * @module
 */
import { join } from "node:path";
import type { DatasetDescriptor, Grain } from "./dataset.ts";
import { DESCRIPTOR_FILE } from "./dataset_file.ts";
import { LOCK_FILE } from "./import_lock.ts";
import { parsePartitionLabel } from "./partition_label.ts";

/** The prefix of an import's staging folder. */
export const STAGING_PREFIX = ".staging-";

/** A dataset folder compared with its descriptor; paths are relative to the folder. */
export interface FolderSurvey {
  /** Staging folders of imports that are running or were interrupted. */
  staging: string[];
  /** Parquet files in partition folders that the descriptor does not list. */
  unlisted: string[];
  /** Folders that look like partitions but are not valid ones, with the reason. */
  malformed: { path: string; why: string }[];
  /** Anything else that does not belong. */
  unexpected: string[];
  /** Files the descriptor lists that do not exist. */
  missing: { partition: string; file: string }[];
}

/**
 * Surveys `dir` against the descriptor (or, before the first import, an
 * empty one with the dataset's grain).
 *
 * @example
 * ```ts
 * import { surveyFolder } from "./survey_folder.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(`${dir}/month=2024-13`);
 * Deno.mkdirSync(`${dir}/month=2024-01`);
 * Deno.writeTextFileSync(`${dir}/month=2024-01/part-1.parquet`, "");
 * const s = surveyFolder(dir, { key: "month", grain: "month", partitions: [] });
 * Deno.removeSync(dir, { recursive: true });
 * if (s.malformed[0]?.path !== "month=2024-13" || s.unlisted[0] !== "month=2024-01/part-1.parquet") {
 *   throw new Error(JSON.stringify(s));
 * }
 * ```
 */
export function surveyFolder(
  dir: string,
  d: Pick<DatasetDescriptor, "key" | "partitions"> & { grain: Grain },
): FolderSurvey {
  const survey: FolderSurvey = {
    staging: [],
    unlisted: [],
    malformed: [],
    unexpected: [],
    missing: [],
  };
  const listed = new Set(d.partitions.flatMap((p) => p.files));
  for (const entry of _sorted(dir)) {
    const name = entry.name;
    if (name === DESCRIPTOR_FILE || name === LOCK_FILE) continue;
    if (name.startsWith(`.${DESCRIPTOR_FILE}.`) && name.endsWith(".tmp")) {
      survey.unexpected.push(name); // a descriptor write cut short
      continue;
    }
    if (entry.isDirectory && name.startsWith(STAGING_PREFIX)) {
      survey.staging.push(name);
      continue;
    }
    const eq = name.indexOf("=");
    if (!entry.isDirectory || eq === -1) {
      survey.unexpected.push(name);
      continue;
    }
    const key = name.slice(0, eq);
    if (key !== d.key) {
      survey.malformed.push({
        path: name,
        why: `the key ${JSON.stringify(key)} is not this dataset's (${d.key})`,
      });
      continue;
    }
    try {
      parsePartitionLabel(name.slice(eq + 1), d.grain);
    } catch (e) {
      survey.malformed.push({ path: name, why: (e as Error).message });
      continue;
    }
    for (const file of _sorted(join(dir, name))) {
      const path = `${name}/${file.name}`;
      if (listed.has(path)) continue;
      if (file.isFile && /^part-.*\.parquet$/.test(file.name)) survey.unlisted.push(path);
      else survey.unexpected.push(path);
    }
  }
  for (const p of d.partitions) {
    for (const file of p.files) {
      try {
        Deno.statSync(join(dir, file));
      } catch {
        survey.missing.push({ partition: p.label, file });
      }
    }
  }
  return survey;
}

function _sorted(dir: string): Deno.DirEntry[] {
  try {
    return [...Deno.readDirSync(dir)].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0
    );
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
}
