/**
 * The workbench web app: `createApp(deps)`, its security guard, where it
 * listens, the notebook sessions it keeps, and a way to start it in a child
 * process.
 * @module
 */
export * from "./create_app.ts";
export * from "./security.ts";
export * from "./listen_address.ts";
export * from "./model_status.ts";
export * from "./export_routes.ts";
export * from "./notebook_sessions.ts";
export * from "./cell_view.ts";
export * from "./workbench_process.ts";
export type { Markup } from "./layout.ts";
