/**
 * The DuckDB engine, loaded on first use: `main.ts --help` and `predict`
 * never load the native library. One in-memory instance per process, using
 * every core, with timestamps read in UTC and no extension downloads (the
 * Parquet and JSON readers are built in).
 *
 * @module
 */
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";

let _instance: Promise<DuckDBInstance> | undefined;
let _shared: Promise<DuckDBConnection> | undefined;

/**
 * The process's DuckDB instance, created on first call.
 *
 * @example
 * ```ts
 * import { duckdbInstance } from "./duckdb.ts";
 * const a = await duckdbInstance();
 * if (a !== await duckdbInstance()) throw new Error("not shared");
 * ```
 */
export function duckdbInstance(): Promise<DuckDBInstance> {
  _instance ??= (async () => {
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const instance = await DuckDBInstance.create(":memory:", {
      threads: String(navigator.hardwareConcurrency),
      autoinstall_known_extensions: "false",
    });
    const setup = await instance.connect();
    try {
      await setup.run("SET GLOBAL TimeZone = 'UTC'"); // needs ICU loaded, so not a create option
    } finally {
      setup.disconnectSync();
    }
    return instance;
  })().catch((e) => {
    _instance = undefined;
    throw e;
  });
  return _instance;
}

/**
 * The shared connection to the process's DuckDB instance. A connection runs
 * one streaming query at a time, so code that streams while other queries
 * may run (e.g. `scanPartition`) opens its own with
 * {@linkcode connectDuckdb}.
 *
 * @example
 * ```ts
 * import { duckdb } from "./duckdb.ts";
 * const db = await duckdb();
 * const rows = (await db.runAndReadAll("SELECT 6 * 7 AS answer")).getRowObjectsJson();
 * if (rows[0]?.answer !== 42) throw new Error(JSON.stringify(rows));
 * ```
 */
export function duckdb(): Promise<DuckDBConnection> {
  _shared ??= connectDuckdb().catch((e) => {
    _shared = undefined;
    throw e;
  });
  return _shared;
}

/**
 * A new connection to the process's DuckDB instance; close it with
 * `disconnectSync()` when done.
 *
 * @example
 * ```ts
 * import { connectDuckdb } from "./duckdb.ts";
 * const db = await connectDuckdb();
 * try {
 *   const tz = (await db.runAndReadAll("SELECT current_setting('TimeZone') AS tz")).getRowObjectsJson();
 *   if (tz[0]?.tz !== "UTC") throw new Error(JSON.stringify(tz));
 * } finally {
 *   db.disconnectSync();
 * }
 * ```
 */
export async function connectDuckdb(): Promise<DuckDBConnection> {
  return await (await duckdbInstance()).connect();
}

/**
 * Closes this thread's engine if it was started (a worker's last step):
 * nothing is started just to be closed. A later {@linkcode duckdbInstance}
 * starts a new one.
 *
 * @example
 * ```ts
 * import { closeDuckdb, duckdb, duckdbInstance } from "./duckdb.ts";
 * await closeDuckdb(); // none started: nothing to do
 * const first = await duckdbInstance();
 * await duckdb();
 * await closeDuckdb();
 * if ((await duckdbInstance()) === first) throw new Error("closed, so a new engine starts");
 * await closeDuckdb();
 * ```
 */
export async function closeDuckdb(): Promise<void> {
  const instance = _instance;
  _instance = undefined;
  _shared = undefined;
  if (instance) (await instance.catch(() => null))?.closeSync();
}
