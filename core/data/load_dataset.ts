/**
 * Finding datasets in a project: every `data/<name>/` with a `dataset.json`.
 *
 * @module
 */
import { join } from "node:path";
import { RatchetError } from "../errors/mod.ts";
import { type DatasetDescriptor, datasetDir } from "./dataset.ts";
import { DESCRIPTOR_FILE, readDataset } from "./dataset_file.ts";

/**
 * Loads and checks a dataset's descriptor. An unknown name is a `not_found`
 * error that lists the datasets there are.
 *
 * @example
 * ```ts
 * import { loadDataset } from "./load_dataset.ts";
 * const root = Deno.makeTempDirSync();
 * let msg = "";
 * try { loadDataset(root, "sales"); } catch (e) { msg = String(e); }
 * if (!msg.includes("No dataset named sales")) throw new Error(msg);
 * Deno.removeSync(root);
 * ```
 */
export function loadDataset(root: string, name: string): DatasetDescriptor {
  const dir = datasetDir(root, name);
  const d = readDataset(dir);
  if (d === undefined) {
    const known = _names(root);
    throw new RatchetError(
      "not_found",
      `No dataset named ${name} in ${join(root, "data")}` +
        (known.length
          ? `; datasets here: ${known.join(", ")}`
          : "; import one with `ratchet data import FILE --dataset NAME --time COLUMN --grain month`"),
    );
  }
  if (d.name !== name) {
    throw new RatchetError(
      "invalid",
      `${join(dir, DESCRIPTOR_FILE)} names the dataset ${JSON.stringify(d.name)}, ` +
        `but its folder is ${name}: rename one of them so they agree`,
    );
  }
  return d;
}

/**
 * Every dataset of a project, sorted by name.
 *
 * @example
 * ```ts
 * import { listDatasets } from "./load_dataset.ts";
 * const root = Deno.makeTempDirSync();
 * if (listDatasets(root).length !== 0) throw new Error();
 * Deno.removeSync(root);
 * ```
 */
export function listDatasets(root: string): DatasetDescriptor[] {
  return _names(root).map((name) => loadDataset(root, name));
}

function _names(root: string): string[] {
  const names: string[] = [];
  try {
    for (const entry of Deno.readDirSync(join(root, "data"))) {
      if (!entry.isDirectory) continue;
      try {
        Deno.statSync(join(root, "data", entry.name, DESCRIPTOR_FILE));
        names.push(entry.name);
      } catch { /* a folder without a descriptor (e.g. data/samples) is not a dataset */ }
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return names.sort();
}
