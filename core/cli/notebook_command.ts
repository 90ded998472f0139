/**
 * `ratchet notebook run`: runs a notebook headlessly, optionally rendering
 * it to a static HTML page.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { invalid } from "../errors/mod.ts";
import { writeOutput } from "./output.ts";
import { rootOption } from "./root_option.ts";
import { checkFailed } from "./exit_code.ts";

/**
 * Builds the `notebook` command and its `run` subcommand.
 *
 * @example
 * ```ts
 * import { notebookCommand } from "./notebook_command.ts";
 * const cmd = notebookCommand();
 * if (cmd.name() !== "notebook" || cmd.commands[0]?.name() !== "run") throw new Error();
 * ```
 */
export function notebookCommand(): Command {
  const run = new Command("run")
    .description(
      "Run every cell of a notebook headlessly; exit 1 naming FILE:LINE when a cell throws",
    )
    .argument("<file>", "the notebook, e.g. notebooks/explore-rain.md")
    .option("--html <file>", "write the notebook with its outputs as a self-contained HTML page")
    .option(
      "--timeout <seconds>",
      "time limit of a cell (default: the front matter's timeout, else 30)",
    )
    .addOption(rootOption())
    .addHelpText(
      "after",
      `
Cells run in dataflow order in a fresh kernel (a Deno worker), inputs at their
first values. Exit codes: 0 every cell ran, 1 a cell threw (each failure is
printed as FILE:LINE: error), 2 an error (no such file, bad front matter).

Example:
  ratchet notebook run notebooks/explore-rain.md --html reports/explore-rain.html`,
    )
    .action(async (file, opts) => {
      const timeoutMs = opts.timeout === undefined ? undefined : Number(opts.timeout) * 1000;
      if (timeoutMs !== undefined && !(timeoutMs > 0)) {
        throw invalid(`invalid --timeout: ${opts.timeout} (expected a number of seconds > 0)`);
      }
      const { notebookFailures, renderNotebookHtml, runNotebook } = await import(
        "../notebook/mod.ts"
      );
      const result = await runNotebook(file, {
        root: opts.root,
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      });
      if (opts.html !== undefined) await writeOutput(opts.html, renderNotebookHtml(result));
      const failures = notebookFailures(result);
      for (const f of failures) console.error(f);
      if (failures.length) checkFailed();
      if (opts.html !== "-") {
        console.log(
          `${file}: ${result.cells.length} cells, ${failures.length} failed, ${
            (result.ms / 1000).toFixed(2)
          } s`,
        );
      }
    });
  return new Command("notebook")
    .description("Literate TypeScript notebooks: run them headlessly")
    .addCommand(run) as unknown as Command;
}
