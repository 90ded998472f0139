/**
 * Finding the notebooks of a project: Markdown files under `notebooks/`
 * (any depth) that hold at least one ```` ```ts ```` cell.
 *
 * @module
 */
import { join } from "node:path";

/** One notebook file. */
export interface NotebookFile {
  /** Path relative to `notebooks/`, with `/` separators. */
  path: string;
  /** The front matter's `title`, else the first `# ` heading, else the file name. */
  title: string;
  /** How many code cells it has. */
  cells: number;
}

/**
 * Every notebook of the project, sorted by path.
 *
 * @example
 * ```ts
 * import { listNotebooks } from "./list_notebooks.ts";
 * const root = Deno.makeTempDirSync();
 * Deno.mkdirSync(`${root}/notebooks`);
 * const f = "`".repeat(3);
 * Deno.writeTextFileSync(`${root}/notebooks/a.md`, `---\ntitle: Rain\n---\n\n${f}ts\n1\n${f}\n`);
 * Deno.writeTextFileSync(`${root}/notebooks/README.md`, "# Notes only\n");
 * const list = listNotebooks(root);
 * if (list.length !== 1 || list[0]!.title !== "Rain" || list[0]!.cells !== 1) throw new Error(JSON.stringify(list));
 * Deno.removeSync(root, { recursive: true });
 * ```
 */
export function listNotebooks(root: string): NotebookFile[] {
  const out: NotebookFile[] = [];
  _walk(join(root, "notebooks"), "", 0, out);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

function _walk(dir: string, prefix: string, depth: number, out: NotebookFile[]): void {
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch {
    return; // no notebooks/ folder: no notebooks
  }
  for (const e of entries) {
    const path = prefix + e.name;
    if (e.isDirectory && depth < 3 && !e.name.startsWith(".")) {
      _walk(join(dir, e.name), `${path}/`, depth + 1, out);
    } else if (e.isFile && e.name.endsWith(".md")) {
      const text = Deno.readTextFileSync(join(dir, e.name));
      const cells = text.match(/^```(ts|typescript)\s*$/gm)?.length ?? 0;
      if (cells === 0) continue;
      const matter = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text)?.[1] ?? "";
      const front = /^title:\s*(.+)$/m.exec(matter)?.[1];
      const heading = /^# (.+)$/m.exec(text)?.[1];
      const title = (front ?? heading ?? e.name).trim().replace(/^["']|["']$/g, "");
      out.push({ path, title, cells });
    }
  }
}
