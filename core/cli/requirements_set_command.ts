/**
 * `ratchet requirements set`: thresholds by hand, with a reason. Anything
 * that loosens a threshold is recorded as a lowering.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { invalid } from "../errors/mod.ts";
import { LOWER_IS_BETTER, type MetricName } from "../metrics/mod.ts";
import {
  baselineShortfalls,
  describeChange,
  loadRequirements,
  loosens,
  parseMetricName,
  type RequirementEdit,
  type Requirements,
  saveRequirements,
  setRequirements,
  THRESHOLD_KINDS,
  type ThresholdKind,
} from "../requirements/mod.ts";
import { collect } from "./list_option.ts";
import { requirementsContext } from "./requirements_context.ts";
import { rootOption } from "./root_option.ts";

/**
 * Builds `requirements set`.
 *
 * @example
 * ```ts
 * import { requirementsSetCommand } from "./requirements_set_command.ts";
 * const help = requirementsSetCommand().helpInformation();
 * if (!help.includes("--range <metric=lo..hi>") || !help.includes("--reason <text>")) throw new Error(help);
 * ```
 */
export function requirementsSetCommand(): Command {
  return new Command("set")
    .description("Set, tighten, loosen or remove thresholds by hand; the reason is recorded")
    .argument("<name>", "model name")
    .option("--primary <metric>", "make this the primary metric")
    .option("--min <metric=value>", "every partition ≥ value (higher-is-better metrics)", collect)
    .option(
      "--max <metric=value>",
      "every partition ≤ value (rmse, mae, mape, log_loss, brier, fpr)",
      collect,
    )
    .option(
      "--mean <metric=value>",
      "the mean over partitions ≥ value (≤ where lower is better)",
      collect,
    )
    .option("--range <metric=lo..hi>", "every partition within [lo, hi]", collect)
    .option(
      "--min-improvement <metric=value>",
      "a challenger must beat the champion by this",
      collect,
    )
    .option(
      "--remove <metric[:kind]>",
      "remove one threshold (e.g. f1:mean) or all of a metric",
      collect,
    )
    .requiredOption("--reason <text>", "why: recorded in the history")
    .addOption(rootOption())
    .addHelpText(
      "after",
      `
Each option may be repeated. A change that loosens anything (a lower min, a
higher max, a wider range, a removal) is recorded as "lower"; others as "set".

Example:
  ratchet requirements set churn --min roc_auc=0.72 --max log_loss=0.5 \\
    --range accuracy=0.6..0.95 --reason "agreed with the retention team"`,
    )
    .action(async (name, opts) => {
      const ctx = await requirementsContext(opts.root, name);
      const store = ctx.project.store;
      const task = store.versions(name).length ? store.load(name).task : undefined;
      const current = loadRequirements(ctx.path, task ? { task } : {});
      const edits: RequirementEdit[] = [
        ...(["min", "max", "mean", "min_improvement"] as const).flatMap((kind) =>
          (opts[kind === "min_improvement" ? "minImprovement" : kind] ?? []).map((arg) =>
            _numberEdit(kind, arg)
          )
        ),
        ...(opts.range ?? []).map(_rangeEdit),
        ...(opts.remove ?? []).flatMap((arg) => _removeEdits(arg, current)),
      ];
      const primary = opts.primary === undefined
        ? undefined
        : parseMetricName(opts.primary, "--primary");
      if (edits.length === 0 && primary === undefined) {
        throw invalid(
          "Nothing to set: give --primary, --min, --max, --mean, --range, --min-improvement or --remove",
        );
      }
      const { requirements, entry } = setRequirements(current, {
        edits,
        reason: opts.reason,
        ...(primary ? { primary } : {}),
        ...(ctx.by ? { by: ctx.by } : {}),
        ...(task ? { task } : {}),
      });
      if (!entry) {
        return console.log("No change: the requirements already say that; nothing recorded");
      }
      saveRequirements(ctx.path, requirements, task ? { task } : {});
      console.log(`Recorded ${entry.action === "lower" ? "lower (loosens requirements)" : "set"}:`);
      if (entry.primary) console.log(`  primary ${entry.primary.from} → ${entry.primary.to}`);
      for (const c of entry.changes) {
        console.log(`  ${describeChange(c)}${loosens(c) ? "  (loosened)" : ""}`);
      }
      const changed = (s: { metric: string; kind: string }) =>
        entry.changes.some((c) => c.metric === s.metric && c.kind === s.kind);
      for (const s of baselineShortfalls(requirements).filter(changed)) {
        console.error(
          `warning: the baseline (${name}@${
            requirements.baseline!.version
          }) would fail ${s.message}`,
        );
      }
    }) as unknown as Command;
}

function _split(flag: string, arg: string, example: string): [MetricName, string] {
  const at = arg.indexOf("=");
  if (at < 1) {
    throw invalid(
      `${flag} ${arg}: expected METRIC=${example}, e.g. ${flag} roc_auc=${
        example === "VALUE" ? "0.7" : "0.6..0.9"
      }`,
    );
  }
  return [parseMetricName(arg.slice(0, at), `${flag} ${arg}`), arg.slice(at + 1)];
}

function _number(text: string, where: string): number {
  const v = Number(text);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim()) || !Number.isFinite(v)) {
    throw invalid(`${where}: ${JSON.stringify(text)} is not a finite number`);
  }
  return v;
}

function _numberEdit(kind: Exclude<ThresholdKind, "range">, arg: string): RequirementEdit {
  const flag = `--${kind.replace("_", "-")}`;
  const [metric, text] = _split(flag, arg, "VALUE");
  const lower = LOWER_IS_BETTER.has(metric);
  if ((kind === "min" && lower) || (kind === "max" && !lower)) {
    const right = lower ? "max" : "min";
    throw invalid(
      `${flag} ${arg}: ${metric} is better when ${
        lower ? "lower" : "higher"
      }: use --${right} ${metric}=${text}`,
    );
  }
  return { metric, kind, value: _number(text, `${flag} ${arg}`) };
}

function _rangeEdit(arg: string): RequirementEdit {
  const [metric, text] = _split("--range", arg, "LO..HI");
  const m = /^(.+?)\.\.(.+)$/.exec(text);
  if (!m) throw invalid(`--range ${arg}: expected METRIC=LO..HI, e.g. --range ${metric}=0.6..0.9`);
  const lo = _number(m[1]!, `--range ${arg}`), hi = _number(m[2]!, `--range ${arg}`);
  if (lo > hi) {
    throw invalid(`--range ${arg}: inverted range: ${lo} is above ${hi}; write LO..HI`);
  }
  return { metric, kind: "range", value: [lo, hi] };
}

function _removeEdits(arg: string, current: Requirements): RequirementEdit[] {
  const [name, kind] = arg.split(":", 2) as [string, string | undefined];
  const metric = parseMetricName(name, `--remove ${arg}`);
  if (kind !== undefined) {
    if (!(THRESHOLD_KINDS as readonly string[]).includes(kind)) {
      throw invalid(
        `--remove ${arg}: unknown kind ${kind}; kinds are ${THRESHOLD_KINDS.join(", ")}`,
      );
    }
    return [{ metric, kind: kind as ThresholdKind, value: null }];
  }
  const req = current.metrics[metric] ?? {};
  const kinds = THRESHOLD_KINDS.filter((k) => req[k] !== undefined);
  if (kinds.length === 0) throw invalid(`--remove ${arg}: ${metric} has no thresholds`);
  return kinds.map((k) => ({ metric, kind: k, value: null }));
}
