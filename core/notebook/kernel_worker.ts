/**
 * The kernel's worker: it runs cells, one at a time, each as a TypeScript
 * module (Deno strips the types), keeps the values they declare, and sends
 * their outputs. It knows nothing of the notebook or the dataflow: the host
 * says what to run, with which names from which cells.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import type { Project } from "../project/mod.ts";
import type { CellOutput, InputOutput } from "./cell_output.ts";
import { cellError, type CellModuleInfo } from "./cell_error.ts";
import { CELL_HANDLE } from "./cell_module.ts";
import type { FromWorker, ToWorker } from "./kernel_protocol.ts";
import { builtins, type RunContext } from "./notebook_builtins.ts";
import { type TableData, tablePage } from "./table_data.ts";
import { toOutput } from "./to_output.ts";

type _Run = Extract<ToWorker, { type: "run" }>;

let root = ".";
let maxRows = 200;
let project: Promise<Project> | undefined;
let plot: unknown;
let lastRun: { run: number; id: string; count: number } | undefined;
const values = new Map<string, Record<string, unknown>>();
const tables = new Map<string, TableData>();
const modules = new Map<string, CellModuleInfo>();
const calls = new Map<number, PromiseWithResolvers<unknown>>();
let nextCall = 1;
let openedProject: Project | undefined;

const post = (m: FromWorker) => self.postMessage(m);

function _emit(run: { run: number; id: string; count: number }, value: unknown): void {
  let shown;
  try {
    shown = toOutput(value, maxRows);
  } catch (e) {
    shown = { output: { type: "text", text: `(could not show this value: ${e})` } as CellOutput };
  }
  if (shown) _send(run, shown.output, shown.table);
}

function _send(
  run: { run: number; id: string; count: number },
  output: CellOutput,
  table?: TableData,
): void {
  if (table) tables.set(`${run.id}:${run.count}`, table);
  run.count++;
  post({ type: "output", run: run.run, output });
}

function _call(method: string, args: unknown[]): Promise<unknown> {
  const call = nextCall++;
  const waiting = Promise.withResolvers<unknown>();
  calls.set(call, waiting);
  post({ type: "call", call, method, args });
  return waiting.promise;
}

async function _prepare(names: readonly string[]): Promise<void> {
  if (names.includes("Plot") && plot === undefined) {
    const [Plot, { parseHTML }] = await Promise.all([
      import("@observablehq/plot"),
      import("linkedom"),
    ]);
    const { window } = parseHTML("<!doctype html><html><head></head><body></body></html>");
    // Plot draws into `window.document` when a plot is not given one.
    (globalThis as { window?: unknown }).window = window;
    plot = Plot;
  }
  if (names.includes("models")) {
    openedProject = await (project ??= import("../project/mod.ts").then((m) =>
      m.openProject(root)
    ));
  }
}

async function _run(m: _Run): Promise<void> {
  for (const key of [...tables.keys()]) if (key.startsWith(`${m.id}:`)) tables.delete(key);
  values.delete(m.id);
  const run = { run: m.run, id: m.id, count: 0 };
  lastRun = run;
  const started = performance.now();
  try {
    await _prepare(m.builtins);
    const ctx: RunContext = {
      root,
      inputs: m.inputs,
      show: (v) => _emit(run, v),
      showInput: (control: InputOutput) => _send(run, control),
      call: _call,
      project: () => openedProject!,
      plot: () => plot,
    };
    const scope: Record<string, unknown> = builtins(m.builtins, ctx);
    for (const [name, id] of Object.entries(m.from)) scope[name] = values.get(id)?.[name];
    const handle = {
      scope,
      out: (...v: unknown[]) => _emit(run, v[v.length - 1]),
      define: (declared: Record<string, unknown>) => values.set(m.id, declared),
    };
    (globalThis as Record<string, unknown>)[CELL_HANDLE] = () => handle;
    const url = URL.createObjectURL(new Blob([m.code], { type: "application/typescript" }));
    modules.set(url, { id: m.id, map: m.map });
    try {
      await import(url);
    } finally {
      URL.revokeObjectURL(url);
    }
    post({ type: "done", run: m.run, ms: performance.now() - started });
  } catch (e) {
    post({
      type: "done",
      run: m.run,
      ms: performance.now() - started,
      error: cellError(e, m.id, modules),
    });
  }
}

function _console(level: "log" | "warn" | "error") {
  return (...args: unknown[]) => {
    if (!lastRun) return;
    const text = args.map((a) =>
      typeof a === "string" ? a : Deno.inspect(a, { colors: false, depth: 4 })
    )
      .join(" ");
    _send(lastRun, { type: "log", level, text });
  };
}

function _stray(e: Event, error: unknown): void {
  // An error after its cell finished (a timer, a promise nobody awaited) must not end the worker.
  e.preventDefault();
  if (!lastRun) return;
  const err = cellError(error, lastRun.id, modules);
  _send(lastRun, { type: "log", level: "error", text: `Uncaught ${err.stack}` });
}

function _start(): void {
  console.log = console.info = console.debug = _console("log");
  console.warn = _console("warn");
  console.error = _console("error");
  self.addEventListener("error", (e) => _stray(e, (e as ErrorEvent).error));
  self.addEventListener(
    "unhandledrejection",
    (e) => _stray(e, (e as PromiseRejectionEvent).reason),
  );
  let queue = Promise.resolve();
  self.onmessage = (event: MessageEvent<ToWorker>) => {
    const m = event.data;
    switch (m.type) {
      case "init":
        root = m.root;
        maxRows = m.maxRows;
        post({ type: "ready" });
        break;
      case "run":
        queue = queue.then(() => _run(m));
        break;
      case "forget":
        for (const id of m.ids) values.delete(id);
        break;
      case "page": {
        const t = tables.get(`${m.id}:${m.output}`);
        try {
          if (!t) {
            throw new Error(
              `Output ${m.output} of cell ${m.id} is not a table (or the cell ran again)`,
            );
          }
          post({ type: "page", request: m.request, page: tablePage(t, m.page) });
        } catch (e) {
          post({
            type: "page",
            request: m.request,
            error: e instanceof Error ? e.message : String(e),
          });
        }
        break;
      }
      case "reply": {
        const waiting = calls.get(m.call);
        calls.delete(m.call);
        if (m.error) {
          const err = new Error(m.error.message);
          err.name = m.error.kind === "internal" ? "Error" : "RatchetError";
          waiting?.reject(err);
        } else waiting?.resolve(m.value);
        break;
      }
    }
  };
}

_start();
