/**
 * `ratchet nightly`: the unattended loop — search candidates, challenge the
 * best against the champion, write the reports — with an exit code and one
 * paragraph on stdout for a cron mail or a CI log.
 *
 * @module
 */
import { Command, Option } from "@commander-js/extra-typings";
import { join } from "node:path";
import { openProject } from "../project/mod.ts";
import { validateModelName, writeFileAtomic } from "../store/mod.ts";
import { checkFailed } from "./exit_code.ts";
import { numberOption } from "./number_option.ts";
import { printJson, writeOutput } from "./output.ts";
import { progressBar } from "./progress_bar.ts";
import { rootOption } from "./root_option.ts";
import { runSearch, searchRequest, withSearchOptions } from "./search_options.ts";

/**
 * Builds the `nightly` command.
 *
 * @example
 * ```ts
 * import { nightlyCommand } from "./nightly_command.ts";
 * const help = nightlyCommand().helpInformation();
 * if (!help.includes("--out <dir>") || !help.includes("--plugin <id>")) throw new Error(help);
 * ```
 */
export function nightlyCommand(): Command {
  const command = new Command("nightly")
    .description(
      "Search candidates, challenge the best against the champion, write the reports; " +
        "exit 0 promote, 1 reject, 2 error",
    )
    .argument("<name>", "the model");
  return withSearchOptions(command)
    .option(
      "--seed <s>",
      "seed of the search and of the bootstrap",
      numberOption("--seed", { integer: true, min: 0 }),
      0,
    )
    .option(
      "--tolerance <x>",
      "challenge: how far a partition may regress",
      numberOption("--tolerance", { min: 0 }),
    )
    .option("--window <window>", "challenge: the now-test window (default latest)")
    .option(
      "--json <file>",
      "write {model, summary, reports, search, challenge} as JSON to a file, or - for stdout",
    )
    .addOption(
      new Option("--engine <engine>", "back-test engine").choices(["js", "sql", "auto"] as const)
        .default("auto" as const),
    )
    .option(
      "--out <dir>",
      "also copy the reports here: challenge.html/json, leaderboard.html/json, summary.txt",
    )
    .addOption(rootOption())
    .addHelpText(
      "after",
      `
1. \`ratchet search\`: fit candidates on --train, rank them on --validate,
   publish the best --keep as candidate versions (the champion is untouched);
2. \`ratchet challenge\` of the best one against the champion on the whole
   dataset: back-test, now-test, fixtures, with the bootstrap interval;
3. reports: the leaderboard (models/NAME/searches/<id>/), the challenge
   evidence and its HTML report (models/NAME/challenges/), copied to --out.

Nothing is promoted: on a promote verdict, a person (or the next step of the
job) runs \`ratchet promote NAME@VERSION\`. Stdout is one paragraph for a mail
or a log. Exit codes: 0 the candidate should be promoted, 1 it was rejected
(a normal night), 2 an error (bad input, no candidate finished, …).

A crontab line (every night at 02:30; cron mails what is printed):
  30 2 * * *  cd /srv/forecasts && deno run -A main.ts nightly rain-tomorrow --dataset seattle --plugin logistic --train ..2013-12 --validate 2014-01..2014-12 --random 20 --budget 20m --out reports/nightly/$(date +\\%F)

A CI step (GitHub Actions) that fails only on errors, keeping the reports:
  - name: nightly challenge
    run: deno run -A main.ts nightly rain-tomorrow --dataset seattle --plugin logistic --train ..2013-12 --validate 2014-01..2014-12 --grid --budget 15m --out nightly || [ $? -eq 1 ]
  - uses: actions/upload-artifact@v4
    with: { name: nightly, path: nightly/ }`,
    )
    .action(async (name, opts) => {
      validateModelName(name);
      const request = searchRequest(name, opts);
      const project = await openProject(opts.root);
      const challenges = await import("../challenge/mod.ts");
      const board = await runSearch(project, request);
      const best = board.published[0]!;
      const challenging = progressBar("steps");
      const result = await challenges.challenge(project, {
        name,
        candidate: best.version,
        dataset: opts.dataset,
        seed: opts.seed,
        engine: opts.engine,
        ...(opts.tolerance !== undefined ? { tolerance: opts.tolerance } : {}),
        ...(opts.window ? { window: opts.window } : {}),
        ...(opts.target ? { target: opts.target } : {}),
        onProgress: (stage, done, total, item) =>
          challenging.update(done, total, `${stage} ${item ?? ""}`),
      }).finally(() => challenging.stop());
      const page = await challenges.challengeReport(result);
      const report = result.evidence!.replace(/\.json$/, ".html");
      writeFileAtomic(join(project.root, report), page);
      const f = (x: number | null) => (x === null ? "undefined" : String(Number(x.toPrecision(4))));
      const searched =
        `Nightly ${name}: search ${board.id} fitted ${board.candidates.length} of ${board.planned} ` +
        `${board.plugin.id} candidates (${board.stopped}) on ${board.train.from}..${board.train.to} and ranked ` +
        `them by ${board.metric} on ${board.validate.from}..${board.validate.to}; the best, v${best.version}, ` +
        `scored ${f(best.score)} there (champion v${board.champion.version}: ${
          f(board.champion.score)
        }).`;
      const reports = [board.files.html, report];
      if (opts.out) {
        Deno.mkdirSync(opts.out, { recursive: true });
        const copies: [string, string][] = [
          ["leaderboard.html", board.files.html],
          ["leaderboard.json", board.files.json],
          ["challenge.json", result.evidence!],
          ["challenge.html", report],
        ];
        for (const [to, from] of copies) {
          writeFileAtomic(join(opts.out, to), Deno.readFileSync(join(project.root, from)));
        }
        reports.push(opts.out);
      }
      const paragraph = `${searched} ${challenges.challengeSummary(result)} Reports: ${
        reports.join(", ")
      }.`;
      if (opts.out) writeFileAtomic(join(opts.out, "summary.txt"), paragraph + "\n");
      const json = { model: name, summary: paragraph, reports, search: board, challenge: result };
      if (opts.json === "-") printJson(json);
      else {
        if (opts.json) await writeOutput(opts.json, JSON.stringify(json, null, 2) + "\n");
        console.log(paragraph);
      }
      if (result.verdict !== "promote") checkFailed();
    }) as unknown as Command;
}
