/**
 * `ratchet data import`: files into a dataset, partition by partition.
 *
 * @module
 */
import { Command, Option } from "@commander-js/extra-typings";
import { resolve } from "node:path";
import { type Grain, GRAINS, importDataset } from "../data/mod.ts";
import { printJson } from "./output.ts";
import { progressBar } from "./progress_bar.ts";
import { rootOption } from "./root_option.ts";

/**
 * Builds `data import`.
 *
 * @example
 * ```ts
 * import { dataImportCommand } from "./data_import_command.ts";
 * const help = dataImportCommand().helpInformation();
 * if (!help.includes("--replace") || !help.includes("quarter")) throw new Error(help);
 * ```
 */
export function dataImportCommand(): Command {
  return new Command("import")
    .description("Import CSV, Parquet, JSON or JSON Lines files into a dataset")
    .argument("<files...>", "input files: .csv, .tsv, .parquet, .json, .jsonl, .ndjson")
    .requiredOption("--dataset <name>", "the dataset: letters, digits, '.', '_', '-'")
    .option("--time <column>", "the time column that partitions rows (required for a new dataset)")
    .addOption(
      new Option("--grain <grain>", "partition by (required for a new dataset)").choices(
        GRAINS as Grain[],
      ),
    )
    .option("--replace", "replace the partitions the files touch, instead of appending to them")
    .option("--json", "print what was imported as JSON")
    .addOption(rootOption())
    .addHelpText(
      "after",
      `
Partition labels: day 2015-03-31, week 2015-W13 (ISO 8601), month 2015-03,
quarter 2015-Q1, year 2015. Every row needs a time. Numbers are stored as
doubles and timestamps in UTC. A later import must have the same columns and
types; differences are refused, listed. By default rows are appended to the
partitions they fall in; --replace swaps those partitions' files for the new
ones. The descriptor changes atomically: readers see the partitions as before
or as after, never half of one.

Examples:
  ratchet data import data/samples/seattle-days.csv --dataset seattle --time date --grain month
  ratchet data import march.parquet --dataset seattle --replace`,
    )
    .action(async (files, opts) => {
      const bar = files.length > 1 ? progressBar("files") : undefined;
      let result;
      try {
        result = await importDataset(resolve(opts.root), files, {
          dataset: opts.dataset,
          ...(opts.time !== undefined ? { time: opts.time } : {}),
          ...(opts.grain !== undefined ? { grain: opts.grain } : {}),
          replace: opts.replace ?? false,
          ...(bar ? { onProgress: (done, total, file) => bar.update(done, total, file) } : {}),
        });
      } finally {
        bar?.stop();
      }
      if (result.cleaned.length) {
        console.error(
          `Removed ${result.cleaned.length} leftover${
            result.cleaned.length === 1 ? "" : "s"
          } of an interrupted import: ${result.cleaned.join(", ")}`,
        );
      }
      if (opts.json) return printJson(result);
      const count = (change: string) => result.partitions.filter((p) => p.change === change).length;
      const labels = result.partitions.map((p) => p.label);
      console.log(
        `Imported ${result.rows} rows into ${result.dataset} (${result.action}): ${labels.length} ` +
          `partition${labels.length === 1 ? "" : "s"} ${labels[0]}${
            labels.length > 1 ? ` … ${labels.at(-1)}` : ""
          } — ${count("new")} new, ${count("appended")} appended, ${count("replaced")} replaced`,
      );
    }) as unknown as Command;
}
