/**
 * The command line.
 * @module
 */
export * from "./cli.ts";
