/**
 * `ratchet backtest`: a model version judged on every partition of a
 * dataset's history, against its requirements.
 *
 * @module
 */
import { Command, Option } from "@commander-js/extra-typings";
import { parseModelRef } from "../store/mod.ts";
import { openProject } from "../project/mod.ts";
import { readRequirements, requirementsPath } from "../requirements/mod.ts";
import { invalid } from "../errors/mod.ts";
import { formatTable, printJson, writeOutput } from "./output.ts";
import { rootOption } from "./root_option.ts";
import { checkFailed } from "./exit_code.ts";
import { progressBar } from "./progress_bar.ts";

/**
 * Builds the `backtest` command.
 *
 * @example
 * ```ts
 * import { backtestCommand } from "./backtest_command.ts";
 * if (backtestCommand().name() !== "backtest") throw new Error();
 * ```
 */
export function backtestCommand(): Command {
  return new Command("backtest")
    .description(
      "Judge a model version on every partition of a dataset's history, against its requirements",
    )
    .argument("<model>", "NAME (the champion), NAME@VERSION, NAME@champion or NAME@challenger")
    .requiredOption("--dataset <name>", "a dataset under data/ (see `ratchet data list`)")
    .option("--from <partition>", "first partition, inclusive, e.g. 2014-01")
    .option("--to <partition>", "last partition, inclusive")
    .option("--target <column>", "the label column (default: the model's target name)")
    .addOption(
      new Option(
        "--engine <engine>",
        "compute predictions in JavaScript, in DuckDB SQL, or SQL when the plugin can",
      ).choices(["js", "sql", "auto"] as const).default("auto" as const),
    )
    .option("--json <file>", "write the result as JSON to a file, or - for stdout")
    .option("--report <file>", "write a self-contained HTML report with charts")
    .addOption(rootOption())
    .addHelpText(
      "after",
      `
Each partition streams from DuckDB into the model in columnar batches. The
result has per-partition metrics, their min, mean, max and standard deviation,
and the requirement checks. With --report or --json it also collects the
diagnostics: residuals or calibration, and the worst-predicted rows (candidates
for fixtures). Exit codes: 0 requirements met, 1 not met,
2 an error (including a partition that could not be read).

Examples:
  ratchet backtest rain-tomorrow --dataset seattle --report backtest.html
  ratchet backtest rain-tomorrow@challenger --dataset seattle --from 2014-01 --json -`,
    )
    .action(async (ref, opts) => {
      const project = await openProject(opts.root);
      const { backtestWithEngine } = await import("../backtest/mod.ts");
      const bar = progressBar("partitions");
      const result = await backtestWithEngine(project, parseModelRef(ref), opts.dataset, {
        engine: opts.engine,
        // Residuals, calibration and worst rows are for the report and the JSON; the table and
        // the exit code need only the metrics.
        diagnostics: Boolean(opts.report || opts.json),
        ...(opts.from ? { from: opts.from } : {}),
        ...(opts.to ? { to: opts.to } : {}),
        ...(opts.target ? { target: opts.target } : {}),
        onPartition: (done, total, label) => bar.update(done, total, label),
      });
      bar.stop();
      if (opts.report) {
        const { backtestReport } = await import("../report/mod.ts");
        const requirements = readRequirements(requirementsPath(project.store, result.model), {
          task: result.task,
        });
        await writeOutput(
          opts.report,
          await backtestReport(result, requirements ? { requirements } : {}),
        );
      }
      if (opts.json === "-") printJson(result);
      else {
        if (opts.json) await writeOutput(opts.json, JSON.stringify(result, null, 2) + "\n");
        _print(result);
      }
      const failed = result.partitions.filter((p) => p.error !== undefined);
      if (failed.length > 0) {
        throw invalid(
          `${failed.length} partition(s) could not be scored, so the back-test cannot pass:\n` +
            failed.map((p) => `  ${p.partition}: ${p.error}`).join("\n"),
        );
      }
      if (!result.passed) checkFailed();
    }) as unknown as Command;
}

function _print(result: Awaited<ReturnType<typeof import("../backtest/mod.ts").backtest>>): void {
  const names = Object.keys(result.summary);
  const cell = (
    v: number | null | undefined,
  ) => (v === null || v === undefined
    ? "—"
    : Math.abs(v) >= 1e4
    ? v.toExponential(3)
    : v.toFixed(4));
  console.log(
    `${result.model}@${result.version} on ${result.dataset}, ${result.partitions.length} partitions ` +
      `${result.window.from} … ${result.window.to} (engine ${result.engine})`,
  );
  console.log(formatTable(
    ["partition", "rows", ...names],
    result.partitions.map((p) =>
      p.error
        ? [p.partition, "FAILED", p.error]
        : [p.partition, p.rows, ...names.map((k) => cell(p.metrics[k]))]
    ),
  ));
  console.log(formatTable(
    ["summary", ...names],
    (["min", "mean", "max", "std"] as const).map((
      s,
    ) => [s, ...names.map((k) => cell(result.summary[k]?.[s]))]),
  ));
  if (result.requirements.note) console.log(result.requirements.note);
  for (const c of result.requirements.checks) {
    console.log(`${c.passed ? "pass" : "FAIL"}  ${c.message}`);
  }
  console.log(result.passed ? "back-test passed" : "back-test FAILED");
}
