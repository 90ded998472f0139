/**
 * The kernel's line to its worker: starting it with its permissions,
 * replacing it, answering its calls of host services, and fetching table
 * pages. Messages of a replaced worker are ignored.
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";
import type { PageRequest, TablePage } from "./cell_output.ts";
import type { FromWorker, ToWorker } from "./kernel_protocol.ts";
import type { KernelServices } from "./kernel_services.ts";
import { type KernelPermissions, sandboxPermissions } from "./worker_permissions.ts";

/** What the link tells the kernel: a cell's output or end, or a crash. */
export interface WorkerLinkEvents {
  /** An `output` or `done` message of the current worker. */
  message(m: Extract<FromWorker, { type: "output" | "done" }>): void;
  /** The worker failed (an error that escaped it); it has been replaced already. */
  crash(message: string): void;
}

/**
 * A worker and its replacements.
 *
 * @example
 * ```ts ignore
 * const link = new WorkerLink({ root, maxRows: 200, permissions: "inherit", services }, events);
 * await link.ready;
 * ```
 */
export class WorkerLink {
  readonly #options: {
    root: string;
    maxRows: number;
    permissions: KernelPermissions;
    services: KernelServices;
  };
  readonly #events: WorkerLinkEvents;
  readonly #pages = new Map<number, PromiseWithResolvers<TablePage>>();
  #worker!: Worker;
  #ready!: Promise<void>;
  #generation = 0;
  #requests = 0;

  /** Starts the first worker. */
  constructor(
    options: {
      root: string;
      maxRows: number;
      permissions: KernelPermissions;
      services: KernelServices;
    },
    events: WorkerLinkEvents,
  ) {
    this.#options = options;
    this.#events = events;
    this.#spawn();
  }

  /** Settles when the current worker is ready. */
  get ready(): Promise<void> {
    return this.#ready;
  }

  /** Sends a message to the current worker. */
  post(m: ToWorker): void {
    this.#worker.postMessage(m);
  }

  /** Asks the worker for a page of a table output. */
  page(id: string, output: number, page: PageRequest): Promise<TablePage> {
    const request = ++this.#requests;
    const waiting = Promise.withResolvers<TablePage>();
    this.#pages.set(request, waiting);
    this.post({ type: "page", request, id, output, page });
    return waiting.promise;
  }

  /** Ends the worker and starts a fresh one (pending page requests fail). */
  restart(): void {
    this.#end("The kernel restarted");
    this.#spawn();
  }

  /** Ends the worker for good. */
  close(): void {
    this.#end("The kernel was closed");
  }

  #end(why: string): void {
    this.#generation++;
    this.#worker.terminate();
    for (const p of this.#pages.values()) p.reject(new RatchetError("invalid", why));
    this.#pages.clear();
  }

  #spawn(): void {
    const generation = ++this.#generation;
    const { root, maxRows, permissions: asked } = this.#options;
    const permissions = asked === "sandbox" ? sandboxPermissions(root) : asked;
    const options = permissions === "inherit"
      ? { type: "module" as const }
      : { type: "module" as const, deno: { permissions } };
    const worker = new Worker(new URL("./kernel_worker.ts", import.meta.url).href, options);
    const ready = Promise.withResolvers<void>();
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      if (generation !== this.#generation) return;
      const m = e.data;
      if (m.type === "ready") ready.resolve();
      else if (m.type === "page") this.#answerPage(m);
      else if (m.type === "call") this.#call(m, generation);
      else this.#events.message(m);
    };
    let started = false;
    ready.promise.then(() => started = true, () => {});
    worker.onerror = (e) => {
      // Never let a worker's error reach the host's own handlers.
      e.preventDefault();
      if (generation !== this.#generation) return;
      ready.reject(new RatchetError("internal", `The kernel's worker failed: ${e.message}`));
      // A worker that cannot even start would fail again: only a started one is replaced.
      if (!started) return;
      this.restart();
      this.#events.crash(e.message);
    };
    this.#worker = worker;
    this.#ready = ready.promise;
    this.#ready.catch(() => {});
    this.post({ type: "init", root, maxRows });
  }

  #answerPage(m: Extract<FromWorker, { type: "page" }>): void {
    const waiting = this.#pages.get(m.request);
    this.#pages.delete(m.request);
    if (m.page) waiting?.resolve(m.page);
    else waiting?.reject(new RatchetError("invalid", m.error ?? "no page"));
  }

  #call(m: Extract<FromWorker, { type: "call" }>, generation: number): void {
    this.#options.services.call(m.method, m.args).then(
      (value): ToWorker => ({ type: "reply", call: m.call, value }),
      (e): ToWorker => ({
        type: "reply",
        call: m.call,
        error: {
          kind: e instanceof RatchetError ? e.kind : "internal",
          message: e instanceof Error ? e.message : String(e),
        },
      }),
    ).then((reply) => {
      if (generation === this.#generation) this.post(reply);
    });
  }
}
