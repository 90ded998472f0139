/**
 * `ratchet nowtest`: a model version judged on the newest window of a
 * dataset — metrics against its requirements, drift against its training
 * window — raising an alarm through its channels when it fails.
 *
 * @module
 */
import { Command, Option } from "@commander-js/extra-typings";
import { invalid } from "../errors/mod.ts";
import { LOWER_IS_BETTER } from "../metrics/mod.ts";
import { openProject } from "../project/mod.ts";
import type { RequirementCheck } from "../requirements/mod.ts";
import { parseModelRef } from "../store/mod.ts";
import type { DriftEntry, NowtestResult } from "../nowtest/mod.ts";
import { checkFailed } from "./exit_code.ts";
import { formatTable, printJson, writeOutput } from "./output.ts";
import { progressBar } from "./progress_bar.ts";
import { rootOption } from "./root_option.ts";

/**
 * Builds the `nowtest` command.
 *
 * @example
 * ```ts
 * import { nowtestCommand } from "./nowtest_command.ts";
 * if (nowtestCommand().name() !== "nowtest") throw new Error();
 * ```
 */
export function nowtestCommand(): Command {
  return new Command("nowtest")
    .description(
      "Judge a model version on the newest window of a dataset: requirements, drift, alarms",
    )
    .argument("<model>", "NAME (the champion), NAME@VERSION, NAME@champion or NAME@challenger")
    .requiredOption("--dataset <name>", "a dataset under data/ (see `ratchet data list`)")
    .option(
      "--window <window>",
      "latest (the newest partition), <N>p (newest N partitions), or <N>d, <N>w, <N>m before --now",
      "latest",
    )
    .option("--now <time>", "where <N>d|w|m windows end, ISO 8601 in UTC (default: now)")
    .option(
      "--reference <from..to>",
      "partitions to measure drift against (default: the model's training window)",
    )
    .addOption(
      new Option(
        "--max-psi <x>",
        "fail when the PSI of the predictions or of a feature is above x (default: drift.max_psi of alarms.json)",
      ).argParser(_number),
    )
    .option("--require-labels", "fail when no row of the window has a label yet")
    .option("--target <column>", "the label column (default: the model's target name)")
    .option("--json <file>", "write the result as JSON to a file, or - for stdout")
    .option("--no-alarm", "compute only: no alarm raised or resolved, no alarm state changed")
    .addOption(rootOption())
    .addHelpText(
      "after",
      `
Rows with a label are scored as in back-tests and checked against the
requirements as one partition; rows without one (outcomes not known yet) are
counted and used for drift only. Drift of every feature and of the predictions
is the population stability index (< 0.1 stable, 0.1-0.25 moderate, > 0.25
major) with the shift of the mean and quantiles. A failing run prints an ALARM
line on stderr and notifies the channels of models/<name>/alarms.json once;
a later passing run sends "resolved". Time windows are [now - N, now) in UTC.

Exit codes: 0 passed, 1 failed (requirements, drift above --max-psi, an empty
window: "no data"), 2 an error.

Examples:
  ratchet nowtest rain-tomorrow --dataset seattle
  ratchet nowtest rain-tomorrow --dataset seattle --window 30d --now 2016-01-01 --max-psi 0.25
  ratchet nowtest rain-tomorrow --dataset seattle --reference 2014-01..2014-12 --json -`,
    )
    .action(async (ref, opts) => {
      const project = await openProject(opts.root);
      const { nowtest, parseNow, windowLabel } = await import("../nowtest/mod.ts");
      const bar = progressBar("partitions");
      const result = await nowtest(project, parseModelRef(ref), opts.dataset, {
        window: opts.window,
        alarm: opts.alarm,
        requireLabels: opts.requireLabels ?? false,
        ...(opts.now ? { now: parseNow(opts.now) } : {}),
        ...(opts.reference ? { reference: opts.reference } : {}),
        ...(opts.maxPsi !== undefined ? { maxPsi: opts.maxPsi } : {}),
        ...(opts.target ? { target: opts.target } : {}),
        onPartition: (done, total, label) => bar.update(done, total, label),
      });
      bar.stop();
      if (opts.json === "-") printJson(result);
      else {
        if (opts.json) await writeOutput(opts.json, JSON.stringify(result, null, 2) + "\n");
        _print(result, windowLabel);
      }
      if (result.verdict.failing) checkFailed();
    }) as unknown as Command;
}

