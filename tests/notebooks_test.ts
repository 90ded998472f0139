/**
 * Every notebook under notebooks/ runs headlessly: a cell that throws
 * fails its notebook's test with FILE:LINE of the cell's failing line.
 */
import { fileURLToPath } from "node:url";
import { join, relative } from "node:path";
import { notebookFailures, runNotebook } from "../core/notebook/mod.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const DIR = join(ROOT, "notebooks");

function notebooks(dir: string): string[] {
  const out: string[] = [];
  for (const entry of Deno.readDirSync(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) out.push(...notebooks(path));
    else if (entry.name.endsWith(".md") && entry.name !== "README.md") out.push(path);
  }
  return out.sort();
}

for (const path of notebooks(DIR)) {
  const name = relative(ROOT, path);
  Deno.test(`notebook ${name} runs without errors`, async () => {
    const run = await runNotebook(path, { root: ROOT });
    const failures = notebookFailures({ ...run, path: name });
    if (failures.length) {
      throw new Error(`${failures.length} cell(s) failed:\n${failures.join("\n")}`);
    }
    if (run.cells.length === 0) throw new Error(`${name} has no cells: is it a notebook?`);
  });
}
