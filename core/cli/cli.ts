/**
 * The ratchet command line: `deno run -A main.ts <command>`.
 *
 * Exit codes, for cron jobs and CI: 0 success, 1 a check failed (e.g. a
 * model misses its requirements), 2 an error (bad input, unknown model…).
 *
 * @module
 */
import { Command, CommanderError } from "@commander-js/extra-typings";
import { RatchetError } from "../errors/mod.ts";
import { modelsCommand } from "./models_command.ts";
import { predictCommand } from "./predict_command.ts";
import { evaluateCommand } from "./evaluate_command.ts";
import { fixturesCommand } from "./fixtures_command.ts";
import { requirementsCommand } from "./requirements_command.ts";
import { trainCommand } from "./train_command.ts";
import { pluginsCommand } from "./plugins_command.ts";
import { workbenchCommand } from "./workbench_command.ts";
import { dataCommand } from "./data_command.ts";
import { backtestCommand } from "./backtest_command.ts";
import { nowtestCommand } from "./nowtest_command.ts";
import { searchCommand } from "./search_command.ts";
import { exportCommand } from "./export_command.ts";
import { serveCommand } from "./serve_command.ts";
import { challengeCommand } from "./challenge_command.ts";
import { promoteCommand } from "./promote_command.ts";
import { nightlyCommand } from "./nightly_command.ts";
import { notebookCommand } from "./notebook_command.ts";
import { trialCommand } from "./trial_command.ts";
import { takeExitCode } from "./exit_code.ts";

/**
 * Builds the whole program (exposed for tests of `--help`).
 *
 * @example
 * ```ts
 * import { buildProgram } from "./cli.ts";
 * const names = buildProgram().commands.map((c) => c.name());
 * if (names.join() !== "models,train,predict,evaluate,requirements,fixtures,data,backtest,nowtest,plugins,workbench,search,export,serve,challenge,promote,nightly,notebook,trial") throw new Error(names.join());
 * ```
 */
export function buildProgram(): Command {
  const program = new Command("ratchet")
    .description(
      "Put a small predictive model into production the disciplined way, and keep it honest afterwards.",
    )
    .version("0.1.0")
    .enablePositionalOptions()
    .showSuggestionAfterError()
    .addHelpText(
      "after",
      `
Every command takes --root DIR, the project folder holding models/, data/ and
notebooks/ (default: the current folder). Exit codes: 0 ok, 1 a check failed,
2 an error.

From a scikit-learn pickle to a checked version:
  /usr/bin/python3 tools/export_sklearn.py rain.pkl --target rain_tomorrow --positive yes > rain.json
  ratchet models add rain-tomorrow rain.json
  ratchet predict rain-tomorrow@3 --input days.csv --keep date
  ratchet requirements check rain-tomorrow@3 && ratchet fixtures check rain-tomorrow@3
  ratchet backtest rain-tomorrow@3 --dataset seattle --report backtest.html`,
    );
  for (
    const make of [
      modelsCommand,
      trainCommand,
      predictCommand,
      evaluateCommand,
      requirementsCommand,
      fixturesCommand,
      dataCommand,
      backtestCommand,
      nowtestCommand,
      pluginsCommand,
      workbenchCommand,
      searchCommand,
      exportCommand,
      serveCommand,
      challengeCommand,
      promoteCommand,
      nightlyCommand,
      notebookCommand,
      trialCommand,
    ]
  ) {
    program.addCommand(make());
  }
  return program as unknown as Command;
}

function _exitOverride(cmd: Command): void {
  cmd.exitOverride();
  for (const sub of cmd.commands) _exitOverride(sub as unknown as Command);
}

/**
 * Runs the CLI with `args` (without the program name) and returns the exit
 * code. Errors are printed to stderr; a `RatchetError` prints its message
 * only, anything else its stack too.
 *
 * @example
 * ```ts
 * import { runCli } from "./cli.ts";
 * if (await runCli(["--version"]) !== 0) throw new Error();
 * if (await runCli(["frobnicate"]) !== 2) throw new Error();
 * ```
 */
export async function runCli(args: readonly string[]): Promise<number> {
  const program = buildProgram();
  _exitOverride(program);
  takeExitCode();
  try {
    await program.parseAsync(args as string[], { from: "user" });
    return takeExitCode();
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version "errors" are successes; usage errors were printed by commander.
      return e.exitCode === 0 ? 0 : 2;
    }
    // `ratchet predict … | head`: the reader left; stop quietly, as Unix tools do.
    if (e instanceof Deno.errors.BrokenPipe) return 0;
    if (e instanceof RatchetError) {
      console.error(`error: ${e.message}`);
      return e.exitCode;
    }
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    return 2;
  }
}