// Only the syntax here: nowtest() itself refuses a threshold that is not above 0.
function _number(text: string): number {
  const x = Number(text);
  if (text.trim() === "" || Number.isNaN(x)) {
    throw invalid(`Invalid --max-psi ${JSON.stringify(text)}: expected a number, e.g. 0.25`);
  }
  return x;
}

const _cell = (v: number | null | undefined) =>
  v === null || v === undefined ? "—" : Math.abs(v) >= 1e4 ? v.toExponential(3) : v.toFixed(4);

function _print(r: NowtestResult, windowLabel: (w: NowtestResult["window"]) => string): void {
  console.log(
    `${r.model}@${r.version} on ${r.dataset}: window ${
      windowLabel(r.window)
    } (${r.window.rows} rows, ` +
      `${r.window.labelled} labelled); reference ${r.reference.from}..${r.reference.to} ` +
      `(${r.reference.rows} rows${r.reference.source === "provenance" ? ", training window" : ""})`,
  );
  if (r.metrics) {
    const rows: unknown[][] = [];
    for (const [metric, value] of Object.entries(r.metrics.values)) {
      const checks = r.requirements.checks.filter((c) => c.metric === metric);
      if (checks.length === 0) rows.push([metric, _cell(value), "", ""]);
      checks.forEach((c, k) =>
        rows.push([
          k ? "" : metric,
          k ? "" : _cell(value),
          _threshold(c),
          c.passed ? "pass" : "FAIL",
        ])
      );
    }
    console.log("\n" + formatTable(["metric", "value", "requirement", ""], rows));
  }
  if (r.requirements.note) console.log(`requirements: ${r.requirements.note}`);
  if (r.drift) {
    const entries = [
      ...Object.entries(r.drift.predictions).map(([n, d]) => [n, "prediction", d] as const),
      ...Object.entries(r.drift.features).map(([n, d]) => [n, d.kind, d] as const),
    ].sort((a, b) => (b[2].psi ?? -1) - (a[2].psi ?? -1));
    const limit = r.drift.max_psi === null ? "" : `; fails above ${r.drift.max_psi}`;
    console.log(
      `\ndrift against the reference (PSI < 0.1 stable, 0.1-0.25 moderate, > 0.25 major${limit})`,
    );
    console.log(formatTable(
      ["column", "kind", "psi", "band", "shift"],
      entries.map(([n, kind, d]) => [n, kind, _cell(d.psi), d.band ?? "—", _shift(d)]),
    ));
  }
  for (const note of r.notes) console.log(`note: ${note}`);
  const v = r.verdict;
  console.log(
    `\n${v.failing ? `nowtest FAILED (${v.reasons.join(", ")})` : "nowtest passed"}: ${v.summary}`,
  );
}

function _threshold(c: RequirementCheck): string {
  if (Array.isArray(c.threshold)) return `range [${c.threshold[0]}, ${c.threshold[1]}]`;
  if (c.kind !== "mean") return `${c.kind} ${c.threshold}`;
  return `mean ${LOWER_IS_BETTER.has(c.metric) ? "≤" : "≥"} ${c.threshold}`;
}

// Numbers: the mean's move in reference standard deviations; categories: the level that moved most.
function _shift(d: DriftEntry): string {
  if (d.kind === "number") {
    if (d.mean_shift === null) return "—";
    return `mean ${d.mean_shift >= 0 ? "+" : ""}${d.mean_shift.toFixed(2)} sd`;
  }
  const moved = d.shares.reduce<(typeof d.shares)[number] | undefined>(
    (a, s) => (!a || Math.abs(s.current - s.reference) > Math.abs(a.current - a.reference) ? s : a),
    undefined,
  );
  if (!moved) return "—";
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return `${moved.level} ${pct(moved.reference)} → ${pct(moved.current)}`;
}
