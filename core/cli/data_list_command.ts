/**
 * `ratchet data list`: the datasets of a project.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { resolve } from "node:path";
import { listDatasets } from "../data/mod.ts";
import { formatTable, printJson } from "./output.ts";
import { rootOption } from "./root_option.ts";

/**
 * Builds `data list`.
 *
 * @example
 * ```ts
 * import { dataListCommand } from "./data_list_command.ts";
 * if (!dataListCommand().helpInformation().includes("--json")) throw new Error();
 * ```
 */
export function dataListCommand(): Command {
  return new Command("list")
    .description("List datasets: grain, partitions, rows, first and last partition, columns")
    .option("--json", "print JSON")
    .addOption(rootOption())
    .action((opts) => {
      const rows = listDatasets(resolve(opts.root)).map((d) => ({
        name: d.name,
        time: d.time,
        grain: d.grain,
        partitions: d.partitions.length,
        rows: d.partitions.reduce((sum, p) => sum + p.rows, 0),
        first: d.partitions[0]?.label ?? null,
        last: d.partitions.at(-1)?.label ?? null,
        columns: d.columns.length,
      }));
      if (opts.json) return printJson(rows);
      if (rows.length === 0) {
        return console.log(
          "No datasets. Import one with: ratchet data import FILE --dataset NAME --time COLUMN --grain month",
        );
      }
      console.log(formatTable(
        ["dataset", "time", "grain", "partitions", "rows", "first..last", "columns"],
        rows.map((r) => [
          r.name,
          r.time,
          r.grain,
          r.partitions,
          r.rows,
          r.first === null ? null : `${r.first}..${r.last}`,
          r.columns,
        ]),
      ));
    }) as unknown as Command;
}
