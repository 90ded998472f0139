/**
 * `ratchet promote`: make a version the champion on the evidence of its
 * latest challenge, or forced / rolled back with a reason; logged in the
 * model's CHANGELOG.md.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { invalid } from "../errors/mod.ts";
import { openProject } from "../project/mod.ts";
import { DEFAULT_MARGIN, describeChange } from "../requirements/mod.ts";
import { parseModelRef } from "../store/mod.ts";
import { numberOption } from "./number_option.ts";
import { printJson } from "./output.ts";
import { rootOption } from "./root_option.ts";

/**
 * Builds the `promote` command.
 *
 * @example
 * ```ts
 * import { promoteCommand } from "./promote_command.ts";
 * const help = promoteCommand().helpInformation();
 * if (!help.includes("--ratchet") || !help.includes("--force")) throw new Error(help);
 * ```
 */
export function promoteCommand(): Command {
  return new Command("promote")
    .description(
      "Make a version the champion: on a promote verdict of its latest challenge, or with --force --reason",
    )
    .argument("<model>", "NAME@VERSION, the version to make champion")
    .option("--ratchet", "also raise the requirements to the new champion's baseline less --margin")
    .option(
      "--margin <x>",
      `slack below the baseline with --ratchet, in metric units (default ${DEFAULT_MARGIN})`,
      numberOption("--margin", { min: 0 }),
    )
    .option("--reason <text>", "why; required with --force and to roll back")
    .option("--force", "promote without a promote verdict (needs --reason; recorded as forced)")
    .option("--json", "print the promotion as JSON")
    .addOption(rootOption())
    .addHelpText(
      "after",
      `
The champion alias moves only when the latest challenge of that version
(models/NAME/challenges/) said promote against the current champion. A
challenge against an older champion no longer counts: challenge again.
Otherwise --force --reason "…" promotes anyway, recorded as forced.

Rolling back is promoting a former champion (one models/NAME/promotions.jsonl
records): it needs --reason, not a new challenge. Every promotion is appended to models/NAME/CHANGELOG.md (date,
from → to, the verdict, the evidence file, the reason) and to
models/NAME/promotions.jsonl. Two promotions at once: one waits for the
other, and then finds its evidence out of date.

--ratchet re-measures the new champion on the requirements' evaluation
sample (else on its challenge's back-test) and raises thresholds to it less
the margin; it never lowers one.

Exit codes: 0 promoted, 2 refused or an error.

Examples:
  ratchet challenge rain-tomorrow --candidate 2 && ratchet promote rain-tomorrow@2 --ratchet
  ratchet promote rain-tomorrow@1 --reason "v2 misses the first autumn storms"   # roll back
  ratchet promote rain-tomorrow@3 --force --reason "hotfix: v2 reads a renamed column"`,
    )
    .action(async (ref, opts) => {
      const { name, ref: version } = parseModelRef(ref);
      if (typeof version !== "number") {
        throw invalid(`Give the version to promote as NAME@VERSION, e.g. ${name}@2 (not ${ref})`);
      }
      if (opts.margin !== undefined && !opts.ratchet) {
        throw invalid("--margin goes with --ratchet");
      }
      const project = await openProject(opts.root);
      const { promote } = await import("../promote/mod.ts");
      const by = _login();
      const result = await promote(project, {
        name,
        version,
        ratchet: opts.ratchet === true,
        force: opts.force === true,
        ...(opts.margin !== undefined ? { margin: opts.margin } : {}),
        ...(opts.reason !== undefined ? { reason: opts.reason } : {}),
        ...(by ? { by } : {}),
      });
      for (const w of result.warnings) console.error(`warning: ${name}@${version} fails ${w}`);
      if (opts.json) return printJson(result);
      const p = result.promotion;
      const how =
        { challenge: "on its challenge", forced: "FORCED", rollback: "rolled back" }[p.kind];
      console.log(
        `${name}: champion ${
          p.from === null ? "none" : `v${p.from}`
        } → v${p.to} (${how}): ${p.summary}`,
      );
      if (p.evidence) console.log(`evidence: ${p.evidence}`);
      if (p.ratchet) {
        if (p.ratchet.changes.length === 0) {
          console.log("requirements: already as strict; unchanged");
        }
        for (const c of p.ratchet.changes) console.log(`ratcheted: ${describeChange(c)}`);
      }
      console.log(`changelog: ${result.changelog}`);
    }) as unknown as Command;
}

function _login(): string | undefined {
  try {
    return Deno.env.get("USER") || Deno.env.get("USERNAME") || undefined;
  } catch {
    return undefined; // no --allow-env: the changelog just does not say who
  }
}
