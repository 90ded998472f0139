/**
 * DuckDB's C library called directly through Deno's FFI, for the one path
 * where node-api's object layer is the bottleneck: copying a scan's numeric
 * vectors into batches. Through node-api every chunk costs an asynchronous
 * hop and every vector a fresh `ArrayBuffer`; here a chunk is fetched with a
 * plain call and each vector is copied once, straight into a reused array.
 *
 * It is the very library `@duckdb/node-api` loads (its platform package's
 * `libduckdb`), found through node-api's own dependency. Where it cannot be
 * found or loaded (another platform layout, no `--allow-ffi`), callers keep
 * to node-api: {@linkcode duckdbNativeLibrary} gives null.
 *
 * @module
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const _RESULT = { struct: ["u64", "u64", "u64", "pointer", "pointer", "pointer"] } as const;

/** The C functions used, as Deno FFI declares them. */
const _SYMBOLS = {
  duckdb_open: { parameters: ["buffer", "buffer"], result: "i32" },
  duckdb_close: { parameters: ["buffer"], result: "void" },
  duckdb_connect: { parameters: ["pointer", "buffer"], result: "i32" },
  duckdb_disconnect: { parameters: ["buffer"], result: "void" },
  duckdb_interrupt: { parameters: ["pointer"], result: "void" },
  duckdb_query: { parameters: ["pointer", "buffer", "buffer"], result: "i32" },
  duckdb_prepare: { parameters: ["pointer", "buffer", "buffer"], result: "i32" },
  duckdb_prepare_error: { parameters: ["pointer"], result: "pointer" },
  duckdb_destroy_prepare: { parameters: ["buffer"], result: "void" },
  duckdb_execute_prepared_streaming: { parameters: ["pointer", "buffer"], result: "i32" },
  duckdb_result_error: { parameters: ["buffer"], result: "pointer" },
  duckdb_destroy_result: { parameters: ["buffer"], result: "void" },
  duckdb_column_count: { parameters: ["buffer"], result: "u64" },
  duckdb_column_type: { parameters: ["buffer", "u64"], result: "i32" },
  duckdb_fetch_chunk: { parameters: [_RESULT], result: "pointer" },
  duckdb_destroy_data_chunk: { parameters: ["buffer"], result: "void" },
  duckdb_data_chunk_get_size: { parameters: ["pointer"], result: "u64" },
  duckdb_data_chunk_get_vector: { parameters: ["pointer", "u64"], result: "pointer" },
  duckdb_vector_get_data: { parameters: ["pointer"], result: "pointer" },
  duckdb_vector_get_validity: { parameters: ["pointer"], result: "pointer" },
  duckdb_vector_size: { parameters: [], result: "u64" },
} as const;

/** The loaded library's functions. */
export type DuckDBNativeSymbols = Deno.DynamicLibrary<typeof _SYMBOLS>["symbols"];

/** Bytes of a `duckdb_result` (six 8-byte fields). */
export const NATIVE_RESULT_BYTES = 48;

/** DuckDB's type ids (`duckdb_type`) that scans read natively. */
export const NATIVE_TYPE = { INTEGER: 4, DOUBLE: 11, TIMESTAMP: 12, DATE: 13 } as const;

let _library: DuckDBNativeSymbols | null | undefined;

/**
 * The library's functions, loaded on first call; null where it cannot be
 * (then node-api serves). Set `RATCHET_DUCKDB_FFI=0` to never use it.
 *
 * @example
 * ```ts
 * import { duckdbNativeLibrary } from "./duckdb_native_library.ts";
 * const lib = duckdbNativeLibrary();
 * if (lib !== null && lib.duckdb_vector_size() !== 2048n) throw new Error("vector size");
 * ```
 */
export function duckdbNativeLibrary(): DuckDBNativeSymbols | null {
  if (_library === undefined) _library = _load();
  return _library;
}

function _load(): DuckDBNativeSymbols | null {
  try {
    if (Deno.env.get("RATCHET_DUCKDB_FFI") === "0") return null;
    if (Deno.permissions.querySync({ name: "ffi" }).state !== "granted") return null;
    const path = _libraryPath();
    return path === null ? null : Deno.dlopen(path, _SYMBOLS).symbols;
  } catch {
    return null; // a layout or platform this does not know: node-api serves
  }
}

/** Where node-api's platform package keeps `libduckdb`, or null. */
function _libraryPath(): string | null {
  const file = { linux: "libduckdb.so", darwin: "libduckdb.dylib", windows: "duckdb.dll" }[
    Deno.build.os as string
  ];
  const arch = { x86_64: "x64", aarch64: "arm64" }[Deno.build.arch as string];
  const platform = { linux: "linux", darwin: "darwin", windows: "win32" }[Deno.build.os as string];
  if (!file || !arch || !platform) return null;
  const api = createRequire(import.meta.resolve("@duckdb/node-api"));
  const bindings = createRequire(api.resolve("@duckdb/node-bindings"));
  const node = bindings.resolve(`@duckdb/node-bindings-${platform}-${arch}/duckdb.node`);
  const path = join(dirname(node), file);
  return Deno.statSync(path).isFile ? path : null;
}
