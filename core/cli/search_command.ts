/**
 * `ratchet search`: fit candidates over a hyperparameter space, rank them on
 * a validation window, publish the best as candidate versions.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { openProject } from "../project/mod.ts";
import type { Leaderboard } from "../search/leaderboard.ts";
import { numberOption } from "./number_option.ts";
import { formatTable, printJson, writeOutput } from "./output.ts";
import { rootOption } from "./root_option.ts";
import { runSearch, searchRequest, withSearchOptions } from "./search_options.ts";

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
  return withSearchOptions(
    new Command("search")
      .description(
        "Fit candidates over a hyperparameter space, rank them on a validation window, and " +
          "publish the best as candidate versions (the champion is never touched)",
      )
      .argument(
        "<name>",
        "the model; its champion's features, target and preprocessing are reused",
      ),
  )
    .option(
      "--seed <s>",
      "seed of the random draws and of the plugin's own seed",
      numberOption("--seed", { integer: true, min: 0 }),
      0,
    )
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
      const request = searchRequest(name, opts);
      const board = await runSearch(await openProject(opts.root), request);
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
