/**
 * What `ratchet search` and `ratchet nightly` share: the options that
 * describe a search, their reading into {@linkcode SearchOptions}, and a
 * search run with a progress bar that Ctrl-C stops between fits, keeping
 * what finished.
 *
 * @module
 */
import type { Command } from "@commander-js/extra-typings";
import { invalid } from "../errors/mod.ts";
import type { Project } from "../project/mod.ts";
import type { Leaderboard } from "../search/leaderboard.ts";
import { parseBudget } from "../search/parse_budget.ts";
import { parseWindow } from "../search/parse_window.ts";
import type { SearchOptions } from "../search/search_candidates.ts";
import { readSearchSpace } from "../search/search_space.ts";
import { numberOption } from "./number_option.ts";
import { progressBar } from "./progress_bar.ts";

/**
 * Adds the options that describe a search to `command` (whose one
 * argument is the model): `--plugin`,
 * `--dataset`, `--train`, `--validate` (required), `--grid` or
 * `--random`, `--space`, `--budget`, `--keep`, `--target`,
 * `--allow-overlap`.
 *
 * @example
 * ```ts
 * import { Command } from "@commander-js/extra-typings";
 * import { withSearchOptions } from "./search_options.ts";
 * const help = withSearchOptions(new Command("x").argument("<name>")).helpInformation();
 * if (!help.includes("--validate <from..to>") || !help.includes("--random <n>")) throw new Error(help);
 * ```
 */
// deno-lint-ignore explicit-module-boundary-types
export function withSearchOptions(command: Command<[string]>) {
  return command
    .requiredOption("--plugin <id>", "the plugin to fit (see `ratchet plugins list`)")
    .requiredOption("--dataset <name>", "a dataset under data/ (see `ratchet data list`)")
    .requiredOption("--train <from..to>", "partitions to fit on, inclusive, e.g. 2012-01..2013-12")
    .requiredOption(
      "--validate <from..to>",
      "partitions to rank candidates on, inclusive; must not overlap --train",
    )
    .option("--grid", "try every combination of the space")
    .option(
      "--random <n>",
      "try n distinct random draws from the space",
      numberOption("--random", { integer: true, min: 1 }),
    )
    .option(
      "--space <file>",
      "JSON: per parameter a list of values or {min, max, log?, int?, points?} " +
        "(default: the plugin's declared search ranges)",
    )
    .option("--budget <duration>", "stop starting new fits after this long, e.g. 90s, 10m, 1h")
    .option(
      "--keep <k>",
      "how many of the best candidates to publish",
      numberOption("--keep", { integer: true, min: 1 }),
      1,
    )
    .option(
      "--target <column>",
      "the label column in the dataset (default: the model's target name)",
    )
    .option("--allow-overlap", "accept --train and --validate windows that share partitions");
}

/** The values of {@linkcode withSearchOptions}' options, and the seed. */
export interface SearchOptionValues {
  /** `--plugin`. */
  plugin: string;
  /** `--dataset`. */
  dataset: string;
  /** `--train`. */
  train: string;
  /** `--validate`. */
  validate: string;
  /** `--grid`. */
  grid?: true | undefined;
  /** `--random`. */
  random?: number | undefined;
  /** `--space`. */
  space?: string | undefined;
  /** `--budget`. */
  budget?: string | undefined;
  /** `--keep`. */
  keep: number;
  /** `--target`. */
  target?: string | undefined;
  /** `--allow-overlap`. */
  allowOverlap?: true | undefined;
  /** `--seed`. */
  seed: number;
}

/**
 * The search the options ask for on model `name`; refuses both or neither
 * of `--grid` and `--random`, bad windows, budgets and spaces.
 *
 * @example
 * ```ts
 * import { searchRequest } from "./search_options.ts";
 * const r = searchRequest("m", {
 *   plugin: "logistic", dataset: "d", train: "..2013-12", validate: "2014-01..2014-12",
 *   random: 5, keep: 1, seed: 7,
 * });
 * if (JSON.stringify(r.mode) !== '{"random":5}' || r.train.to !== "2013-12") throw new Error();
 * ```
 */
export function searchRequest(name: string, opts: SearchOptionValues): SearchOptions {
  if (Boolean(opts.grid) === (opts.random !== undefined)) {
    throw invalid("Choose how to search: --grid (every combination) or --random N (N draws)");
  }
  const train = parseWindow(opts.train, "--train");
  const validate = parseWindow(opts.validate, "--validate");
  const budgetMs = opts.budget === undefined ? undefined : parseBudget(opts.budget);
  const space = opts.space === undefined ? undefined : readSearchSpace(opts.space);
  return {
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
  };
}

/**
 * Runs a search with a progress bar on a terminal; Ctrl-C stops it between
 * fits, keeping (and publishing) what finished.
 *
 * @example
 * ```ts ignore
 * const board = await runSearch(project, searchRequest(name, opts));
 * ```
 */
export async function runSearch(project: Project, request: SearchOptions): Promise<Leaderboard> {
  const { searchCandidates } = await import("../search/mod.ts");
  const bar = progressBar("candidates");
  const controller = new AbortController();
  const stop = () => controller.abort();
  Deno.addSignalListener("SIGINT", stop);
  try {
    return await searchCandidates(project, {
      ...request,
      onProgress: (done, total, label) => bar.update(done, total, label),
      signal: controller.signal,
    });
  } finally {
    bar.stop();
    Deno.removeSignalListener("SIGINT", stop);
  }
}
