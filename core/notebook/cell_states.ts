/**
 * The mutable side of a kernel: each cell's status, outputs and error, its
 * input controls and the values set on them. Every change is reported as a
 * `cell` event.
 *
 * @module
 */
import type { CellError, CellOutput, InputOutput } from "./cell_output.ts";
import type { Dataflow } from "./dataflow.ts";
import type { CellState, CellStatus, KernelEvent } from "./kernel_types.ts";

/** How a run of a cell ended. */
export interface RunEnd {
  /** Why it failed, if it did. */
  error?: CellError;
  /** The cell's own time in milliseconds. */
  ms: number;
}

/**
 * The states of a notebook's cells.
 *
 * @example
 * ```ts
 * import { CellStates } from "./cell_states.ts";
 * import { Dataflow } from "./dataflow.ts";
 * const events: unknown[] = [];
 * const states = new CellStates((e) => events.push(e));
 * const flow = new Dataflow([{ id: "a", source: "1" }], new Set());
 * states.sync(new Dataflow([], new Set()), flow);
 * states.finish("a", { ms: 1 });
 * if (states.status("a") !== "done" || events.length !== 2) throw new Error();
 * ```
 */
export class CellStates {
  readonly #states = new Map<string, CellState>();
  readonly #inputs = new Map<string, Record<string, number | string>>();
  readonly #controls = new Map<string, Map<string, InputOutput>>();
  readonly #emit: (e: KernelEvent) => void;

  /** States that report to `emit`. */
  constructor(emit: (e: KernelEvent) => void) {
    this.#emit = emit;
  }

  /**
   * Follows the cells from graph `before` to graph `after`: new cells are
   * idle (or in error when the graph finds a problem), gone cells are
   * dropped and the cells that read from them become stale. Returns the ids
   * of the gone cells.
   */
  sync(before: Dataflow, after: Dataflow): string[] {
    const gone = before.cells.filter((c) => !after.get(c.id)).map((c) => c.id);
    for (const id of gone) {
      for (const child of before.children(id)) this.mark(child, "stale");
      this.#states.delete(id);
      this.#inputs.delete(id);
      this.#controls.delete(id);
    }
    for (const c of after.cells) {
      let state = this.#states.get(c.id);
      if (!state) {
        state = { id: c.id, status: "idle", outputs: [], declares: [], reads: [] };
        this.#states.set(c.id, state);
      }
      Object.assign(state, { declares: c.analysis.declares, reads: c.reads });
      if (c.problem) {
        Object.assign(state, {
          status: "error",
          error: { name: "NotebookError", message: c.problem, stack: "" },
        });
      } else if (state.error?.name === "NotebookError") {
        delete state.error;
        state.status = "idle";
      }
      this.#changed(c.id);
    }
    return gone;
  }

  /** A copy of a cell's state. */
  snapshot(id: string): CellState {
    const s = this.#states.get(id)!;
    return { ...s, outputs: [...s.outputs] };
  }

  /** A cell's status (undefined for an unknown cell). */
  status(id: string): CellStatus | undefined {
    return this.#states.get(id)?.status;
  }

  /** Sets a cell's status (a cell that never ran does not become stale). */
  mark(id: string, status: CellStatus): void {
    const state = this.#states.get(id);
    if (!state || (status === "stale" && state.status === "idle")) return;
    state.status = status;
    this.#changed(id);
  }

  /** Every cell that is done becomes stale (its values are gone). */
  staleAll(): void {
    for (const [id, state] of this.#states) if (state.status === "done") this.mark(id, "stale");
  }

  /** A cell starts running: its outputs and controls are cleared. */
  start(id: string): void {
    const state = this.#states.get(id)!;
    Object.assign(state, { status: "running", outputs: [] });
    delete state.error;
    this.#controls.delete(id);
    this.#changed(id);
  }

  /** A cell showed an output. */
  output(id: string, output: CellOutput): void {
    const state = this.#states.get(id);
    if (!state) return;
    state.outputs.push(output);
    if (output.type === "input") {
      const controls = this.#controls.get(id) ?? new Map<string, InputOutput>();
      controls.set(output.key, output);
      this.#controls.set(id, controls);
    }
    this.#emit({ type: "output", id, output });
  }

  /** A cell's run ended. */
  finish(id: string, end: RunEnd): void {
    const state = this.#states.get(id);
    if (!state) return;
    state.status = end.error ? "error" : "done";
    state.ms = end.ms;
    if (end.error) state.error = end.error;
    else delete state.error;
    this.#changed(id);
  }

  /** The control `key` of a cell, as last shown. */
  control(id: string, key: string): InputOutput | undefined {
    return this.#controls.get(id)?.get(key);
  }

  /** The values set on a cell's inputs. */
  inputs(id: string): Record<string, number | string> {
    return this.#inputs.get(id) ?? {};
  }

  /** Sets the value of input `key` of a cell. */
  setInput(id: string, key: string, value: number | string): void {
    this.#inputs.set(id, { ...this.inputs(id), [key]: value });
  }

  #changed(id: string): void {
    this.#emit({ type: "cell", cell: this.snapshot(id) });
  }
}
