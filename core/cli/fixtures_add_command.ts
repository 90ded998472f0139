/**
 * `ratchet fixtures add`: a row of a model with the output it must give — the
 * model's own (a snapshot) or one stated with --expect or probability bounds
 * (a contract).
 *
 * @module
 */
import { Command, Option } from "@commander-js/extra-typings";
import { invalid, RatchetError } from "../errors/mod.ts";
import { parseJson } from "../json/mod.ts";
import { parseModelRef, validateModelName } from "../store/mod.ts";
import { openProject } from "../project/mod.ts";
import {
  appendFixture,
  checkFixtures,
  FIXTURE_KINDS,
  fixturesPath,
  recordFixture,
} from "../fixtures/mod.ts";
import { printJson } from "./output.ts";
import { rootOption } from "./root_option.ts";
import { collect } from "./list_option.ts";

/**
 * Builds `fixtures add`.
 *
 * @example
 * ```ts
 * import { fixturesAddCommand } from "./fixtures_add_command.ts";
 * const help = fixturesAddCommand().helpInformation();
 * if (!help.includes("--max-probability <label=p>")) throw new Error(help);
 * ```
 */
export function fixturesAddCommand(): Command {
  return new Command("add")
    .description(
      "Add a case: the model's output on a row (a snapshot), or with --expect / --min-probability / --max-probability a contract",
    )
    .argument("<name>", "model name")
    .requiredOption(
      "--input <file>",
      "the row: one JSON object, as `predict` takes, or - for stdin",
    )
    .option(
      "--expect <value>",
      "a contract: the class label, or the regression value (with --tolerance)",
    )
    .option("--min-probability <label=p>", "a contract: p(label) must be ≥ p; repeatable", collect)
    .option("--max-probability <label=p>", "a contract: p(label) must be ≤ p; repeatable", collect)
    .option(
      "--tolerance <t>",
      "absolute tolerance (default 1e-9 for snapshots, 0 for classifier contracts; required for regression contracts)",
    )
    .addOption(
      new Option("--kind <kind>", "where the case came from").choices(FIXTURE_KINDS).default(
        "sample" as const,
      ),
    )
    .option("--note <text>", "why the case is here")
    .option("--by <who>", "who or what adds it (default: $USER via ratchet fixtures add)")
    .option("--dataset <name>", "the dataset the row was taken from")
    .option("--partition <value>", "the dataset partition holding the row, e.g. 2015-03")
    .option("--row-key <key>", "the row's key in that dataset, e.g. a date or an id")
    .option(
      "--model-version <version>",
      "record with this version: a number, champion, challenger or latest (default: the champion)",
    )
    .addOption(rootOption())
    .addHelpText(
      "after",
      `
Only the model's features are kept from the row (other columns are listed on
stderr). The case's id is f_ + 12 hex digits of the SHA-256 of that input; a
second case for the same input is refused. Prints the new case as JSON.

Examples:
  echo '{"tenure_months": 2, "plan": "basic"}' | ratchet fixtures add churn --input - --kind contrived
  ratchet fixtures add rain-tomorrow --input dry_day.json --max-probability yes=0.3 --note "dry, still day"
  ratchet fixtures add temp-tomorrow --input july.json --expect 29 --tolerance 4`,
    )
    .action(async (name, opts) => {
      validateModelName(name);
      const tolerance = opts.tolerance === undefined
        ? undefined
        : _number("--tolerance", opts.tolerance, 0, Infinity);
      const bounds = _bounds(opts.minProbability ?? [], opts.maxProbability ?? []);
      const project = await openProject(opts.root);
      const model = project.model(
        parseModelRef(opts.modelVersion === undefined ? name : `${name}@${opts.modelVersion}`),
      );
      const row = await _readRow(opts.input);
      const by = opts.by ??
        `${Deno.env.get("USER") ?? Deno.env.get("USERNAME") ?? "someone"} via ratchet fixtures add`;
      const { fixture, dropped } = recordFixture(model, row, {
        kind: opts.kind,
        ...(opts.expect !== undefined ? { expect: opts.expect } : {}),
        ...(bounds ? { bounds } : {}),
        ...(tolerance !== undefined ? { tolerance } : {}),
        provenance: {
          by,
          ...(opts.note !== undefined ? { note: opts.note } : {}),
          ...(opts.dataset !== undefined ? { dataset: opts.dataset } : {}),
          ...(opts.partition !== undefined ? { partition: opts.partition } : {}),
          ...(opts.rowKey !== undefined ? { row_key: opts.rowKey } : {}),
        },
      });
      if (dropped.length) {
        console.error(
          `note: ${model.label} does not use ${dropped.join(", ")}: not kept in the case`,
        );
      }
      appendFixture(fixturesPath(project.store, name), fixture);
      const [now] = checkFixtures(model, [fixture]);
      if (now?.status === "failed") {
        console.error(`note: ${model.label} does not meet this contract yet: ${now.message}`);
      }
      printJson(fixture);
    }) as unknown as Command;
}

function _number(option: string, text: string, min: number, max: number): number {
  const x = text.trim() === "" ? NaN : Number(text);
  if (!(x >= min && x <= max)) {
    throw invalid(
      `invalid ${option}: ${JSON.stringify(text)} (expected a number from ${min}${
        max === Infinity ? "" : ` to ${max}`
      })`,
    );
  }
  return x;
}

function _bounds(
  min: readonly string[],
  max: readonly string[],
): Record<string, [number, number]> | undefined {
  if (min.length === 0 && max.length === 0) return undefined;
  const out: Record<string, [number, number]> = {};
  const options = [["--min-probability", min], ["--max-probability", max]] as const;
  options.forEach(([option, items], side) => {
    const seen = new Set<string>();
    for (const item of items) {
      const eq = item.lastIndexOf("=");
      if (eq <= 0) {
        throw invalid(
          `invalid ${option}: ${JSON.stringify(item)} (expected LABEL=P, e.g. yes=0.3)`,
        );
      }
      const label = item.slice(0, eq);
      if (seen.has(label)) throw invalid(`${option} ${label}=… is given twice`);
      seen.add(label);
      const range = out[label] ?? [0, 1];
      range[side] = _number(option, item.slice(eq + 1), 0, 1);
      out[label] = range;
    }
  });
  return out;
}

async function _readRow(path: string): Promise<Record<string, unknown>> {
  const source = path === "-" ? "stdin" : path;
  let text: string;
  try {
    text = path === "-"
      ? await new Response(Deno.stdin.readable).text()
      : await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new RatchetError("not_found", `Input file ${path} does not exist`);
    }
    throw e;
  }
  const row = parseJson(text, { source });
  if (row === null || typeof row !== "object" || Array.isArray(row)) {
    throw invalid(
      `${source}: expected one JSON object (a row of feature values, as \`predict\` takes), found ${
        Array.isArray(row) ? "an array" : row === null ? "null" : typeof row
      }`,
    );
  }
  return row;
}
