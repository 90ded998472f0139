/**
 * `ratchet requirements ratchet`: re-measure the champion and move
 * thresholds up to its baseline less a margin, never down.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { invalid } from "../errors/mod.ts";
import {
  baselineShortfalls,
  DEFAULT_MARGIN,
  describeChange,
  evaluationInput,
  loadRequirements,
  measureBaseline,
  ratchetRequirements,
  saveRequirements,
} from "../requirements/mod.ts";
import { measureVersion, recordedPath, requirementsContext } from "./requirements_context.ts";
import { rootOption } from "./root_option.ts";

/**
 * Builds `requirements ratchet`.
 *
 * @example
 * ```ts
 * import { requirementsRatchetCommand } from "./requirements_ratchet_command.ts";
 * const help = requirementsRatchetCommand().helpInformation();
 * if (!help.includes("--margin <x>")) throw new Error(help);
 * ```
 */
export function requirementsRatchetCommand(): Command {
  return new Command("ratchet")
    .description(
      "Re-measure the champion and raise thresholds to its baseline less a margin; never lowers one",
    )
    .argument("<name>", "model name (its champion is measured)")
    .option(
      "--margin <x>",
      `slack below the baseline, absolute in metric units (default ${DEFAULT_MARGIN})`,
    )
    .option("--input <file>", "labelled rows (default: the evaluation sample in requirements.json)")
    .option("--target <column>", "the label column")
    .option("--partition-by <column>", "measure per partition (default: as the sample records)")
    .option("--reason <text>", "why (default: names the champion version and the margin)")
    .addOption(rootOption())
    .addHelpText(
      "after",
      `
Every metric with a min (max where lower is better) or mean threshold, and the
primary metric, moves to the champion's worst partition (min/max) or mean over
partitions, less the margin (plus it where lower is better), wherever that is
stricter. Ranges are left alone. The baseline is replaced and the change
recorded; when nothing moves, nothing is written.

Example:
  ratchet requirements ratchet churn --margin 0.02`,
    )
    .action(async (name, opts) => {
      const ctx = await requirementsContext(opts.root, name);
      const margin = opts.margin === undefined ? DEFAULT_MARGIN : Number(opts.margin);
      if (
        opts.margin !== undefined &&
        (opts.margin.trim() === "" || !(margin >= 0) || !Number.isFinite(margin))
      ) {
        throw invalid(`Invalid --margin ${opts.margin}: expected a number ≥ 0, in metric units`);
      }
      const task = ctx.project.store.load(name).task;
      const current = loadRequirements(ctx.path, { task });
      const input = evaluationInput(ctx.modelDir, current, {
        ...(opts.input === undefined ? {} : { input: opts.input }),
        ...(opts.target === undefined ? {} : { target: opts.target }),
        ...(opts.partitionBy === undefined ? {} : { partitionBy: opts.partitionBy }),
      });
      const { model, evaluation } = await measureVersion(ctx, undefined, input);
      const baseline = measureBaseline(model, evaluation, {
        source: opts.input === undefined
          ? input.source
          : recordedPath(ctx.project.root, opts.input),
        ...(input.partitionBy === undefined ? {} : { partitionBy: input.partitionBy }),
      });
      const result = ratchetRequirements(current, baseline, {
        margin,
        ...(opts.reason ? { reason: opts.reason } : {}),
        ...(ctx.by ? { by: ctx.by } : {}),
      });
      for (const s of result.skipped) console.error(`warning: ${s.metric} left as is: ${s.reason}`);
      const measured =
        `${model.label} on ${baseline.data.source} (${baseline.data.rows} rows, ${baseline.data.partitions} partition${
          baseline.data.partitions === 1 ? "" : "s"
        })`;
      if (!result.entry) {
        console.log(
          `Nothing moved: every threshold is already at least as strict as ${measured} less ${margin}; ` +
            "requirements.json unchanged",
        );
      } else {
        saveRequirements(ctx.path, result.requirements, { task });
        console.log(`Ratcheted to ${measured}, margin ${margin}:`);
        for (const c of result.entry.changes) console.log(`  ${describeChange(c)}`);
      }
      for (const s of baselineShortfalls({ ...result.requirements, baseline })) {
        console.error(`warning: ${model.label} fails ${s.message}`);
      }
    }) as unknown as Command;
}
