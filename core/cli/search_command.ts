/**
 * `ratchet search`: fit candidates over a hyperparameter space, rank them on
 * a validation window, publish the best as candidate versions.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { invalid } from "../errors/mod.ts";
import { openProject } from "../project/mod.ts";
import { parseBudget } from "../search/parse_budget.ts";
import { parseWindow } from "../search/parse_window.ts";
import { readSearchSpace } from "../search/search_space.ts";
import type { Leaderboard } from "../search/leaderboard.ts";
import { formatTable, printJson, writeOutput } from "./output.ts";
import { progressBar } from "./progress_bar.ts";
import { rootOption } from "./root_option.ts";

function _count(option: string, min: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw invalid(`${option} ${text}: expected a whole number ≥ ${min}`);
    }
    return n;
  };
}

/**
 * Builds the `search` command.
 *
 * @example
 * ```ts
 * import { searchCommand } from "./search_command.ts";
 * const help = searchCommand().helpInformation();
 * if (!help.includes("--validate <from..to>") || !help.includes("--random <n>")) throw new Error(help);
 * ```
 */
export function searchCommand(): Command {
  return new Command("search")
    .description(
      "Fit candidates over a hyperparameter space, rank them on a validation window, and " +
        "publish the best as candidate versions (the champion is never touched)",
    )
    .argument("<name>", "the model; its champion's features, target and preprocessing are reused")
    .requiredOption("--plugin <id>", "the plugin to fit (see `ratchet plugins list`)")
    .requiredOption("--dataset <name>", "a dataset under data/ (see `ratchet data list`)")
    .requiredOption("--train <from..to>", "partitions to fit on, inclusive, e.g. 2012-01..2013-12")
    .requiredOption(
      "--validate <from..to>",
      "partitions to rank candidates on, inclusive; must not overlap --train",
    )
    .option("--grid", "try every combination of the space")
    .option("--random <n>", "try n distinct random draws from the space", _count("--random", 1))
    .option(
      "--space <file>",
      "JSON: per parameter a list of values or {min, max, log?, int?, points?} " +
        "(default: the plugin's declared search ranges)",
    )
    .option(
      "--seed <s>",
      "seed of the random draws and of the plugin's own seed",
      _count("--seed", 0),
      0,
    )
    .option("--budget <duration>", "stop starting new fits after this long, e.g. 90s, 10m, 1h")
    .option("--keep <k>", "how many of the best candidates to publish", _count("--keep", 1), 1)
    .option(
      "--target <column>",
      "the label column in the dataset (default: the model's target name)",
    )
    .option("--allow-overlap", "accept --train and --validate windows that share partitions")
    .option("--json <file>", "write the leaderboard as JSON to a file, or - for stdout")
    .addOption(rootOption())
    .addHelpText(
      "after",
      `
Every candidate copies the champion's features, target and preprocessing and
gets new coefficients from the plugin's fit on the --train partitions. It is
ranked by the primary metric of models/<name>/requirements.json on the
--validate partitions (ties: the earlier candidate wins). The best --keep are
published as new versions with provenance.candidate = true; challenge one
before promoting it. The same --seed gives the same candidates, in the same
order, with the same coefficients.

A grid takes 5 points from each range (bounds included; log-spaced with
"log": true; set "points" to change it). Without --space, the plugin's
declared search ranges are searched (\`ratchet plugins show ID\`); other
parameters keep their defaults.

--budget is checked before each fit; a fit in progress runs to its end, and
is discarded if it ends after the budget, so every kept candidate finished
within it. Ctrl-C stops the same way. What finished is kept and published.

The leaderboard is written to models/<name>/searches/<id>/leaderboard.json
and leaderboard.html. Exit codes: 0 at least one candidate published,
2 an error (bad input, or no candidate finished: budget too small, every
fit failed).

Examples:
  ratchet search rain-tomorrow --plugin logistic --dataset seattle \\
    --train 2012-01..2013-12 --validate 2014-01..2014-12 --grid --keep 2
  ratchet search temp-tomorrow --plugin random_forest --dataset seattle \\
    --train ..2013-12 --validate 2014-01..2014-12 --random 20 --seed 7 --budget 10m
  echo '{"C": {"min": 0.01, "max": 100, "log": true, "points": 9}}' > space.json
  ratchet search rain-tomorrow --plugin logistic --dataset seattle \\
    --train 2012-01..2013-12 --validate 2014-01..2014-12 --grid --space space.json --json -`,
    )
    .action(async (name, opts) => {
      if (Boolean(opts.grid) === (opts.random !== undefined)) {
        throw invalid("Choose how to search: --grid (every combination) or --random N (N draws)");
      }
      const train = parseWindow(opts.train, "--train");
      const validate = parseWindow(opts.validate, "--validate");
      const budgetMs = opts.budget === undefined ? undefined : parseBudget(opts.budget);
      const space = opts.space === undefined ? undefined : readSearchSpace(opts.space);
      const project = await openProject(opts.root);
      const { searchCandidates } = await import("../search/mod.ts");
      const bar = progressBar("candidates");
      const controller = new AbortController();
      const stop = () => controller.abort();
      Deno.addSignalListener("SIGINT", stop);
      let board: Leaderboard;
      try {
        board = await searchCandidates(project, {
          name,
          plugin: opts.plugin,
          dataset: opts.dataset,
          train,
          validate,
          mode: opts.random !== undefined ? { random: opts.random } : { grid: true },
          seed: opts.seed,
          keep: opts.keep,
          ...(space ? { space } : {}),
          ...(budgetMs !== undefined ? { budgetMs } : {}),
          ...(opts.target ? { target: opts.target } : {}),
          ...(opts.allowOverlap ? { allowOverlap: true } : {}),
          onProgress: (done, total, label) => bar.update(done, total, label),
          signal: controller.signal,
        });
      } finally {
        bar.stop();
        Deno.removeSignalListener("SIGINT", stop);
      }
      if (opts.json === "-") printJson(board);
      else {
        if (opts.json) await writeOutput(opts.json, JSON.stringify(board, null, 2) + "\n");
        _print(board);
      }
    }) as unknown as Command;
}

function _print(board: Leaderboard): void {
  const searched = Object.keys(board.space);
  const cell = (v: number | null | undefined) =>
    v === null || v === undefined ? "—" : Math.abs(v) >= 1e4 ? v.toExponential(3) : v.toFixed(4);
  console.log(
    `search ${board.id}: ${board.plugin.id} for ${board.model}, ${board.candidates.length} of ` +
      `${board.planned} candidates (${board.stopped}), ranked by ${board.metric} on ` +
      `${board.dataset} ${board.validate.from}..${board.validate.to}`,
  );
  const top = board.candidates.slice(0, Math.max(10, board.published.length));
  console.log(formatTable(
    ["rank", "version", ...searched, board.metric, "error"],
    top.map((e) => [
      e.rank ?? "—",
      e.version ?? "",
      ...searched.map((k) => JSON.stringify(e.params[k])),
      cell(e.score),
      e.error ?? "",
    ]),
  ));
  if (board.candidates.length > top.length) {
    console.log(`… ${board.candidates.length - top.length} more in the leaderboard`);
  }
  console.log(`champion v${board.champion.version}: ${board.metric} ${cell(board.champion.score)}`);
  for (const note of board.notes) console.log(note);
  console.log(
    `published ${board.published.map((p) => `${board.model}@${p.version}`).join(", ")} ` +
      `(candidates; the champion is unchanged)`,
  );
  console.log(`leaderboard: ${board.files.json}, ${board.files.html}`);
}
