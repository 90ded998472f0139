/**
 * The versioned, immutable model store and its names.
 * @module
 */
export * from "./names.ts";
export * from "./atomic_write.ts";
export * from "./model_store.ts";
