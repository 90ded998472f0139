/**
 * Running a notebook headlessly: every cell in dataflow order in a fresh
 * kernel, for tests, CI and `ratchet notebook run`.
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";
import type { CellError, CellOutput } from "./cell_output.ts";
import { Kernel } from "./kernel.ts";
import type { CellStatus } from "./kernel_types.ts";
import { type Notebook, parseNotebook } from "./notebook.ts";

/** Options of {@linkcode runNotebook}. */
export interface RunNotebookOptions {
  /** The project folder (default: the current folder). */
  root?: string;
  /** A cell's time limit in milliseconds (default: the front matter's `timeout` seconds, else 30 s). */
  timeoutMs?: number;
}

/** One cell of a headless run. */
export interface CellRun {
  /** The cell's id. */
  id: string;
  /** 1-based line of the file where its code starts. */
  line: number;
  /** How it ended: `done` or `error`. */
  status: CellStatus;
  /** Its outputs. */
  outputs: CellOutput[];
  /** Why it failed. */
  error?: CellError;
  /** Its own run time in milliseconds. */
  ms?: number;
}

/** A notebook run from start to end. */
export interface NotebookRun {
  /** The notebook file. */
  path: string;
  /** The parsed notebook. */
  notebook: Notebook;
  /** The cells, in document order. */
  cells: CellRun[];
  /** True when no cell failed. */
  ok: boolean;
  /** Wall time of the whole run, in milliseconds. */
  ms: number;
}

/**
 * Runs every cell of the notebook at `path`.
 *
 * @example
 * ```ts ignore
 * const run = await runNotebook("notebooks/explore-rain.md", { root: "." });
 * for (const failure of notebookFailures(run)) console.error(failure);
 * ```
 */
export async function runNotebook(
  path: string,
  options: RunNotebookOptions = {},
): Promise<NotebookRun> {
  const started = performance.now();
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new RatchetError("not_found", `Notebook ${path} does not exist`);
    }
    throw e;
  }
  const notebook = parseNotebook(text);
  const seconds = notebook.frontMatter.timeout;
  if (seconds !== undefined && !(typeof seconds === "number" && seconds > 0)) {
    throw new RatchetError(
      "invalid",
      `${path}: front matter timeout must be a number of seconds > 0, found ${seconds}`,
    );
  }
  const kernel = await Kernel.start({
    root: options.root ?? ".",
    timeoutMs: options.timeoutMs ?? (seconds === undefined ? 30_000 : seconds * 1000),
  });
  try {
    kernel.sync(notebook.cells.map((c) => ({ id: c.id, source: c.source, line: c.line })));
    const states = await kernel.runAll();
    const cells = notebook.cells.map((c) => {
      const s = states.find((x) => x.id === c.id)!;
      const run: CellRun = { id: c.id, line: c.line, status: s.status, outputs: s.outputs };
      if (s.error) run.error = s.error;
      if (s.ms !== undefined) run.ms = s.ms;
      return run;
    });
    return {
      path,
      notebook,
      cells,
      ok: cells.every((c) => !c.error),
      ms: performance.now() - started,
    };
  } finally {
    await kernel.close();
  }
}

/**
 * The failures of a run as `FILE:LINE: Name: message`, the line being the
 * file's (the cell's first line when the error does not point into it).
 *
 * @example
 * ```ts
 * import { notebookFailures } from "./run_notebook.ts";
 * const run = { path: "nb.md", cells: [{ id: "c1", line: 10, status: "error" as const, outputs: [],
 *   error: { name: "TypeError", message: "boom", line: 3, stack: "" } }] };
 * if (notebookFailures(run)[0] !== "nb.md:12: TypeError: boom") throw new Error();
 * ```
 */
export function notebookFailures(run: Pick<NotebookRun, "path" | "cells">): string[] {
  return run.cells.filter((c) => c.error).map((c) =>
    `${run.path}:${c.line + (c.error!.line ?? 1) - 1}: ${c.error!.name}: ${c.error!.message}`
  );
}
