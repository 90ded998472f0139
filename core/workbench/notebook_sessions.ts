/**
 * The open notebooks of a workbench: one session per notebook file, each
 * with its own kernel (a Deno Worker, started on first use), the text last
 * read from disk, and the pages listening to its events. Edits go through
 * the notebook format's cell edits and are saved at once, so the file is
 * the notebook.
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";
import { writeFileAtomic } from "../store/mod.ts";
import { fixturesPath, readFixtures } from "../fixtures/mod.ts";
import { ModelStore } from "../store/mod.ts";
import {
  type CellState,
  deleteCell,
  insertCell,
  Kernel,
  type KernelEvent,
  type Notebook,
  parseNotebook,
  replaceCell,
} from "../notebook/mod.ts";
import { projectFile } from "./project_file.ts";
import { type CellContext, type CellView, cellView } from "./cell_view.ts";

/** The kernel operations a session uses (a `Kernel` from `core/notebook`, or a test double). */
export type SessionKernel = Pick<
  Kernel,
  "sync" | "run" | "runAll" | "setInput" | "interrupt" | "tablePage" | "cells" | "close"
>;

/** Starts a kernel for the project at `root` that reports to `onEvent`. */
export type StartKernel = (options: {
  root: string;
  timeoutMs?: number;
  onEvent: (event: KernelEvent) => void;
}) => Promise<SessionKernel>;

/** What a page listening to a notebook receives. */
export type SessionEvent =
  | { type: "cell"; cell: CellView }
  | { type: "restart"; reason: string }
  | { type: "saved"; text: string }
  | { type: "closed" };

/** One open notebook. */
export class NotebookSession {
  /** The notebook's path relative to `notebooks/`. */
  readonly path: string;
  /** Its real path on disk. */
  readonly file: string;
  /** The notebook's kernel. */
  readonly kernel: SessionKernel;
  #notebook: Notebook;
  #store: ModelStore;
  #listeners = new Set<(e: SessionEvent) => void>();

  /** Use {@linkcode NotebookSessions.open}. */
  constructor(
    path: string,
    file: string,
    kernel: SessionKernel,
    notebook: Notebook,
    store: ModelStore,
  ) {
    this.path = path;
    this.file = file;
    this.kernel = kernel;
    this.#notebook = notebook;
    this.#store = store;
    kernel.sync(notebook.cells);
  }

  /** The notebook as last read or written. */
  get notebook(): Notebook {
    return this.#notebook;
  }

