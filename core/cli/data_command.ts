/**
 * `ratchet data …`: datasets of Hive-partitioned Parquet — import, list, show.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { dataImportCommand } from "./data_import_command.ts";
import { dataListCommand } from "./data_list_command.ts";
import { dataShowCommand } from "./data_show_command.ts";

/**
 * Builds the `data` command group.
 *
 * @example
 * ```ts
 * import { dataCommand } from "./data_command.ts";
 * const names = dataCommand().commands.map((c) => c.name());
 * if (names.join() !== "import,list,show") throw new Error(names.join());
 * ```
 */
export function dataCommand(): Command {
  const group = new Command("data").description(
    "Datasets for back-tests: import files as partitioned Parquet, list and inspect them",
  ).addHelpText(
    "after",
    `
data/<name>/ holds one folder per partition (month=2015-03/part-<uuid>.parquet)
and dataset.json, which names the time column, the grain, the schema and the
files of each partition; readers read those files and nothing else, so an
import appears all at once or not at all. schema/dataset.schema.json
describes dataset.json.

  ratchet data import data/samples/seattle-days.csv --dataset seattle --time date --grain month
  ratchet data list
  ratchet data show seattle`,
  );
  for (const make of [dataImportCommand, dataListCommand, dataShowCommand]) {
    group.addCommand(make());
  }
  return group as unknown as Command;
}
