/**
 * The workbench web app.
 * @module
 */
export * from "./create_app.ts";
export * from "./security.ts";
export * from "./model_status.ts";
