/**
 * `ratchet predict`: ad-hoc predictions for a file of rows.
 *
 * @module
 */
import { Command, Option } from "@commander-js/extra-typings";
import { formatFromPath, readTable, type TableFormat } from "../table/mod.ts";
import { parseModelRef } from "../store/mod.ts";
import { openProject } from "../project/mod.ts";
import { formatPredictions } from "../predict/mod.ts";
import { writeOutput } from "./output.ts";
import { rootOption } from "./root_option.ts";
import { listOption } from "./list_option.ts";

/**
 * Builds the `predict` command.
 *
 * @example
 * ```ts
 * import { predictCommand } from "./predict_command.ts";
 * const help = predictCommand().helpInformation();
 * if (!help.includes("--input <file>")) throw new Error(help);
 * ```
 */
export function predictCommand(): Command {
  return new Command("predict")
    .description("Predict rows from a CSV, JSON or JSON Lines file with a model version")
    .argument(
      "<model>",
      "NAME (the champion, or the latest version), NAME@VERSION, NAME@champion, NAME@challenger",
    )
    .requiredOption("--input <file>", "rows to predict: .csv, .json, .jsonl, or - for stdin")
    .option("--output <file>", "write here (atomically) instead of stdout")
    .addOption(
      new Option(
        "--format <format>",
        "output format (default: from --output's extension, else the input's)",
      ).choices(["csv", "json", "jsonl"] as const),
    )
    .option(
      "--keep <columns>",
      "comma-separated input columns to copy to the output, e.g. id",
      listOption,
    )
    .addOption(rootOption())
    .addHelpText(
      "after",
      `
Columns the model does not use are ignored. An empty CSV cell or a JSON null is
a missing value: the model's imputer fills it, or it is an error naming the row.
CSV output has a column "prediction" and, for classifiers, p_<label> per class.
JSON output is {"prediction": …, "probabilities": {"<label>": p}} per row.

Examples:
  ratchet predict churn --input new_customers.csv --keep id --output scored.csv
  echo '{"tenure": 3, "plan": "basic"}' | ratchet predict churn@2 --input - --format json`,
    )
    .action(async (ref, opts) => {
      const project = await openProject(opts.root);
      const model = project.model(parseModelRef(ref));
      const table = await readTable(opts.input);
      const inputFormat: TableFormat =
        (opts.input === "-" ? undefined : formatFromPath(opts.input)) ??
          (table.textual ? "csv" : "jsonl");
      const format = opts.format ?? (opts.output ? formatFromPath(opts.output) : undefined) ??
        inputFormat;
      const outputs = model.predictTable(table);
      await writeOutput(
        opts.output,
        formatPredictions(model, outputs, table, format, opts.keep ?? []),
      );
    }) as unknown as Command;
}
