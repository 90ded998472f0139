/**
 * Notebooks: Markdown files with TypeScript cells, run by a kernel in a Deno
 * worker with marimo-style dataflow, rich outputs, and a headless runner.
 * @module
 */
export * from "./notebook.ts";
export * from "./front_matter.ts";
export * from "./cell_id.ts";
export * from "./edit_cells.ts";
export * from "./markdown_html.ts";
export * from "./analyse_cell.ts";
export * from "./dataflow.ts";
export * from "./cell_output.ts";
export * from "./kernel.ts";
export * from "./kernel_types.ts";
export * from "./worker_permissions.ts";
export * from "./notebook_builtins.ts";
export * from "./notebook_models.ts";
export * from "./notebook_inputs.ts";
export * from "./kernel_services.ts";
export * from "./run_notebook.ts";
export * from "./notebook_html.ts";
