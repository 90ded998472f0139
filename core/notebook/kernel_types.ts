/**
 * The kernel's public types: options, cell states, events and commands.
 *
 * @module
 */
import type { CellError, CellOutput, PageRequest } from "./cell_output.ts";
import type { SourceCell } from "./dataflow.ts";
import type { KernelPermissions } from "./worker_permissions.ts";

/** Options of `Kernel.start`. */
export interface KernelOptions {
  /** The project folder (models/, data/). */
  root: string;
  /** A cell's time limit in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Rows a table output carries (default 200); the rest come by `tablePage`. */
  maxRows?: number;
  /**
   * The worker's permissions (default: `sandbox` when Deno's worker options
   * are enabled, else `inherit`, the host's).
   */
  permissions?: KernelPermissions;
  /** Receives every event: forward them to the page. */
  onEvent?: (event: KernelEvent) => void;
}

/**
 * Where a cell is: `idle` never ran (or its source changed), `queued`,
 * `running`, `done`, `error`, or `stale` (it ran, but its values are gone
 * or out of date: re-run to refresh).
 */
export type CellStatus = "idle" | "queued" | "running" | "done" | "error" | "stale";

/** A cell as the kernel sees it. */
export interface CellState {
  /** The cell's id. */
  id: string;
  /** Where it is. */
  status: CellStatus;
  /** Its outputs, in the order shown (`display` calls, then the last expression). */
  outputs: CellOutput[];
  /** Why it failed. */
  error?: CellError;
  /** Its own run time in milliseconds (the worker's clock). */
  ms?: number;
  /** Names it declares for the other cells. */
  declares: string[];
  /** Names it reads from other cells. */
  reads: string[];
}

/** What happened in the kernel. */
export type KernelEvent =
  | {
    /** A cell's status, outputs or error changed. */
    type: "cell";
    /** Its new state. */
    cell: CellState;
  }
  | {
    /** A cell showed an output (sent as it is shown, before the cell ends). */
    type: "output";
    /** The cell. */
    id: string;
    /** The output. */
    output: CellOutput;
  }
  | {
    /** The worker was replaced. */
    type: "restart";
    /** Why. */
    reason: "interrupt" | "timeout" | "crash";
  };

/** The kernel's operations as data (what a server turns requests into). */
export type KernelCommand =
  | {
    /** See `Kernel.sync`. */
    type: "sync";
    /** The cells. */
    cells: SourceCell[];
  }
  | {
    /** See `Kernel.run`. */
    type: "run";
    /** The cells to run. */
    ids: string[];
  }
  | {
    /** See `Kernel.runAll`. */
    type: "run_all";
  }
  | {
    /** See `Kernel.setInput`. */
    type: "set_input";
    /** The cell. */
    id: string;
    /** The input's key (its label). */
    key: string;
    /** The new value. */
    value: unknown;
  }
  | {
    /** See `Kernel.interrupt`. */
    type: "interrupt";
  }
  | ({
    /** See `Kernel.tablePage`. */
    type: "page";
    /** The cell. */
    id: string;
    /** The index of the table among its outputs. */
    output: number;
  } & PageRequest);
