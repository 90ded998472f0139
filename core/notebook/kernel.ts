/**
 * The notebook kernel: one Deno worker per open notebook runs the cells;
 * this side owns the dataflow, the cells' states, the clock and the
 * services the worker calls. An endless loop or a crash in a cell ends the
 * worker, never the host: the kernel starts a fresh one.
 *
 * After an interrupt, a time-out or a crash, every cell that had run is
 * `stale` (its outputs kept, its values gone): nothing re-runs by itself.
 * Running a cell later first re-runs the stale or never-run cells it reads
 * from.
 *
 * @module
 */
import { resolve } from "node:path";
import { RatchetError } from "../errors/mod.ts";
import type { CellError, PageRequest, TablePage } from "./cell_output.ts";
import { WorkerLink } from "./worker_link.ts";
import { CellStates, type RunEnd } from "./cell_states.ts";
import { cellModule } from "./cell_module.ts";
import { Dataflow, type FlowCell, type SourceCell } from "./dataflow.ts";
import type { FromWorker, ToWorker } from "./kernel_protocol.ts";
import { KernelServices } from "./kernel_services.ts";
import { BUILTIN_NAMES } from "./notebook_builtins.ts";
import { checkInputValue } from "./notebook_inputs.ts";
import { type KernelPermissions, workerPermissionsEnabled } from "./worker_permissions.ts";
import type { CellState, KernelCommand, KernelEvent, KernelOptions } from "./kernel_types.ts";

/**
 * A running kernel.
 *
 * @example
 * ```ts
 * import { Kernel } from "./kernel.ts";
 * const kernel = await Kernel.start({ root: "." });
 * try {
 *   kernel.sync([{ id: "a", source: "const x = 20" }, { id: "b", source: "x * 2 + 2" }]);
 *   const cells = await kernel.runAll();
 *   const out = cells[1]!.outputs[0];
 *   if (out?.type !== "text" || out.text !== "42") throw new Error(JSON.stringify(cells));
 * } finally {
 *   await kernel.close();
 * }
 * ```
 */
export class Kernel {
  /** The time limit of a cell, in milliseconds; may be changed at any time. */
  timeoutMs: number;
  readonly #root: string;
  readonly #maxRows: number;
  readonly #permissions: KernelPermissions;
  readonly #onEvent: (e: KernelEvent) => void;
  readonly #services: KernelServices;
  readonly #states: CellStates;
  readonly #runs = new Map<number, string>();
  readonly #lastRun = new Map<string, number>();
  #flow = new Dataflow([], BUILTIN_NAMES);
  #sources = new Map<string, string>();
  #link!: WorkerLink;
  #epoch = 0;
  #counter = 0;
  #queue: Promise<unknown> = Promise.resolve();
  #current: { run: number; done: PromiseWithResolvers<RunEnd> } | undefined;
  #closed = false;

  private constructor(options: KernelOptions) {
    this.#root = resolve(options.root);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.#maxRows = options.maxRows ?? 200;
    const enabled = workerPermissionsEnabled();
    this.#permissions = options.permissions ?? (enabled ? "sandbox" : "inherit");
    if (this.#permissions !== "inherit" && !enabled) {
      // Deno would end the whole process on the worker's first message: refuse here instead.
      throw new RatchetError(
        "invalid",
        "Kernel permissions need Deno's worker options: run with --unstable-worker-options " +
          'or add "unstable": ["worker-options"] to deno.json (or use permissions: "inherit")',
      );
    }
    this.#onEvent = options.onEvent ?? (() => {});
    this.#services = new KernelServices(this.#root);
    this.#states = new CellStates((e) => this.#emit(e));
  }

