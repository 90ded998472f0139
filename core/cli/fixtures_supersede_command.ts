/**
 * `ratchet fixtures supersede`: retire a case that no longer holds, keeping
 * it (with why and for which version) in the file.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { invalid } from "../errors/mod.ts";
import { parseModelRef, validateModelName } from "../store/mod.ts";
import { openProject } from "../project/mod.ts";
import { fixturesPath, supersedeFixture } from "../fixtures/mod.ts";
import { printJson } from "./output.ts";
import { rootOption } from "./root_option.ts";

/**
 * Builds `fixtures supersede`.
 *
 * @example
 * ```ts
 * import { fixturesSupersedeCommand } from "./fixtures_supersede_command.ts";
 * const help = fixturesSupersedeCommand().helpInformation();
 * if (!help.includes("--reason <text>")) throw new Error(help);
 * ```
 */
export function fixturesSupersedeCommand(): Command {
  return new Command("supersede")
    .description(
      "Retire a case (kept in the file, no longer checked), e.g. after an intended change",
    )
    .argument("<name>", "model name")
    .argument("<id>", "the case's id, as `fixtures list` shows it")
    .requiredOption("--reason <text>", "why the case no longer holds")
    .option(
      "--model-version <version>",
      "the version whose behaviour supersedes it (default: the champion)",
    )
    .addOption(rootOption())
    .action(async (name, id, opts) => {
      validateModelName(name);
      if (opts.reason.trim() === "") {
        throw invalid("--reason must say why the case no longer holds");
      }
      const project = await openProject(opts.root);
      const { ref } = parseModelRef(
        opts.modelVersion === undefined ? name : `${name}@${opts.modelVersion}`,
      );
      const version = project.store.resolve(name, ref);
      const updated = supersedeFixture(fixturesPath(project.store, name), id, {
        version,
        reason: opts.reason,
        date: new Date().toISOString(),
      });
      printJson(updated);
    }) as unknown as Command;
}
