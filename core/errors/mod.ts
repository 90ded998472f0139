/**
 * Errors that say what failed and how to fix it.
 * @module
 */
export * from "./ratchet_error.ts";
