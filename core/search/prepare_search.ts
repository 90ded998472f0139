/**
 * Everything a search checks and reads before its first fit: the options,
 * the champion, the plugin, the space, the primary metric and both windows.
 * Bad input fails here, before any work is done.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import { normalizeParams, type ParamValue, type Plugin } from "../contract/mod.ts";
import { LOWER_IS_BETTER, type MetricName } from "../metrics/mod.ts";
import { type CompiledModel, encodeTarget } from "../model/mod.ts";
import { compilePreprocessing } from "../preprocess/mod.ts";
import { evaluateTable } from "../evaluate/mod.ts";
import { defaultPrimary, readRequirements, requirementsPath } from "../requirements/mod.ts";
import { validateModelName } from "../store/mod.ts";
import type { Project } from "../project/mod.ts";
import type { Table } from "../table/mod.ts";
import { type CandidateParams, gridCandidates, randomCandidates } from "./candidate_params.ts";
import { resolveSearchSpace } from "./resolve_space.ts";
import { readSearchWindows } from "./search_windows.ts";
import type { CandidateContext, EncodedRows } from "./fit_candidate.ts";
import { type Leaderboard, LEADERBOARD_FORMAT } from "./leaderboard.ts";
import type { SearchOptions } from "./search_candidates.ts";

/** The parts of a leaderboard known before the first fit. */
export type LeaderboardHeader = Pick<
  Leaderboard,
  | "format"
  | "model"
  | "champion"
  | "plugin"
  | "task"
  | "dataset"
  | "target"
  | "train"
  | "validate"
  | "overlap"
  | "metric"
  | "lower_is_better"
  | "mode"
  | "space"
  | "seed"
  | "keep"
  | "budget_ms"
>;

/** A search ready to run. */
export interface PreparedSearch {
  /** The plugin fitted. */
  plugin: Plugin;
  /** The searched parameters of each candidate, in search order. */
  planned: CandidateParams[];
  /** Parameters every candidate gets besides the searched ones (the plugin's `seed`). */
  fixed: Record<string, ParamValue>;
  /** What every candidate shares. */
  context: CandidateContext;
  /** The leaderboard's fields known now. */
  header: LeaderboardHeader;
  /** Notes for the leaderboard. */
  notes: string[];
}

/** The largest seed: every built-in plugin's `seed` parameter accepts it. */
const _MAX_SEED = 2147483647;

function _checkOptions(options: SearchOptions): void {
  validateModelName(options.name);
  const { keep = 1, seed = 0, budgetMs, mode } = options;
  if (!Number.isInteger(keep) || keep < 1) {
    throw invalid(
      `--keep ${keep}: give how many of the best candidates to publish, a whole number ≥ 1`,
    );
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > _MAX_SEED) {
    throw invalid(`--seed ${seed}: give a whole number from 0 to ${_MAX_SEED}`);
  }
  if (budgetMs !== undefined && !(budgetMs > 0 && Number.isFinite(budgetMs))) {
    throw invalid(`Invalid budget ${budgetMs} ms: give a positive duration, e.g. --budget 10m`);
  }
  if (!("grid" in mode) && !("random" in mode)) {
    throw invalid("Choose how to search: --grid (every combination) or --random N (N draws)");
  }
}

function _champion(project: Project, name: string): CompiledModel {
  project.store.resolve(name, "latest"); // names the models there are when this one does not exist
  if (project.store.aliases(name).champion === undefined) {
    throw invalid(
      `${name} has no champion. A search copies the champion's features, target and ` +
        `preprocessing and fits new coefficients; set one first with ` +
        `\`ratchet models alias ${name}@VERSION champion\``,
    );
  }
  return project.model({ name, ref: "champion" });
}

function _plugin(project: Project, id: string, champion: CompiledModel): Plugin {
  const plugin = project.registry.get(id);
  if (!plugin.fit || !plugin.params) {
    throw invalid(
      `Plugin ${id} has no fit, so ratchet cannot search its coefficients; choose a plugin ` +
        `that fits (see \`ratchet plugins list\`)`,
    );
  }
  if (!plugin.tasks.includes(champion.task)) {
    throw invalid(
      `Plugin ${id} does not serve ${champion.task} models (it serves ${
        plugin.tasks.join(", ")
      }), ` +
        `and ${champion.label} is one; choose a plugin for ${champion.task}`,
    );
  }
  return plugin;
}

