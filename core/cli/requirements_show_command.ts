/**
 * `ratchet requirements show`: a model's thresholds beside its baseline,
 * the primary metric, the evaluation sample and the latest history.
 *
 * @module
 */
import { relative } from "node:path";
import { Command } from "@commander-js/extra-typings";
import { invalid, RatchetError } from "../errors/mod.ts";
import { LOWER_IS_BETTER } from "../metrics/mod.ts";
import {
  ALL_METRICS,
  boundKind,
  describeChange,
  formatValue,
  parseRequirements,
  type Requirements,
} from "../requirements/mod.ts";
import { formatTable } from "./output.ts";
import { requirementsContext } from "./requirements_context.ts";
import { rootOption } from "./root_option.ts";

/**
 * Builds `requirements show`.
 *
 * @example
 * ```ts
 * import { requirementsShowCommand } from "./requirements_show_command.ts";
 * const help = requirementsShowCommand().helpInformation();
 * if (!help.includes("--history <n>")) throw new Error(help);
 * ```
 */
export function requirementsShowCommand(): Command {
  return new Command("show")
    .description("Show thresholds per metric beside the champion's baseline, and recent history")
    .argument("<name>", "model name")
    .option("--json", "print requirements.json as it is (after validating it)")
    .option("--history <n>", "how many history entries to show", "5")
    .addOption(rootOption())
    .action(async (name, opts) => {
      const ctx = await requirementsContext(opts.root, name);
      const count = Number(opts.history);
      if (!Number.isInteger(count) || count < 0) {
        throw invalid(`Invalid --history ${opts.history}: expected a whole number ≥ 0`);
      }
      let text: string;
      try {
        text = Deno.readTextFileSync(ctx.path);
      } catch (e) {
        if (!(e instanceof Deno.errors.NotFound)) throw e;
        throw new RatchetError(
          "not_found",
          `${name} has no requirements (${ctx.path}): create them with \`ratchet requirements init ${name} --input FILE\``,
        );
      }
      const store = ctx.project.store;
      const task = store.versions(name).length ? store.load(name).task : undefined;
      const r = parseRequirements(text, ctx.path, task ? { task } : {});
      if (opts.json) return void await Deno.stdout.write(new TextEncoder().encode(text));
      console.log(_describe(r, name, relative(ctx.project.root, ctx.path), count));
    }) as unknown as Command;
}

function _describe(r: Requirements, name: string, path: string, count: number): string {
  const lines = [`${path}`, `  primary     ${r.primary}`];
  if (r.evaluation) {
    const e = r.evaluation;
    const how = [
      e.target ? `target ${e.target}` : "",
      e.partition_by ? `partitioned by ${e.partition_by}` : "",
    ].filter(Boolean).join(", ");
    lines.push(`  evaluation  ${e.sample}${how ? ` (${how})` : ""}`);
  }
  const b = r.baseline;
  if (b) {
    const d = b.data;
    const parts = d.partition_by
      ? `, ${d.partitions} partitions by ${d.partition_by}${
        d.window ? ` (${d.window.from} … ${d.window.to})` : ""
      }`
      : "";
    lines.push(
      `  baseline    v${b.version}, measured ${b.measured} on ${d.source}: ${d.rows} rows${parts}`,
    );
  }
  const shown = ALL_METRICS.filter((m) => r.metrics[m] || b?.metrics[m]);
  const cmp = (lower: boolean) => (lower ? "≤ " : "≥ ");
  lines.push(
    "",
    formatTable(
      ["metric", "bound", "mean", "range", "min_improvement", "baseline min", "mean", "max"],
      shown.map((m) => {
        const req = r.metrics[m] ?? {};
        const lower = LOWER_IS_BETTER.has(m);
        const bound = req[boundKind(m)];
        const s = b?.metrics[m];
        return [
          m === r.primary ? `${m} (primary)` : m,
          bound === undefined ? "—" : `${cmp(lower)}${bound}`,
          req.mean === undefined ? "—" : `${cmp(lower)}${req.mean}`,
          req.range ? `[${req.range[0]}, ${req.range[1]}]` : "—",
          req.min_improvement ?? "—",
          s ? formatValue(s.min) : "—",
          s ? formatValue(s.mean) : "—",
          s ? formatValue(s.max) : "—",
        ];
      }),
    ),
  );
  if (!Object.keys(r.metrics).length) {
    lines.push(
      "",
      `No thresholds yet: \`ratchet requirements ratchet ${name}\` sets them from the baseline, \`requirements set\` by hand.`,
    );
  }
  const recent = count === 0 ? [] : r.history.slice(-count);
  if (recent.length) {
    lines.push("", `history (${recent.length} of ${r.history.length}, latest last)`);
    for (const h of recent) {
      const what = [
        ...(h.primary ? [`primary ${h.primary.from ?? "—"} → ${h.primary.to}`] : []),
        ...h.changes.map(describeChange),
      ];
      lines.push(
        `  ${h.date}  ${h.action.padEnd(7)}  ${h.reason}${h.by ? ` (${h.by})` : ""}`,
        ...(what.length ? [`      ${what.join("; ")}`] : []),
      );
    }
  }
  return lines.join("\n");
}
