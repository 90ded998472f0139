/**
 * `ratchet trial report`: the challenger that predicted in shadow judged
 * on live traffic, with the challenge's evidence; exit 0 when it is
 * clearly better, 1 otherwise.
 *
 * @module
 */
import { Command, Option } from "@commander-js/extra-typings";
import { openProject } from "../project/mod.ts";
import { validateModelName } from "../store/mod.ts";
import { checkFailed } from "./exit_code.ts";
import { numberOption } from "./number_option.ts";
import { printJson, writeOutput } from "./output.ts";
import { rootOption } from "./root_option.ts";

/**
 * Builds the `trial` command group.
 *
 * @example
 * ```ts
 * import { trialCommand } from "./trial_command.ts";
 * const trial = trialCommand();
 * const names = trial.commands.map((c) => c.name());
 * if (names.join() !== "report") throw new Error(names.join());
 * if (!trial.commands[0]!.helpInformation().includes("--from <partition>")) throw new Error();
 * ```
 */
export function trialCommand(): Command {
  const group = new Command("trial").description(
    "A challenger in shadow on live traffic: its logged predictions judged against the champion's",
  ).addHelpText("after", `\n${_LOOP}`);
  group.addCommand(_reportCommand());
  return group as unknown as Command;
}

const _LOOP = `The trial loop:
  ratchet models alias rain-tomorrow@3 challenger    # the version to try
  ratchet serve --shadow                              # it predicts every request too, logged, not returned
  curl -s localhost:8080/v1/models/rain-tomorrow/outcomes -H 'content-type: application/json' \\
    -d '{"outcomes": [{"id": "<id the service returned>", "outcome": "yes"}]}'
  ratchet trial report rain-tomorrow --grain week     # exit 0 when the challenger is clearly better
  ratchet challenge rain-tomorrow --candidate 3 && ratchet promote rain-tomorrow@3`;

function _reportCommand() {
  return new Command("report")
    .description(
      "Compare the challenger's shadow predictions with the champion's on the rows whose " +
        "outcomes arrived; exit 0 when the challenger is clearly better, 1 otherwise",
    )
    .argument("<name>", "the model")
    .option("--dataset <name>", "the prediction log under data/ (default: live-NAME)")
    .option("--from <partition>", "first day of the log read, inclusive (e.g. 2026-03-01)")
    .option("--to <partition>", "last day of the log read, inclusive")
    .addOption(
      new Option("--grain <grain>", "partitions of the evidence (default: the log's, day)")
        .choices(["day", "week", "month"] as const),
    )
    .option("--json <file>", "write the result as JSON to a file, or - for stdout")
    .option("--report <file>", "write a self-contained HTML report")
    .option(
      "--seed <s>",
      "seed of the bootstrap (default 1)",
      numberOption("--seed", { integer: true }),
    )
    .option(
      "--resamples <n>",
      "bootstrap resamples (default 1000)",
      numberOption("--resamples", { integer: true, min: 100, max: 1_000_000 }),
    )
    .addOption(rootOption())
    .addHelpText(
      "after",
      `
With \`ratchet serve --shadow\`, the model's challenger predicts every request
beside the champion; the prediction log (dataset live-NAME) keeps both, and
the outcome once it is posted. This report reads the rows that have both a
shadow prediction and an outcome, groups them by the champion and challenger
versions logged (each pair is listed; the most recent is compared), and gives
the evidence of a challenge: every metric of both, per partition and pooled;
the primary metric's per-partition differences (better, worse, equal, a sign
test, a Wilcoxon signed-rank test); a paired bootstrap interval of the
difference on the pooled rows (seeded); and the requirements checked on the
challenger's live partitions.

The challenger is better when it beats the champion by at least the
requirement's min_improvement with the interval on the improving side of 0,
worse when the interval lies on the other side, and otherwise not clearly
different. Exit codes: 0 better and meeting every requirement (promote-worthy:
challenge it, then promote), 1 otherwise, 2 an error.

${_LOOP}

Examples:
  ratchet trial report rain-tomorrow
  ratchet trial report rain-tomorrow --from 2026-03-01 --grain week --json -
  ratchet trial report rain-tomorrow --report trial.html`,
    )
    .action(async (name, opts) => {
      validateModelName(name);
      const project = await openProject(opts.root);
      const { trialReport } = await import("../trial/mod.ts");
      const result = await trialReport(project, {
        name,
        ...(opts.dataset ? { dataset: opts.dataset } : {}),
        ...(opts.from ? { from: opts.from } : {}),
        ...(opts.to ? { to: opts.to } : {}),
        ...(opts.grain ? { grain: opts.grain } : {}),
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
        ...(opts.resamples !== undefined ? { resamples: opts.resamples } : {}),
      });
      if (opts.report) {
        const { trialHtml } = await import("../trial/mod.ts");
        await writeOutput(opts.report, await trialHtml(result));
      }
      if (opts.json === "-") printJson(result);
      else {
        if (opts.json) await writeOutput(opts.json, JSON.stringify(result, null, 2) + "\n");
        for (const p of result.pairs) {
          console.log(
            `v${p.champion} with v${p.challenger} in shadow: ${p.rows} rows, ${p.first} to ${p.last}`,
          );
        }
        for (const r of result.reasons) console.log(`- ${r}`);
        console.log(result.summary);
      }
      if (!result.promote) checkFailed();
    });
}