function _encode(
  table: Table,
  champion: CompiledModel,
  target: string,
  encode: (t: Table) => Float64Array[],
): EncodedRows {
  return {
    columns: encode(table),
    n: table.n,
    target: encodeTarget(table, target, champion.task, champion.labels),
  };
}

/**
 * Checks a search's options, the champion, plugin and space, and reads both
 * windows: everything but the fits.
 *
 * @example
 * ```ts ignore
 * const prepared = await prepareSearch(project, options);
 * console.log(prepared.planned.length, prepared.header.metric);
 * ```
 */
export async function prepareSearch(
  project: Project,
  options: SearchOptions,
): Promise<PreparedSearch> {
  _checkOptions(options);
  const { name, keep = 1, seed = 0 } = options;
  const champion = _champion(project, name);
  const plugin = _plugin(project, options.plugin, champion);
  const space = resolveSearchSpace(plugin, options.space);
  const notes: string[] = [];
  const planned = "grid" in options.mode
    ? gridCandidates(space)
    : randomCandidates(space, options.mode.random, seed);
  if ("random" in options.mode && planned.length < options.mode.random) {
    notes.push(
      `The space holds only ${planned.length} distinct combinations, fewer than --random ${options.mode.random}.`,
    );
  }
  const fixed: Record<string, ParamValue> = {};
  // A forest's or tree's own seed follows the search's, so --seed alone decides every random choice.
  if (plugin.params!.seed && !Object.hasOwn(space, "seed")) {
    fixed.seed = normalizeParams(plugin.params!, { seed }, plugin.id).seed!;
  }
  const task = champion.task;
  const requirements = readRequirements(requirementsPath(project.store, name), { task });
  const metric: MetricName = requirements?.primary ?? defaultPrimary(task);
  if (!requirements) {
    notes.push(
      `${name} has no requirements.json: candidates are ranked by ${metric}, the default for ${task}.`,
    );
  }

  const windows = await readSearchWindows(
    project.root,
    options.dataset,
    options.train,
    options.validate,
    options.allowOverlap ?? false,
  );
  if (windows.overlap) notes.push("The training and validation windows overlap (--allow-overlap).");
  const target = options.target ?? champion.artifact.target.name;
  const pre = compilePreprocessing(champion.artifact, {
    model: `${champion.label} (whose features and preprocessing the candidates copy)`,
    handlesMissing: plugin.tags.handles_missing,
  });
  const train = _encode(windows.train.table, champion, target, (t) => pre.encode(t));
  const validate = _encode(windows.validate.table, champion, target, (t) => pre.encode(t));
  let championScore: Leaderboard["champion"];
  const version = champion.artifact.version!;
  try {
    const { overall } = evaluateTable(champion, windows.validate.table, { target });
    const score = overall.values[metric] ?? null;
    championScore = score === null
      ? { version, score, reason: overall.reasons[metric] ?? "undefined" }
      : { version, score };
  } catch (e) {
    championScore = { version, score: null, reason: e instanceof Error ? e.message : String(e) };
  }
  const w = (x: { from: string; to: string }) => ({ from: x.from, to: x.to });
  return {
    plugin,
    planned,
    fixed,
    notes,
    context: {
      plugin,
      registry: project.registry,
      champion: { ...champion.artifact, name, version, sha256: champion.artifact.sha256! },
      shape: { task, inputs: pre.inputs, classes: champion.shape.classes },
      train,
      validate,
      provenance: {
        created: new Date().toISOString(),
        source: `ratchet search (plugin ${plugin.id} ${plugin.version})`,
        dataset: options.dataset,
        window: w(windows.train.window),
        rows: train.n,
        candidate: true,
      },
    },
    header: {
      format: LEADERBOARD_FORMAT,
      model: name,
      champion: championScore,
      plugin: { id: plugin.id, version: plugin.version },
      task,
      dataset: options.dataset,
      target,
      train: windows.train.window,
      validate: windows.validate.window,
      overlap: windows.overlap,
      metric,
      lower_is_better: LOWER_IS_BETTER.has(metric),
      mode: "grid" in options.mode ? "grid" : "random",
      space,
      seed,
      keep,
      budget_ms: options.budgetMs ?? null,
    },
  };
}
