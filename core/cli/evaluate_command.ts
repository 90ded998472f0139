/**
 * `ratchet evaluate`: metrics of a model version on a labelled file.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { readTable } from "../table/mod.ts";
import { parseModelRef } from "../store/mod.ts";
import { openProject } from "../project/mod.ts";
import { evaluateTable, summarizePartitions } from "../evaluate/mod.ts";
import { formatTable, printJson } from "./output.ts";
import { rootOption } from "./root_option.ts";

/**
 * Builds the `evaluate` command.
 *
 * @example
 * ```ts
 * import { evaluateCommand } from "./evaluate_command.ts";
 * const help = evaluateCommand().helpInformation();
 * if (!help.includes("--input <file>")) throw new Error(help);
 * ```
 */
export function evaluateCommand(): Command {
  return new Command("evaluate")
    .description(
      "Measure a model version on a labelled file (metrics as scikit-learn defines them)",
    )
    .argument("<model>", "NAME, NAME@VERSION, NAME@champion or NAME@challenger")
    .requiredOption("--input <file>", "labelled rows: .csv, .json, .jsonl, or - for stdin")
    .option("--target <column>", "the label column (default: the model's target name)")
    .option(
      "--partition-by <column>",
      "also measure each partition: rows with the same value in this column (e.g. month)",
    )
    .option("--json", "print JSON")
    .addOption(rootOption())
    .addHelpText(
      "after",
      `
Classifiers: accuracy, precision, recall, f1, roc_auc, log_loss, brier, fpr
(binary: for the positive label; multiclass: macro averages, roc_auc one-vs-rest).
Regression: rmse, mae, r2, mape. A metric that is undefined on this data is
null, with the reason.

With --partition-by, each partition's metrics too, and (in JSON) their
min, mean, max and standard deviation over partitions.

Examples:
  ratchet evaluate churn --input holdout.csv --json
  ratchet evaluate churn --input holdout.csv --partition-by month`,
    )
    .action(async (ref, opts) => {
      const project = await openProject(opts.root);
      const model = project.model(parseModelRef(ref));
      const table = await readTable(opts.input);
      const target = opts.target ?? model.artifact.target.name;
      const { overall, partitions } = evaluateTable(model, table, {
        target,
        ...(opts.partitionBy ? { partitionBy: opts.partitionBy } : {}),
      });
      const result = {
        model: model.artifact.name,
        version: model.artifact.version,
        input: opts.input,
        target,
        rows: overall.rows,
        metrics: overall.values,
        ...(Object.keys(overall.reasons).length ? { undefined: overall.reasons } : {}),
        ...(opts.partitionBy
          ? {
            partition_by: opts.partitionBy,
            partitions: partitions.map((p) => ({
              partition: p.partition,
              rows: p.rows,
              metrics: p.values,
              ...(Object.keys(p.reasons).length ? { undefined: p.reasons } : {}),
            })),
            summary: summarizePartitions(partitions),
          }
          : {}),
      };
      if (opts.json) return printJson(result);
      console.log(`${model.label} on ${opts.input} (${overall.rows} rows, target ${target})`);
      const names = Object.keys(overall.values);
      if (!opts.partitionBy) {
        console.log(formatTable(
          ["metric", "value"],
          names.map((
            k,
          ) => [
            k,
            overall.values[k] === null ? `— (${overall.reasons[k]})` : _fmt(overall.values[k]!),
          ]),
        ));
        return;
      }
      const cell = (
        v: number | null | undefined,
      ) => (v === null || v === undefined ? "—" : _fmt(v));
      console.log(formatTable(
        [opts.partitionBy, "rows", ...names],
        [
          ...partitions.map((p) => [p.partition, p.rows, ...names.map((k) => cell(p.values[k]))]),
          ["all", overall.rows, ...names.map((k) => cell(overall.values[k]))],
        ],
      ));
    }) as unknown as Command;
}

function _fmt(v: number): string {
  return Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(4) : v.toFixed(4);
}
