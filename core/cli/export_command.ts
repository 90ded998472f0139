/**
 * `ratchet export`: a model version as a versioned bundle for embedding.
 *
 * @module
 */
import { Command, Option } from "@commander-js/extra-typings";
import { relative } from "node:path";
import { openProject } from "../project/mod.ts";
import { parseModelRef } from "../store/mod.ts";
import { formatTable, printJson } from "./output.ts";
import { rootOption } from "./root_option.ts";

/**
 * Builds the `export` command.
 *
 * @example
 * ```ts
 * import { exportCommand } from "./export_command.ts";
 * const help = exportCommand().helpInformation();
 * if (!help.includes("--sql <dialect>") || !help.includes("--out <dir>")) throw new Error(help);
 * ```
 */
export function exportCommand(): Command {
  return new Command("export")
    .description(
      "Export a model version as a bundle: a self-contained JavaScript predictor, its types, " +
        "fixtures and self-test, optional SQL, a manifest of hashes, and a .tar.gz of it",
    )
    .argument("<model>", "NAME (the champion, or the latest version), NAME@VERSION, NAME@champion")
    .option(
      "--out <dir>",
      "folder to write <name>-<version>/ and <name>-<version>.tar.gz in",
      "dist",
    )
    .addOption(
      new Option("--sql <dialect>", "also write score.sql, a scoring query over a table `input`")
        .choices(["duckdb", "postgres"] as const),
    )
    .option("--json", "print the result (folder, archive, manifest) as JSON")
    .addOption(rootOption())
    .addHelpText(
      "after",
      `
The bundle holds model.json (the artifact), predictor.js (an ES module without
dependencies for Node 20+, Deno and browsers: predict(row), predictBatch(columns)),
predictor.d.ts, requirements.json, fixtures.jsonl, selftest.js (node selftest.js
checks every fixture against predictor.js), README.md, score.sql with --sql, and
manifest.json (SHA-256 of every file, plugin versions, git commit, date).

Only a version that meets its fixtures is exported. Exporting the same version
again leaves the bundle as it is; a different bundle in its place is refused.

Examples:
  ratchet export rain-tomorrow
  ratchet export rain-tomorrow@2 --out dist --sql duckdb
  node dist/rain-tomorrow-2/selftest.js`,
    )
    .action(async (ref, opts) => {
      const project = await openProject(opts.root);
      const { exportBundle } = await import("../export/mod.ts");
      const result = await exportBundle(project, parseModelRef(ref), {
        out: opts.out,
        sql: opts.sql,
      });
      if (opts.json) return printJson(result);
      const { manifest } = result;
      const dir = relative(Deno.cwd(), result.dir) || ".";
      const label = `${manifest.name}@${manifest.version}`;
      console.log(
        result.created
          ? `Exported ${label} to ${dir}/ and ${relative(Deno.cwd(), result.tarball)}`
          : `${dir}/ already holds this bundle of ${label} (exported ${manifest.created}); left as it is`,
      );
      const sizes = Object.entries(manifest.files).map(([name, sha]) => [
        name,
        Deno.statSync(`${result.dir}/${name}`).size,
        sha.slice(0, 12),
      ]);
      console.log(formatTable(["file", "bytes", "sha256"], sizes));
      console.log(`Check it: node ${dir}/selftest.js`);
    }) as unknown as Command;
}
