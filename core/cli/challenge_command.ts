/**
 * `ratchet challenge`: a candidate version judged against the champion on
 * identical data, with evidence; exit 0 on promote, 1 on reject.
 *
 * @module
 */
import { Command, Option } from "@commander-js/extra-typings";
import { openProject } from "../project/mod.ts";
import { parseVersion, validateModelName } from "../store/mod.ts";
import { checkFailed } from "./exit_code.ts";
import { numberOption } from "./number_option.ts";
import { printJson, writeOutput } from "./output.ts";
import { progressBar } from "./progress_bar.ts";
import { rootOption } from "./root_option.ts";

/**
 * Builds the `challenge` command.
 *
 * @example
 * ```ts
 * import { challengeCommand } from "./challenge_command.ts";
 * const help = challengeCommand().helpInformation();
 * if (!help.includes("--candidate <version>") || !help.includes("--report <file>")) throw new Error(help);
 * ```
 */
export function challengeCommand(): Command {
  return new Command("challenge")
    .description(
      "Judge a candidate version against the champion on identical data, with evidence; " +
        "exit 0 promote, 1 reject",
    )
    .argument("<name>", "the model; its champion alias is the version challenged")
    .requiredOption("--candidate <version>", "the version that challenges the champion")
    .option(
      "--dataset <name>",
      "a dataset under data/ (default: the one the candidate was trained on)",
    )
    .option(
      "--from <partition>",
      "first back-test partition, inclusive: after both training windows, neither model saw the data",
    )
    .option("--to <partition>", "last back-test partition, inclusive")
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
    .option(
      "--confidence <c>",
      "coverage of the interval (default 0.95)",
      numberOption("--confidence", { min: 0.5, max: 0.999 }),
    )
    .option(
      "--tolerance <x>",
      "how far a partition may regress, in metric units (default 10% of the champion's mean)",
      numberOption("--tolerance", { min: 0 }),
    )
    .option(
      "--regression-reason <text>",
      "why partitions regressed beyond the tolerance are acceptable",
    )
    .option(
      "--window <window>",
      "the now-test window: latest, <N>p, <N>d, <N>w, <N>m (default latest)",
    )
    .option(
      "--max-rows <n>",
      "rows the bootstrap draws from; above it, a seeded sample (default 50000)",
      numberOption("--max-rows", { integer: true, min: 100 }),
    )
    .option("--target <column>", "the label column (default: the champion's target name)")
    .addOption(
      new Option("--engine <engine>", "back-test engine").choices(["js", "sql", "auto"] as const)
        .default("auto" as const),
    )
    .option("--no-record", "do not keep the evidence under models/NAME/challenges/")
    .addOption(rootOption())
    .addHelpText(
      "after",
      `
Champion and candidate are judged on the same data: the back-test over every
partition of the dataset, the now-test window, and every fixture. The verdict
is promote only when all four rules hold:

  1. the candidate meets every requirement (back-test and now-test window);
  2. it passes every fixture; a case it fails may be retired only with a
     recorded reason (\`ratchet fixtures supersede NAME ID --reason …\`);
  3. it beats the champion on the primary metric by at least the
     requirement's min_improvement, and the paired bootstrap interval of the
     difference (pooled rows, seeded) lies on the improving side of 0;
  4. no partition regresses by more than --tolerance, unless
     --regression-reason says why (recorded).

Evidence: per partition how many are better, worse, equal, with a two-sided
sign test and a Wilcoxon signed-rank test (exact for up to 50 partitions
without ties), and the bootstrap interval. The result is kept as
models/NAME/challenges/<time>-v<candidate>.json, which \`ratchet promote\`
reads. Exit codes: 0 promote, 1 reject, 2 an error.

Examples:
  ratchet challenge rain-tomorrow --candidate 2 --report challenge.html
  ratchet challenge rain-tomorrow --candidate 2 --dataset seattle --seed 7 --json -
  ratchet challenge rain-tomorrow --candidate 2 --from 2015-01   # only months neither model trained on
  ratchet challenge rain-tomorrow --candidate 2 && ratchet promote rain-tomorrow@2 --ratchet`,
    )
    .action(async (name, opts) => {
      validateModelName(name);
      const candidate = parseVersion(opts.candidate);
      const project = await openProject(opts.root);
      const { challenge, challengeReport, challengeSummary } = await import("../challenge/mod.ts");
      const bar = progressBar("steps");
      const result = await challenge(project, {
        name,
        candidate,
        engine: opts.engine,
        record: opts.record,
        ...(opts.dataset ? { dataset: opts.dataset } : {}),
        ...(opts.from ? { from: opts.from } : {}),
        ...(opts.to ? { to: opts.to } : {}),
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
        ...(opts.resamples !== undefined ? { resamples: opts.resamples } : {}),
        ...(opts.confidence !== undefined ? { confidence: opts.confidence } : {}),
        ...(opts.tolerance !== undefined ? { tolerance: opts.tolerance } : {}),
        ...(opts.regressionReason !== undefined ? { regressionReason: opts.regressionReason } : {}),
        ...(opts.window ? { window: opts.window } : {}),
        ...(opts.maxRows !== undefined ? { maxRows: opts.maxRows } : {}),
        ...(opts.target ? { target: opts.target } : {}),
        onProgress: (stage, done, total, item) => bar.update(done, total, `${stage} ${item ?? ""}`),
      });
      bar.stop();
      if (opts.report) await writeOutput(opts.report, await challengeReport(result));
      if (opts.json === "-") printJson(result);
      else {
        if (opts.json) await writeOutput(opts.json, JSON.stringify(result, null, 2) + "\n");
        for (const r of result.rules) {
          console.log(`${r.passed ? "pass" : "FAIL"}  ${r.rule}: ${r.message}`);
        }
        console.log(challengeSummary(result));
      }
      if (result.verdict !== "promote") checkFailed();
    }) as unknown as Command;
}