  /** Starts a kernel on the project at `options.root`. */
  static async start(options: KernelOptions): Promise<Kernel> {
    const kernel = new Kernel(options);
    kernel.#link = new WorkerLink({
      root: kernel.#root,
      maxRows: kernel.#maxRows,
      permissions: kernel.#permissions,
      services: kernel.#services,
    }, {
      message: (m) => kernel.#receive(m),
      crash: (message) =>
        kernel.#restarted("crash", {
          name: "WorkerCrash",
          message: `The kernel's worker crashed: ${message}`,
          stack: "",
        }),
    });
    try {
      await kernel.#link.ready;
    } catch (e) {
      await kernel.close();
      throw e;
    }
    return kernel;
  }

  /** The cells' states, in document order (copies). */
  get cells(): CellState[] {
    return this.#flow.cells.map((c) => this.#states.snapshot(c.id));
  }

  /** The dataflow graph of the cells as last synced (read-only). */
  get flow(): Dataflow {
    return this.#flow;
  }

  /**
   * Tells the kernel the notebook's cells, in order (after it is opened or
   * edited). New cells are `idle`; values of cells that are gone are
   * dropped, and cells that read from them become `stale`.
   */
  sync(cells: readonly SourceCell[]): void {
    this.#open();
    const before = this.#flow;
    this.#flow = new Dataflow(cells, BUILTIN_NAMES);
    this.#sources = new Map(cells.map((c) => [c.id, c.source]));
    const gone = this.#states.sync(before, this.#flow);
    if (gone.length) this.#post({ type: "forget", ids: gone });
  }

  /** Runs cells and everything downstream of them (and the stale or never-run cells they read from). */
  run(ids: readonly string[]): Promise<CellState[]> {
    this.#open();
    for (const id of ids) {
      if (!this.#flow.get(id)) {
        throw new RatchetError("not_found", `No cell ${id} in this notebook`);
      }
    }
    return this.#enqueue(() => this.#runCells(ids));
  }

  /** Runs every cell, in dataflow order. */
  runAll(): Promise<CellState[]> {
    return this.run(this.#flow.cells.map((c) => c.id));
  }

  /** Sets an input of a cell (from its control) and re-runs the cell and what reads it. */
  setInput(id: string, key: string, value: unknown): Promise<CellState[]> {
    const control = this.#states.control(id, key);
    if (!control) {
      throw new RatchetError(
        "not_found",
        `Cell ${id} has no input ${JSON.stringify(key)} (run the cell first)`,
      );
    }
    this.#states.setInput(id, key, checkInputValue(control, value));
    return this.run([id]);
  }

  /** Stops the running cell (and the runs waiting) and starts a fresh worker. */
  async interrupt(): Promise<void> {
    this.#open();
    this.#epoch++;
    this.#restart("interrupt", {
      name: "Interrupted",
      message: "Interrupted",
      stack: "Interrupted",
    });
    await this.#link.ready;
  }

  /** A page of table output `output` (its index among the cell's outputs), sorted if asked. */
  async tablePage(id: string, output: number, page: PageRequest): Promise<TablePage> {
    this.#open();
    await this.#link.ready;
    return await this.#link.page(id, output, page);
  }

  /** Executes a command (the same operations, as data: what a server receives). */
  async execute(command: KernelCommand): Promise<CellState[] | TablePage> {
    switch (command.type) {
      case "sync":
        this.sync(command.cells);
        return this.cells;
      case "run":
        return await this.run(command.ids);
      case "run_all":
        return await this.runAll();
      case "set_input":
        return await this.setInput(command.id, command.key, command.value);
      case "interrupt":
        await this.interrupt();
        return this.cells;
      case "page":
        return await this.tablePage(command.id, command.output, command);
    }
  }

  /** Ends the worker and releases what the kernel holds. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#link?.close();
    this.#current?.done.resolve({
      ms: 0,
      error: { name: "Closed", message: "The kernel was closed", stack: "" },
    });
    this.#services.close();
    await this.#queue.catch(() => {});
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const epoch = this.#epoch;
    const next = this.#queue.then(() => epoch === this.#epoch ? task() : this.cells as T);
    this.#queue = next.catch(() => {});
    return next;
  }

  async #runCells(ids: readonly string[]): Promise<CellState[]> {
    const flow = this.#flow;
    const epoch = this.#epoch;
    const needed = flow.upstream(ids).filter((id) => this.#states.status(id) !== "done");
    const order = flow.order(new Set([...flow.downstream(ids), ...needed]));
    for (const id of order) this.#states.mark(id, "queued");
    const failed = new Set<string>();
    for (const [k, id] of order.entries()) {
      if (epoch !== this.#epoch || flow !== this.#flow || this.#closed) {
        for (const rest of order.slice(k)) this.#states.mark(rest, "stale");
        break;
      }
      const cell = flow.get(id)!;
      const parent = cell.parents.find((p) => failed.has(p) || this.#states.status(p) !== "done");
      if (cell.problem || parent !== undefined) {
        const error = cell.problem ? _problem(cell.problem) : {
          name: "NotRun",
          message: `Not run: ${
            flow.get(parent!)!.label
          } did not run (it failed or was interrupted)`,
          stack: "",
        };
        this.#states.finish(id, { ms: 0, error });
        failed.add(id);
        continue;
      }
      const done = await this.#runOne(cell);
      this.#states.finish(id, done);
      if (done.error) failed.add(id);
    }
    return this.cells;
  }

  async #runOne(cell: FlowCell): Promise<RunEnd> {
    await this.#link.ready;
    const source = this.#sources.get(cell.id)!;
    const { code, map } = cellModule(source, cell.analysis, [...cell.reads, ...cell.builtins]);
    const from: Record<string, string> = {};
    for (const name of cell.reads) {
      from[name] = cell.parents.find((p) => this.#flow.get(p)!.analysis.declares.includes(name))!;
    }
    this.#states.start(cell.id);
    const run = ++this.#counter;
    const previous = this.#lastRun.get(cell.id);
    if (previous !== undefined) this.#runs.delete(previous);
    this.#runs.set(run, cell.id);
    this.#lastRun.set(cell.id, run);
    const done = Promise.withResolvers<RunEnd>();
    this.#current = { run, done };
    const timer = setTimeout(() => {
      const s = this.timeoutMs / 1000;
      this.#restart("timeout", {
        name: "TimeoutError",
        message:
          `The cell did not finish within its time limit of ${s} s (an endless loop, a long wait, ` +
          `or the worker ended): raise it with \`timeout: SECONDS\` in the front matter`,
        stack: "",
      });
    }, this.timeoutMs);
    this.#post({
      type: "run",
      run,
      id: cell.id,
      code,
      map,
      from,
      builtins: cell.builtins,
      inputs: this.#states.inputs(cell.id),
    });
    try {
      return await done.promise;
    } finally {
      clearTimeout(timer);
      this.#current = undefined;
    }
  }

  #restart(reason: "interrupt" | "timeout", error: CellError): void {
    if (this.#closed) return;
    this.#link.restart();
    this.#restarted(reason, error);
  }

  /** After a new worker replaced the old one: the old values are gone. */
  #restarted(reason: "interrupt" | "timeout" | "crash", error: CellError): void {
    this.#states.staleAll();
    this.#current?.done.resolve({ ms: 0, error });
    this.#emit({ type: "restart", reason });
  }

  #receive(m: Extract<FromWorker, { type: "output" | "done" }>): void {
    switch (m.type) {
      case "output": {
        const id = this.#runs.get(m.run);
        if (id !== undefined && this.#lastRun.get(id) === m.run) this.#states.output(id, m.output);
        break;
      }
      case "done":
        if (this.#current?.run === m.run) {
          this.#current.done.resolve(m.error ? { ms: m.ms, error: m.error } : { ms: m.ms });
        }
        break;
    }
  }

  #post(m: ToWorker): void {
    this.#link.post(m);
  }

  #emit(e: KernelEvent): void {
    try {
      this.#onEvent(e);
    } catch (err) {
      console.error("notebook kernel: an event listener threw:", err);
    }
  }

  #open(): void {
    if (this.#closed) throw new RatchetError("invalid", "This kernel is closed: start a new one");
  }
}

function _problem(message: string): CellError {
  return { name: "NotebookError", message, stack: "" };
}
