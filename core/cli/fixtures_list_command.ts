/**
 * `ratchet fixtures list`: a model's cases.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { validateModelName } from "../store/mod.ts";
import { openProject } from "../project/mod.ts";
import { fixturesPath, readFixtures } from "../fixtures/mod.ts";
import { formatTable, printJson } from "./output.ts";
import { rootOption } from "./root_option.ts";
import { formatExpectation, formatNoFixtures } from "./fixtures_output.ts";

/**
 * Builds `fixtures list`.
 *
 * @example
 * ```ts
 * import { fixturesListCommand } from "./fixtures_list_command.ts";
 * const help = fixturesListCommand().helpInformation();
 * if (!help.includes("--json")) throw new Error(help);
 * ```
 */
export function fixturesListCommand(): Command {
  return new Command("list")
    .description("List a model's cases: id, kind, mode, expected output, added, note")
    .argument("<name>", "model name")
    .option("--json", "print the cases as stored, as a JSON array")
    .addOption(rootOption())
    .action(async (name, opts) => {
      const project = await openProject(opts.root);
      project.store.resolve(validateModelName(name), undefined); // an unknown model is an error
      const cases = readFixtures(fixturesPath(project.store, name));
      if (opts.json) return printJson(cases);
      if (cases.length === 0) return console.log(formatNoFixtures(name));
      console.log(formatTable(
        ["id", "kind", "mode", "status", "expected", "tolerance", "added", "note"],
        cases.map((f) => [
          f.id,
          f.kind,
          f.mode,
          f.superseded ? `superseded at v${f.superseded.version}` : "active",
          formatExpectation(f.expect),
          f.tolerance,
          f.provenance.added.slice(0, 10),
          f.provenance.note ?? "",
        ]),
      ));
    }) as unknown as Command;
}
