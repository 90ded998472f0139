/**
 * `data/<name>/dataset.json` on disk: read strictly, checked beyond what a
 * schema can say (labels valid and sorted, files inside their partition's
 * folder), written atomically. Its file lists are what readers read, so
 * swapping this one file is what makes an import appear all at once.
 *
 * @module
 */
import { join } from "node:path";
import type { z } from "zod";
import { invalid } from "../errors/mod.ts";
import { formatPath, parseJson, prettyJson } from "../json/mod.ts";
import { writeFileAtomic } from "../store/mod.ts";
import { type DatasetDescriptor, partitionFolder } from "./dataset.ts";
import { parsePartitionLabel } from "./partition_label.ts";
import { DatasetSchema } from "./schema.ts";

/** The descriptor file's name inside a dataset folder. */
export const DESCRIPTOR_FILE = "dataset.json";

/**
 * Checks a parsed descriptor; `source` names it in errors.
 *
 * @example
 * ```ts
 * import { validateDataset } from "./dataset_file.ts";
 * const d = validateDataset({
 *   format: "ratchet.dataset/v1", name: "s", time: "date", grain: "month", key: "month",
 *   columns: [{ name: "date", type: "date" }], partitions: [], history: [],
 * }, "s/dataset.json");
 * let msg = "";
 * try { validateDataset({ ...d, grain: "week" }, "s/dataset.json"); } catch (e) { msg = String(e); }
 * if (!msg.includes("$.key")) throw new Error(msg);
 * ```
 */
export function validateDataset(value: unknown, source: string): DatasetDescriptor {
  const result = DatasetSchema.safeParse(value);
  if (!result.success) throw invalid(`Invalid dataset ${source}: ${_describe(result.error)}`);
  const d = result.data as DatasetDescriptor;
  const fail = (path: (string | number)[], why: string) =>
    invalid(`Invalid dataset ${source}: ${formatPath(path)}: ${why}`);
  if (d.key !== d.grain) throw fail(["key"], `expected "${d.grain}", the grain`);
  const names = d.columns.map((c) => c.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw fail(["columns"], `column ${JSON.stringify(dup)} appears twice`);
  const time = d.columns.find((c) => c.name === d.time);
  if (!time || (time.type !== "date" && time.type !== "timestamp")) {
    throw fail(["time"], `${JSON.stringify(d.time)} is not a date or timestamp column`);
  }
  const files = new Set<string>();
  d.partitions.forEach((p, i) => {
    try {
      parsePartitionLabel(p.label, d.grain);
    } catch (e) {
      throw fail(["partitions", i, "label"], (e as Error).message);
    }
    const previous = d.partitions[i - 1];
    if (previous && previous.label >= p.label) {
      throw fail(["partitions", i, "label"], `${p.label} is out of order after ${previous.label}`);
    }
    p.files.forEach((f, j) => {
      if (!f.startsWith(partitionFolder(d, p.label) + "/")) {
        throw fail(
          ["partitions", i, "files", j],
          `${f} is outside ${partitionFolder(d, p.label)}/`,
        );
      }
      if (files.has(f)) throw fail(["partitions", i, "files", j], `${f} is listed twice`);
      files.add(f);
    });
  });
  return d;
}

/**
 * Parses descriptor text strictly (no duplicate keys, no NaN) and checks it.
 *
 * @example
 * ```ts
 * import { parseDataset } from "./dataset_file.ts";
 * let msg = "";
 * try { parseDataset('{"format": "ratchet.dataset/v1"', "s/dataset.json"); } catch (e) { msg = String(e); }
 * if (!msg.includes("s/dataset.json") || !msg.includes("truncated")) throw new Error(msg);
 * ```
 */
export function parseDataset(text: string, source: string): DatasetDescriptor {
  return validateDataset(parseJson(text, { source }), source);
}

/**
 * Reads `<dir>/dataset.json`, or returns `undefined` when there is none.
 *
 * @example
 * ```ts
 * import { readDataset } from "./dataset_file.ts";
 * const dir = Deno.makeTempDirSync();
 * if (readDataset(dir) !== undefined) throw new Error();
 * Deno.removeSync(dir);
 * ```
 */
export function readDataset(dir: string): DatasetDescriptor | undefined {
  const path = join(dir, DESCRIPTOR_FILE);
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
  return parseDataset(text, path);
}

/**
 * Checks and writes `<dir>/dataset.json` atomically: readers see the old
 * descriptor or the new one, never a part.
 *
 * @example
 * ```ts
 * import { readDataset, saveDataset } from "./dataset_file.ts";
 * const dir = Deno.makeTempDirSync();
 * saveDataset(dir, {
 *   format: "ratchet.dataset/v1", name: "s", time: "date", grain: "year", key: "year",
 *   columns: [{ name: "date", type: "date" }], partitions: [], history: [],
 * });
 * if (readDataset(dir)?.grain !== "year") throw new Error();
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function saveDataset(dir: string, d: DatasetDescriptor): void {
  const path = join(dir, DESCRIPTOR_FILE);
  const clean = validateDataset(d, path);
  writeFileAtomic(path, prettyJson(clean));
}

function _describe(error: z.ZodError): string {
  const lines = error.issues.map((issue) =>
    `${formatPath(issue.path as (string | number)[])}: ${
      issue.code === "unrecognized_keys"
        ? `unknown key ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}`
        : issue.message
    }`
  );
  const more = lines.length > 5 ? ` (and ${lines.length - 5} more)` : "";
  return lines.slice(0, 5).join("; ") + more;
}
