/**
 * Opening a project folder.
 * @module
 */
export * from "./project.ts";