  /** Re-reads the file; when someone else changed it, the kernel gets the new cells. */
  refresh(): Notebook {
    const text = Deno.readTextFileSync(this.file);
    if (text !== this.#notebook.text) this.#set(text, false);
    return this.#notebook;
  }

  /** Replaces a cell's source and saves; returns the cell's new id. */
  edit(id: string, source: string): string {
    const edit = replaceCell(this.#current(id), id, source);
    this.#set(edit.text, true);
    return edit.id;
  }

  /** Inserts a cell after `after` (at the end without it) and saves; returns its id. */
  insert(source: string, after?: string): string {
    const edit = insertCell(this.#current(after), after ? { after } : {}, source);
    this.#set(edit.text, true);
    return edit.id;
  }

  /** Deletes a cell and saves. */
  remove(id: string): void {
    this.#set(deleteCell(this.#current(id), id), true);
  }

  /** A cell's state rendered for the page. */
  view(cell: CellState): Promise<CellView> {
    return cellView(cell, this.#context(cell.id));
  }

  /** Every cell's state rendered, in document order. */
  views(cells: readonly CellState[] = this.kernel.cells): Promise<CellView[]> {
    return Promise.all(cells.map((c) => this.view(c)));
  }

  /** Listens to the session's events until the returned function is called. */
  subscribe(listener: (e: SessionEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Forwards a kernel event to the listening pages. */
  async forward(event: KernelEvent): Promise<void> {
    if (this.#listeners.size === 0) return;
    if (event.type === "restart") return this.#emit({ type: "restart", reason: event.reason });
    if (event.type === "cell") {
      return this.#emit({ type: "cell", cell: await this.view(event.cell) });
    }
    // A display() output while the cell runs: show the cell with it.
    const cell = this.kernel.cells.find((c) => c.id === event.id);
    if (cell) {
      const outputs = cell.outputs.includes(event.output)
        ? cell.outputs
        : [...cell.outputs, event.output];
      this.#emit({ type: "cell", cell: await this.view({ ...cell, outputs }) });
    }
  }

  /** Stops the kernel and tells the listening pages the session is over. */
  async close(): Promise<void> {
    this.#emit({ type: "closed" });
    this.#listeners.clear();
    await this.kernel.close();
  }

  #emit(event: SessionEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  /** The text to edit: the file's, after checking that the cell is still in it. */
  #current(id?: string): string {
    const notebook = this.refresh();
    if (id !== undefined && !notebook.cells.some((c) => c.id === id)) {
      throw new RatchetError(
        "conflict",
        `Cell ${id} is no longer in notebooks/${this.path} (changed elsewhere?): reload the page`,
      );
    }
    return notebook.text;
  }

  #set(text: string, save: boolean): void {
    if (save) writeFileAtomic(this.file, text);
    this.#notebook = parseNotebook(text);
    this.kernel.sync(this.#notebook.cells);
    if (save) this.#emit({ type: "saved", text });
  }

  /** Ids of the cases in model `name`'s fixtures that are not superseded (none for an unknown model). */
  fixtureIds(name: string): ReadonlySet<string> {
    try {
      return new Set(
        readFixtures(fixturesPath(this.#store, name)).filter((f) => !f.superseded).map((f) => f.id),
      );
    } catch {
      return new Set(); // an unknown model or an unreadable file: nothing to mark
    }
  }

  #context(id: string): CellContext {
    const cell = this.#notebook.cells.find((c) => c.id === id);
    const cache = new Map<string, ReadonlySet<string>>();
    return {
      notebook: this.path,
      line: cell?.line ?? 1,
      fixtureIds: (model) => {
        let ids = cache.get(model);
        if (!ids) cache.set(model, ids = this.fixtureIds(model));
        return ids;
      },
    };
  }
}

/** Every open notebook of a project. */
export class NotebookSessions {
  #root: string;
  #store: ModelStore;
  #start: StartKernel;
  #open = new Map<string, Promise<NotebookSession>>();

  /** Sessions of the project at `root`; `startKernel` defaults to `Kernel.start`. */
  constructor(root: string, options: { startKernel?: StartKernel } = {}) {
    this.#root = root;
    this.#store = new ModelStore(root);
    this.#start = options.startKernel ?? ((o) => Kernel.start(o));
  }

  /**
   * The session of `notebooks/<path>`, started on first use. The path is
   * checked to stay inside `notebooks/` (symbolic links included).
   */
  open(path: string): Promise<NotebookSession> {
    const file = projectFile(this.#root, "notebooks", path);
    if (!file.endsWith(".md")) {
      throw new RatchetError("not_found", `notebooks/${path} is not a notebook (a .md file)`);
    }
    let session = this.#open.get(file);
    if (!session) {
      session = this.#startSession(path, file);
      this.#open.set(file, session);
      session.catch(() => this.#open.delete(file));
    }
    return session;
  }

  /** The session of `path` if it is open, without starting one. */
  get(path: string): Promise<NotebookSession> | undefined {
    return this.#open.get(projectFile(this.#root, "notebooks", path));
  }

  /** Stops every kernel and ends the pages' event streams. */
  async close(): Promise<void> {
    const sessions = [...this.#open.values()];
    this.#open.clear();
    await Promise.all(sessions.map(async (s) => (await s).close()));
  }

  async #startSession(path: string, file: string): Promise<NotebookSession> {
    const notebook = parseNotebook(Deno.readTextFileSync(file));
    const timeout = notebook.frontMatter.timeout;
    // The session needs the kernel, and the kernel's events need the session.
    const started: { session?: NotebookSession } = {};
    const kernel = await this.#start({
      root: this.#root,
      ...(typeof timeout === "number" && timeout > 0 ? { timeoutMs: timeout * 1000 } : {}),
      onEvent: (event) => void started.session?.forward(event),
    });
    started.session = new NotebookSession(path, file, kernel, notebook, this.#store);
    return started.session;
  }
}
