/**
 * `ratchet evaluate`: metrics of a model version on a labelled file.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { readTable } from "../table/mod.ts";
import { parseModelRef } from "../store/mod.ts";
import { openProject } from "../project/mod.ts";
import { encodeTarget } from "../model/mod.ts";
import { createAccumulator } from "../metrics/mod.ts";
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
    .option("--json", "print JSON")
    .addOption(rootOption())
    .addHelpText(
      "after",
      `
Classifiers: accuracy, precision, recall, f1, roc_auc, log_loss, brier, fpr
(binary: for the positive label; multiclass: macro averages, roc_auc one-vs-rest).
Regression: rmse, mae, r2, mape. A metric that is undefined on this data is
null, with the reason.

Example:
  ratchet evaluate churn --input holdout.csv --json`,
    )
    .action(async (ref, opts) => {
      const project = await openProject(opts.root);
      const model = project.model(parseModelRef(ref));
      const table = await readTable(opts.input);
      const targetName = opts.target ?? model.artifact.target.name;
      const y = encodeTarget(table, targetName, model.task, model.labels);
      const outputs = model.predictTable(table);
      const acc = createAccumulator({
        task: model.task,
        classes: model.shape.classes,
        ...(model.positive >= 0 ? { positive: model.positive } : {}),
      });
      acc.add(y, outputs, table.n);
      const report = acc.finish();
      const result = {
        model: model.artifact.name,
        version: model.artifact.version,
        input: opts.input,
        target: targetName,
        rows: report.rows,
        metrics: report.values,
        ...(Object.keys(report.reasons).length ? { undefined: report.reasons } : {}),
      };
      if (opts.json) return printJson(result);
      console.log(`${model.label} on ${opts.input} (${report.rows} rows, target ${targetName})`);
      console.log(formatTable(
        ["metric", "value"],
        Object.entries(report.values).map((
          [k, v],
        ) => [k, v === null ? `— (${report.reasons[k]})` : _fmt(v)]),
      ));
    }) as unknown as Command;
}

function _fmt(v: number): string {
  return Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(4) : v.toFixed(4);
}
