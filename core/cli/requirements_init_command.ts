/**
 * `ratchet requirements init`: measure the champion and start requirements
 * from that baseline, with no thresholds yet.
 *
 * @module
 */
import { extname, join, relative } from "node:path";
import { Command } from "@commander-js/extra-typings";
import { invalid, RatchetError } from "../errors/mod.ts";
import {
  ALL_METRICS,
  type Baseline,
  defaultPrimary,
  formatValue,
  initRequirements,
  measureBaseline,
  parseMetricName,
  readRequirements,
  saveRequirements,
  validateRequirements,
} from "../requirements/mod.ts";
import { writeFileAtomic } from "../store/mod.ts";
import { formatFromPath } from "../table/mod.ts";
import { formatTable } from "./output.ts";
import { measureVersion, recordedPath, requirementsContext } from "./requirements_context.ts";
import { rootOption } from "./root_option.ts";

/**
 * Builds `requirements init`.
 *
 * @example
 * ```ts
 * import { requirementsInitCommand } from "./requirements_init_command.ts";
 * const help = requirementsInitCommand().helpInformation();
 * if (!help.includes("--sample")) throw new Error(help);
 * ```
 */
export function requirementsInitCommand(): Command {
  return new Command("init")
    .description(
      "Measure the champion on a labelled file and start requirements from that baseline (no thresholds yet)",
    )
    .argument("<name>", "model name (its champion, or latest version without one, is measured)")
    .requiredOption("--input <file>", "labelled rows: .csv, .json, .jsonl, or - for stdin")
    .option("--target <column>", "the label column (default: the model's target name)")
    .option("--partition-by <column>", "measure per partition, e.g. month (min/mean/max over them)")
    .option(
      "--primary <metric>",
      "the metric that matters most (default: roc_auc for binary, accuracy for multiclass, r2 for regression)",
    )
    .option(
      "--sample",
      "copy the file beside requirements.json as evaluation.<ext>: check and ratchet then use it by default",
    )
    .option("--force", "replace existing requirements: thresholds are dropped, the history is kept")
    .option("--reason <text>", "why (required with --force)")
    .addOption(rootOption())
    .addHelpText(
      "after",
      `
Then set thresholds from the baseline with \`ratchet requirements ratchet NAME\`,
or by hand with \`ratchet requirements set NAME --min roc_auc=0.7 --reason "…"\`.

Example:
  ratchet requirements init churn --input data/holdout.csv --partition-by month --sample`,
    )
    .action(async (name, opts) => {
      const ctx = await requirementsContext(opts.root, name);
      const primaryOption = opts.primary === undefined
        ? undefined
        : parseMetricName(opts.primary, "--primary");
      const ext = extname(opts.input).toLowerCase();
      if (opts.sample && (opts.input === "-" || formatFromPath(opts.input) === undefined)) {
        throw invalid(
          `--sample needs a .csv, .json, .jsonl or .ndjson file to copy, not ${opts.input}`,
        );
      }
      const previous = readRequirements(ctx.path);
      if (previous && !opts.force) {
        throw new RatchetError(
          "conflict",
          `${name} has requirements already (${ctx.path}): use ratchet, set or check on them, ` +
            `or start over with --force --reason "…" (thresholds are dropped, the history is kept)`,
        );
      }
      if (previous && !opts.reason?.trim()) {
        throw invalid('--force replaces requirements: give --reason "…" to record why');
      }
      const sample = opts.sample ? `evaluation${ext}` : undefined;
      const { model, evaluation } = await measureVersion(ctx, undefined, {
        path: opts.input,
        source: opts.input,
        ...(opts.target ? { target: opts.target } : {}),
        ...(opts.partitionBy ? { partitionBy: opts.partitionBy } : {}),
      });
      const baseline = measureBaseline(model, evaluation, {
        source: sample ?? recordedPath(ctx.project.root, opts.input),
        ...(opts.partitionBy ? { partitionBy: opts.partitionBy } : {}),
      });
      const primary = primaryOption ?? defaultPrimary(model.task);
      const requirements = validateRequirements(
        initRequirements({
          baseline,
          primary,
          ...(sample
            ? {
              evaluation: {
                sample,
                ...(opts.target ? { target: opts.target } : {}),
                ...(opts.partitionBy ? { partition_by: opts.partitionBy } : {}),
              },
            }
            : {}),
          ...(previous ? { previous } : {}),
          ...(opts.reason ? { reason: opts.reason } : {}),
          ...(ctx.by ? { by: ctx.by } : {}),
        }),
        ctx.path,
        { task: model.task },
      );
      if (sample) writeFileAtomic(join(ctx.modelDir, sample), Deno.readFileSync(opts.input));
      saveRequirements(ctx.path, requirements, { task: model.task });
      const champion = ctx.project.store.aliases(name).champion === baseline.version
        ? "champion"
        : "latest version; no champion set";
      console.log(
        `Wrote ${relative(ctx.project.root, ctx.path)}: baseline of ${model.label} (${champion}) ` +
          `on ${baseline.data.source}, ${_extent(baseline)}; primary ${primary}; no thresholds yet`,
      );
      console.log(_baselineTable(baseline));
      if (!baseline.metrics[primary]) {
        console.error(
          `warning: ${primary} is undefined on these rows (${
            evaluation.overall.reasons[primary] ?? "in every partition"
          }); ratchet cannot set it`,
        );
      }
      console.log(
        `Next: \`ratchet requirements ratchet ${name}\` sets thresholds from this baseline, ` +
          `or \`ratchet requirements set ${name} … --reason "…"\` by hand.`,
      );
    }) as unknown as Command;
}

function _extent(b: Baseline): string {
  const d = b.data;
  return d.partition_by
    ? `${d.rows} rows in ${d.partitions} partitions by ${d.partition_by}`
    : `${d.rows} rows`;
}

function _baselineTable(b: Baseline): string {
  return formatTable(
    ["metric", "min", "mean", "max"],
    ALL_METRICS.flatMap((m) => {
      const s = b.metrics[m];
      return s ? [[m, formatValue(s.min), formatValue(s.mean), formatValue(s.max)]] : [];
    }),
  );
}
