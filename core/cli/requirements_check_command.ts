/**
 * `ratchet requirements check`: does a version meet its model's
 * requirements? Exit 0 yes, 1 no, 2 error — for CI and nightly jobs.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { checkRequirements, evaluationInput, loadRequirements } from "../requirements/mod.ts";
import { parseModelRef } from "../store/mod.ts";
import { checkFailed } from "./exit_code.ts";
import { printJson } from "./output.ts";
import { measureVersion, recordedPath, requirementsContext } from "./requirements_context.ts";
import { rootOption } from "./root_option.ts";

/**
 * Builds `requirements check`.
 *
 * @example
 * ```ts
 * import { requirementsCheckCommand } from "./requirements_check_command.ts";
 * const help = requirementsCheckCommand().helpInformation();
 * if (!help.includes("NAME@VERSION")) throw new Error(help);
 * ```
 */
export function requirementsCheckCommand(): Command {
  return new Command("check")
    .description(
      "Evaluate a version and check it against the model's requirements (exit 1 if it fails)",
    )
    .argument("<model>", "NAME (the champion), NAME@VERSION, NAME@champion or NAME@challenger")
    .option("--input <file>", "labelled rows (default: the evaluation sample in requirements.json)")
    .option("--target <column>", "the label column")
    .option("--partition-by <column>", "check per partition (default: as the sample records)")
    .option("--json", "print JSON")
    .addOption(rootOption())
    .addHelpText(
      "after",
      `
Every min, max and range must hold in every partition, and every mean over
partitions. A partition where a metric is undefined (e.g. roc_auc with one
class) is skipped for that metric and listed. Exit codes: 0 all requirements
met, 1 some failed, 2 an error.

Example:
  ratchet requirements check churn@challenger --json`,
    )
    .action(async (ref, opts) => {
      const { name, ref: version } = parseModelRef(ref);
      const ctx = await requirementsContext(opts.root, name);
      const task = ctx.project.store.load(name, version).task;
      const requirements = loadRequirements(ctx.path, { task });
      const input = evaluationInput(ctx.modelDir, requirements, {
        ...(opts.input === undefined ? {} : { input: opts.input }),
        ...(opts.target === undefined ? {} : { target: opts.target }),
        ...(opts.partitionBy === undefined ? {} : { partitionBy: opts.partitionBy }),
      });
      const { model, evaluation } = await measureVersion(ctx, version, input);
      const result = checkRequirements(requirements, evaluation.partitions, task);
      if (!result.passed) checkFailed();
      const source = opts.input === undefined
        ? input.source
        : recordedPath(ctx.project.root, opts.input);
      if (opts.json) {
        return printJson({
          model: name,
          version: model.artifact.version,
          input: source,
          rows: evaluation.overall.rows,
          ...(input.partitionBy === undefined ? {} : { partition_by: input.partitionBy }),
          partitions: evaluation.partitions.length,
          requirements: result,
        });
      }
      const where = `${source}, ${evaluation.overall.rows} rows${
        input.partitionBy
          ? ` in ${evaluation.partitions.length} partitions by ${input.partitionBy}`
          : ""
      }`;
      if (result.checks.length === 0) {
        return console.log(
          `${name} has no thresholds yet: nothing to check (${where}). Set some with \`ratchet requirements ratchet ${name}\``,
        );
      }
      for (const c of result.checks) console.log(`${c.passed ? "pass" : "FAIL"}  ${c.message}`);
      const failed = result.checks.filter((c) => !c.passed).length;
      console.log(
        failed
          ? `${model.label} fails ${failed} of ${result.checks.length} requirements on ${where}`
          : `${model.label} meets all ${result.checks.length} requirements on ${where}`,
      );
    }) as unknown as Command;
}
