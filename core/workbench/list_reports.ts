/**
 * Finding the HTML reports of a project: `ratchet backtest --report` may
 * write them anywhere, so the workbench lists those under `reports/` and a
 * model's challenge reports under `models/<name>/challenges/`.
 *
 * @module
 */
import { join, relative } from "node:path";

/** One HTML report. */
export interface ReportFile {
  /** Path relative to the project root, with `/` separators. */
  path: string;
  /** The report's `<title>`, or its file name. */
  title: string;
  /** Last modified, ISO 8601. */
  modified: string;
  /** The model it is about: its folder, or `NAME@` in its title; undefined when unknown. */
  model?: string;
}

const _MAX_DEPTH = 3;

function _title(path: string): string | undefined {
  let head: string;
  const file = Deno.openSync(path);
  try {
    const buf = new Uint8Array(4096);
    const n = file.readSync(buf) ?? 0;
    head = new TextDecoder().decode(buf.subarray(0, n));
  } finally {
    file.close();
  }
  const t = /<title>([^<]*)<\/title>/i.exec(head)?.[1]?.trim();
  return t ? t.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">") : undefined;
}

function _walk(dir: string, depth: number, out: string[]): void {
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch {
    return; // absent or unreadable: nothing to list
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isFile && e.name.endsWith(".html")) out.push(path);
    // Symbolic links are not followed: a report must live in the project.
    else if (e.isDirectory && depth < _MAX_DEPTH) _walk(path, depth + 1, out);
  }
}

/**
 * Every HTML report of the project, newest first. `models` are the model
 * names, to attribute reports by title.
 *
 * @example
 * ```ts
 * import { listReports } from "./list_reports.ts";
 * const root = Deno.makeTempDirSync();
 * Deno.mkdirSync(`${root}/reports`);
 * Deno.writeTextFileSync(`${root}/reports/bt.html`, "<title>Back-test of rain@1 on seattle</title>");
 * const [r] = listReports(root, ["rain"]);
 * if (r?.path !== "reports/bt.html" || r.model !== "rain") throw new Error(JSON.stringify(r));
 * Deno.removeSync(root, { recursive: true });
 * ```
 */
export function listReports(root: string, models: readonly string[]): ReportFile[] {
  const files: string[] = [];
  _walk(join(root, "reports"), 0, files);
  for (const name of models) _walk(join(root, "models", name, "challenges"), 0, files);
  const reports = files.map((file): ReportFile & { time: number } => {
    const path = relative(root, file).split("\\").join("/");
    const title = _title(file) ?? path.split("/").at(-1)!;
    const time = Deno.statSync(file).mtime?.getTime() ?? 0;
    const folder = /^models\/([^/]+)\//.exec(path)?.[1];
    const model = folder ?? models.find((m) => title.includes(`${m}@`));
    return {
      path,
      title,
      modified: new Date(time).toISOString(),
      time,
      ...(model ? { model } : {}),
    };
  });
  reports.sort((a, b) => b.time - a.time || a.path.localeCompare(b.path));
  return reports.map(({ time: _, ...r }) => r);
}
