/**
 * The names every cell has in scope without importing anything: `Plot`,
 * `display`, `md`, `html`, `sql`, `models`, `data`, `fixtures`, `backtest`
 * and the inputs `slider`, `select`, `text`. They are made for each run of
 * a cell, so `display` and the inputs belong to that cell even when called
 * later (from a timer, say).
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import { html } from "../report/html.ts";
import type { Project } from "../project/mod.ts";
import { listDatasets, loadDataset } from "../data/mod.ts";
import type { DatasetDescriptor } from "../data/mod.ts";
import type { CellValue, InputOutput, TableColumn } from "./cell_output.ts";
import { notebookInputs } from "./notebook_inputs.ts";
import { notebookModels } from "./notebook_models.ts";
import { withColumns } from "./table_data.ts";
import { Markdown } from "./to_output.ts";

/** The built-in names, for the dataflow graph. */
export const BUILTIN_NAMES: ReadonlySet<string> = new Set([
  "Plot",
  "display",
  "md",
  "html",
  "sql",
  "models",
  "data",
  "fixtures",
  "backtest",
  "slider",
  "select",
  "text",
]);

/** What the built-ins of one run need from the worker. */
export interface RunContext {
  /** The project folder. */
  root: string;
  /** Input values set by the person, by key. */
  inputs: Readonly<Record<string, number | string>>;
  /** Shows a value as an output of the cell. */
  show(value: unknown): void;
  /** Shows an input control. */
  showInput(control: InputOutput): void;
  /** Calls a service of the host (SQL, back-tests, fixtures). */
  call(method: string, args: unknown[]): Promise<unknown>;
  /** The opened project (loaded before the run when the cell reads `models`). */
  project(): Project;
  /** The Plot module (loaded before the run when the cell reads `Plot`). */
  plot(): unknown;
}

/**
 * Makes the built-ins `names` for a run.
 *
 * @example
 * ```ts
 * import { builtins } from "./notebook_builtins.ts";
 * const shown: unknown[] = [];
 * const ctx = { root: ".", inputs: {}, show: (v: unknown) => shown.push(v), showInput: () => {},
 *   call: () => Promise.resolve(), project: () => { throw new Error(); }, plot: () => undefined };
 * const { md, display } = builtins(["md", "display"], ctx) as { md: (s: TemplateStringsArray, ...v: unknown[]) => unknown; display: (v: unknown) => void };
 * display(md`# ${"Hi"}`);
 * if (String(shown[0]) !== "# Hi") throw new Error();
 * ```
 */
export function builtins(names: readonly string[], ctx: RunContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let inputs: ReturnType<typeof notebookInputs> | undefined;
  const input = () => inputs ??= notebookInputs(ctx.inputs, ctx.showInput);
  for (const name of names) {
    switch (name) {
      case "Plot":
        out.Plot = ctx.plot();
        break;
      case "display":
        out.display = (...values: unknown[]) => values.forEach((v) => ctx.show(v));
        break;
      case "md":
        out.md = (strings: TemplateStringsArray, ...values: unknown[]) =>
          new Markdown(String.raw({ raw: strings }, ...values.map(String)));
        break;
      case "html":
        out.html = html;
        break;
      case "sql":
        out.sql = (strings: TemplateStringsArray, ...values: unknown[]) =>
          _sql(ctx, strings, values);
        break;
      case "models":
        out.models = notebookModels(ctx.project());
        break;
      case "data":
        out.data = {
          list: (): DatasetDescriptor[] => listDatasets(ctx.root),
          get: (name: string): DatasetDescriptor => loadDataset(ctx.root, name),
        };
        break;
      case "fixtures":
        out.fixtures = {
          list: (model: string) => ctx.call("fixtures.list", [model]),
          add: (
            model: string,
            row: Record<string, unknown>,
            options: Record<string, unknown> = {},
          ) => ctx.call("fixtures.add", [model, row, options]),
        };
        break;
      case "backtest":
        out.backtest = (model: string, dataset: string, options: Record<string, unknown> = {}) =>
          ctx.call("backtest", [model, dataset, options]);
        break;
      case "slider":
        out.slider = (o?: Parameters<ReturnType<typeof notebookInputs>["slider"]>[0]) =>
          input().slider(o);
        break;
      case "select":
        out.select = (o: Parameters<ReturnType<typeof notebookInputs>["select"]>[0]) =>
          input().select(o);
        break;
      case "text":
        out.text = (o?: Parameters<ReturnType<typeof notebookInputs>["text"]>[0]) =>
          input().text(o);
        break;
    }
  }
  return out;
}

async function _sql(
  ctx: RunContext,
  strings: TemplateStringsArray,
  values: unknown[],
): Promise<Record<string, CellValue>[]> {
  if (!Array.isArray(strings) || !("raw" in strings)) {
    throw invalid(
      "sql is a template tag: write sql`select * from seattle where precipitation > ${x}`",
    );
  }
  let query = strings[0]!;
  const params = values.map((v, k) => {
    query += `$${k + 1}` + strings[k + 1]!;
    return _param(v, k);
  });
  const result = await ctx.call("sql", [query, params]) as {
    columns: TableColumn[];
    rows: CellValue[][];
  };
  const rows = result.rows.map((r) =>
    Object.fromEntries(result.columns.map((c, j) => [c.name, r[j]!]))
  );
  return withColumns(rows, result.columns);
}

function _param(v: unknown, k: number): CellValue {
  if (v === null || typeof v === "number" || typeof v === "string" || typeof v === "boolean") {
    return v;
  }
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Date) return v.toISOString();
  throw invalid(
    `sql parameter ${k + 1} is ${
      Array.isArray(v) ? "an array" : typeof v
    }: a parameter is a number, string, boolean, date or null ` +
      "(for a list, write one parameter per value, or filter in TypeScript)",
  );
}
