/**
 * `ratchet fixtures check`: a model version against the model's cases, exit
 * 1 when any fails.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { parseModelRef } from "../store/mod.ts";
import { openProject } from "../project/mod.ts";
import { checkFixtures, fixturesPath, readFixtures } from "../fixtures/mod.ts";
import { printJson } from "./output.ts";
import { rootOption } from "./root_option.ts";
import { checkFailed } from "./exit_code.ts";
import { formatFixtureResult, formatNoFixtures } from "./fixtures_output.ts";

/**
 * Builds `fixtures check`.
 *
 * @example
 * ```ts
 * import { fixturesCheckCommand } from "./fixtures_check_command.ts";
 * const help = fixturesCheckCommand().helpInformation();
 * if (!help.includes("--json")) throw new Error(help);
 * ```
 */
export function fixturesCheckCommand(): Command {
  return new Command("check")
    .description("Check a model version against the model's cases; exit 1 if any fails")
    .argument(
      "<model>",
      "NAME (the champion, or the latest version), NAME@VERSION, NAME@challenger",
    )
    .option("--json", "print every case's result as JSON")
    .addOption(rootOption())
    .addHelpText(
      "after",
      `
Each failure is printed with its case id, what was expected, what the model
gave and the tolerance. Superseded cases are skipped. Exit codes: 0 all
passed, 1 a case failed, 2 an error (unknown model, a broken fixtures file).

Example:
  ratchet fixtures check churn@challenger`,
    )
    .action(async (ref, opts) => {
      const project = await openProject(opts.root);
      const parsed = parseModelRef(ref);
      const model = project.model(parsed);
      const cases = readFixtures(fixturesPath(project.store, parsed.name));
      const results = checkFixtures(model, cases);
      const count = (s: string) => results.filter((r) => r.status === s).length;
      const [passed, failed, skipped] = [count("passed"), count("failed"), count("skipped")];
      if (failed) checkFailed();
      if (opts.json) {
        return printJson({
          model: parsed.name,
          version: model.artifact.version,
          sha256: model.artifact.sha256,
          passed,
          failed,
          skipped,
          results,
        });
      }
      if (cases.length === 0) {
        return console.log(`${model.label}: ${formatNoFixtures(parsed.name)}`);
      }
      results.forEach((r, k) => {
        for (const line of formatFixtureResult(r, cases[k]!.provenance.note)) console.log(line);
      });
      console.log(`${model.label}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
    }) as unknown as Command;
}
