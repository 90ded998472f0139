/**
 * `ratchet train`: fit a built-in (or project) plugin and publish a version.
 *
 * @module
 */
import { Command, Option } from "@commander-js/extra-typings";
import { type ParamValue, parseParamArgument } from "../contract/mod.ts";
import { readTable } from "../table/mod.ts";
import { parseAlias, validateModelName } from "../store/mod.ts";
import { openProject } from "../project/mod.ts";
import { readDatasetWindow, trainModel } from "../train/mod.ts";
import { compileModel } from "../model/mod.ts";
import { invalid } from "../errors/mod.ts";
import { printJson } from "./output.ts";
import { rootOption } from "./root_option.ts";
import { collect, listOption } from "./list_option.ts";

/**
 * Builds the `train` command.
 *
 * @example
 * ```ts
 * import { trainCommand } from "./train_command.ts";
 * const help = trainCommand().helpInformation();
 * if (!help.includes("--target <column>")) throw new Error(help);
 * ```
 */
export function trainCommand(): Command {
  return new Command("train")
    .description(
      "Fit a model with a plugin on a labelled file or dataset window and publish it as the next version",
    )
    .argument(
      "<plugin>",
      "plugin id, e.g. linear, logistic, decision_tree, random_forest, gaussian_nb (see `ratchet plugins list`)",
    )
    .requiredOption("--name <name>", "model name to publish under")
    .option("--input <file>", "labelled rows: .csv, .json, .jsonl")
    .option("--dataset <name>", "or: a dataset under data/ (see `ratchet data list`)")
    .option("--from <partition>", "with --dataset: first partition to train on, inclusive")
    .option("--to <partition>", "with --dataset: last partition to train on, inclusive")
    .requiredOption("--target <column>", "the column to predict")
    .option(
      "--features <columns>",
      "comma-separated feature columns (default: all but the target and --exclude)",
      listOption,
    )
    .option("--exclude <columns>", "comma-separated columns to leave out, e.g. id", listOption)
    .option(
      "--param <key=value>",
      "a hyperparameter; repeat for more (see `ratchet plugins show ID`)",
      collect,
    )
    .addOption(
      new Option("--task <task>", "force the kind of model for a numeric target").choices(
        ["regression", "classification"] as const,
      ),
    )
    .option(
      "--positive <label>",
      "the positive class of a binary target (default: the second in sorted order)",
    )
    .addOption(
      new Option("--unknown-categories <mode>", "what one-hot encoders do with unseen categories")
        .choices(["error", "ignore"] as const).default("error" as const),
    )
    .option("--alias <alias>", "also point champion or challenger at the new version")
    .option("--description <text>", "one line describing the model")
    .addOption(rootOption())
    .addHelpText(
      "after",
      `
Column types are inferred: numbers, true/false, or categories (one-hot encoded).
Features with missing values get a mean (numbers) or most-frequent (categories)
imputer. Prints {"name","version","sha256","rows"} as JSON.

With --dataset, the partitions trained on are recorded as the model's training
window (now-tests measure drift against it) and the time column is left out
of the features unless --features names it.

Examples:
  ratchet train logistic --name churn --input data/churn.csv --target churned \\
    --exclude customer_id --param C=0.5 --alias champion
  ratchet train linear --name temp-tomorrow --dataset seattle --to 2014-12 --target temp_max_tomorrow`,
    )
    .action(async (pluginId, opts) => {
      const project = await openProject(opts.root);
      validateModelName(opts.name);
      const plugin = project.registry.get(pluginId);
      if (!plugin.fit || !plugin.params) {
        throw invalid(`Plugin ${plugin.id} has no fit; import a model trained elsewhere instead`);
      }
      const params: Record<string, ParamValue> = {};
      for (const arg of opts.param ?? []) {
        const [k, v] = parseParamArgument(arg, plugin.params, plugin.id);
        params[k] = v;
      }
      const alias = opts.alias === undefined ? undefined : parseAlias(opts.alias);
      if ((opts.input === undefined) === (opts.dataset === undefined)) {
        throw invalid(
          "Give the training rows with either --input FILE or --dataset NAME (one of them)",
        );
      }
      if (opts.input !== undefined && (opts.from || opts.to)) {
        throw invalid("--from and --to go with --dataset");
      }
      let table, dataset: string, window: { from: string; to: string } | undefined;
      const exclude = [...(opts.exclude ?? [])];
      if (opts.dataset !== undefined) {
        const read = await readDatasetWindow(project.root, opts.dataset, {
          ...(opts.from ? { from: opts.from } : {}),
          ...(opts.to ? { to: opts.to } : {}),
        });
        table = read.table;
        window = read.window;
        dataset = opts.dataset;
        if (!opts.features?.includes(read.dataset.time)) exclude.push(read.dataset.time);
      } else {
        table = await readTable(opts.input!);
        dataset = opts.input!;
      }
      const body = trainModel({
        plugin,
        table,
        target: opts.target,
        params,
        unknownCategories: opts.unknownCategories,
        dataset,
        ...(window ? { window } : {}),
        ...(opts.features ? { features: opts.features } : {}),
        ...(exclude.length ? { exclude } : {}),
        ...(opts.task ? { task: opts.task } : {}),
        ...(opts.positive !== undefined ? { positive: opts.positive } : {}),
        ...(opts.description ? { description: opts.description } : {}),
      });
      compileModel(body, project.registry);
      const result = project.store.publish(opts.name, body);
      if (alias) project.store.setAlias(opts.name, alias, result.version);
      printJson({
        name: result.name,
        version: result.version,
        sha256: result.sha256,
        rows: table.n,
      });
    }) as unknown as Command;
}
