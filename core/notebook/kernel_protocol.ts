/**
 * The messages between the kernel (in the host) and its worker. The worker
 * executes; the host owns the notebook, the dataflow and the clock.
 *
 * @module
 */
import type { CellError, CellOutput, PageRequest, TablePage } from "./cell_output.ts";

/** Host → worker: what to do. */
export type ToWorker =
  | {
    /** Open the project and get ready. */
    type: "init";
    /** The project folder. */
    root: string;
    /** Rows sent in a table output. */
    maxRows: number;
  }
  | {
    /** Run a cell. */
    type: "run";
    /** A number unique to this run. */
    run: number;
    /** The cell's id. */
    id: string;
    /** The cell compiled as a module (see `cellModule`). */
    code: string;
    /** Offsets that map module positions back to the cell's (see `cellModule`). */
    map: ModuleMap;
    /** Names it reads from other cells, each with the id of the cell declaring it. */
    from: Record<string, string>;
    /** Built-in names it reads. */
    builtins: string[];
    /** Current values of its inputs, by key. */
    inputs: Record<string, number | string>;
  }
  | {
    /** Drop the values of cells that are gone or about to re-run. */
    type: "forget";
    /** Their ids. */
    ids: string[];
  }
  | {
    /** Send a page of a table output. */
    type: "page";
    /** A number to match the answer with. */
    request: number;
    /** The cell. */
    id: string;
    /** The index of the output among the cell's outputs. */
    output: number;
    /** Which rows. */
    page: PageRequest;
  }
  | {
    /** The answer to a worker's call of a host service. */
    type: "reply";
    /** The call's number. */
    call: number;
    /** The result, when it worked. */
    value?: unknown;
    /** The error, when it did not. */
    error?: { kind: string; message: string };
  };

/** Worker → host. */
export type FromWorker =
  | {
    /** The project is open. */
    type: "ready";
  }
  | {
    /** An output of the running cell. */
    type: "output";
    /** The run. */
    run: number;
    /** The output. */
    output: CellOutput;
  }
  | {
    /** The run ended. */
    type: "done";
    /** The run. */
    run: number;
    /** Why it failed, if it did. */
    error?: CellError;
    /** The cell's own time, in milliseconds. */
    ms: number;
  }
  | {
    /** The answer to a `page` request. */
    type: "page";
    /** The request's number. */
    request: number;
    /** The page, or why there is none. */
    page?: TablePage;
    /** Why there is no page. */
    error?: string;
  }
  | {
    /** A call of a host service (SQL, back-tests, writing fixtures). */
    type: "call";
    /** A number to match the reply with. */
    call: number;
    /** The service. */
    method: string;
    /** Its arguments. */
    args: unknown[];
  };

/** Where the cell's code sits in its module. */
export interface ModuleMap {
  /** Lines the module has before the cell's first line. */
  lines: number;
  /** The cell line (1-based) holding the start of the wrapped output expression, or 0. */
  outputLine: number;
  /** The column (1-based) where the output expression starts on that line. */
  outputColumn: number;
  /** Characters inserted before the output expression. */
  outputShift: number;
}
