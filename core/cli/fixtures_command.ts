/**
 * `ratchet fixtures …`: regression cases per model — add, list, check, supersede.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { fixturesAddCommand } from "./fixtures_add_command.ts";
import { fixturesListCommand } from "./fixtures_list_command.ts";
import { fixturesCheckCommand } from "./fixtures_check_command.ts";
import { fixturesSupersedeCommand } from "./fixtures_supersede_command.ts";

/**
 * Builds the `fixtures` command group.
 *
 * @example
 * ```ts
 * import { fixturesCommand } from "./fixtures_command.ts";
 * const names = fixturesCommand().commands.map((c) => c.name());
 * if (names.join() !== "add,list,check,supersede") throw new Error(names.join());
 * ```
 */
export function fixturesCommand(): Command {
  const group = new Command("fixtures").description(
    "Regression cases per model: input rows with the output every version must give",
  ).addHelpText(
    "after",
    `
models/<name>/fixtures.jsonl holds one case a line: the input row, what the
model must output (a recorded snapshot, or a contract a person states), a
tolerance, where the row came from and the version it was recorded with.
schema/fixture.schema.json describes a line.

  ratchet fixtures add churn --input row.json --kind outlier --note "…"
  ratchet fixtures list churn
  ratchet fixtures check churn@challenger`,
  );
  for (
    const make of [
      fixturesAddCommand,
      fixturesListCommand,
      fixturesCheckCommand,
      fixturesSupersedeCommand,
    ]
  ) {
    group.addCommand(make());
  }
  return group as unknown as Command;
}
