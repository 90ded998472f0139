/**
 * `ratchet requirements …`: performance requirements as code, per model.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { requirementsCheckCommand } from "./requirements_check_command.ts";
import { requirementsInitCommand } from "./requirements_init_command.ts";
import { requirementsRatchetCommand } from "./requirements_ratchet_command.ts";
import { requirementsSetCommand } from "./requirements_set_command.ts";
import { requirementsShowCommand } from "./requirements_show_command.ts";

/**
 * Builds the `requirements` command group.
 *
 * @example
 * ```ts
 * import { requirementsCommand } from "./requirements_command.ts";
 * const names = requirementsCommand().commands.map((c) => c.name());
 * if (names.join() !== "show,init,set,ratchet,check") throw new Error(names.join());
 * ```
 */
export function requirementsCommand(): Command {
  const group = new Command("requirements").description(
    "Performance requirements per model: thresholds, the champion's baseline, and their history",
  ).addHelpText(
    "after",
    `
models/<name>/requirements.json holds, per metric, a min (max where lower is
better) every partition must meet, a mean over partitions, and a range. They
start from a baseline measured on the champion and only ratchet upward;
lowering one takes \`set --reason\` and is recorded as a lowering.

  ratchet requirements init churn --input holdout.csv --partition-by month --sample
  ratchet requirements ratchet churn
  ratchet requirements check churn@challenger`,
  );
  for (
    const make of [
      requirementsShowCommand,
      requirementsInitCommand,
      requirementsSetCommand,
      requirementsRatchetCommand,
      requirementsCheckCommand,
    ]
  ) {
    group.addCommand(make());
  }
  return group as unknown as Command;
}
