/**
 * `ratchet data show`: one dataset's columns, partitions, history and problems.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { resolve } from "node:path";
import { checkDataset, datasetDir, loadDataset, selectPartitions } from "../data/mod.ts";
import { formatTable, printJson } from "./output.ts";
import { rootOption } from "./root_option.ts";

/**
 * Builds `data show`.
 *
 * @example
 * ```ts
 * import { dataShowCommand } from "./data_show_command.ts";
 * if (!dataShowCommand().helpInformation().includes("<name>")) throw new Error();
 * ```
 */
export function dataShowCommand(): Command {
  return new Command("show")
    .description(
      "Show a dataset: columns and types, rows and files per partition, imports, and problems on disk",
    )
    .argument("<name>", "the dataset")
    .option("--from <label>", "show partitions from this label on (e.g. 2015-01)")
    .option("--to <label>", "show partitions up to this label (inclusive)")
    .option("--json", "print the descriptor with its folder, row count and problems as JSON")
    .addOption(rootOption())
    .addHelpText(
      "after",
      `
Problems are checked on disk: a partition fails when a file it lists is
missing or unreadable (zero bytes, truncated) or holds another row count;
malformed partition folders (month=2024-13, month=) and files dataset.json does
not list are reported and never read.`,
    )
    .action(async (name, opts) => {
      const root = resolve(opts.root);
      const all = loadDataset(root, name);
      const partitions = selectPartitions(all, {
        ...(opts.from !== undefined ? { from: opts.from } : {}),
        ...(opts.to !== undefined ? { to: opts.to } : {}),
      });
      const problems = await checkDataset(root, all, { partitions });
      const d = { ...all, partitions };
      const rows = d.partitions.reduce((sum, p) => sum + p.rows, 0);
      if (opts.json) return printJson({ ...d, dir: datasetDir(root, name), rows, problems });
      const failed = new Set(problems.flatMap((p) => p.partition ?? []));
      console.log([
        `${d.name}: ${rows} rows in ${d.partitions.length} partitions by ${d.grain} of ${d.time}` +
        (d.partitions.length ? ` (${d.partitions[0]!.label} … ${d.partitions.at(-1)!.label})` : ""),
        `  folder  ${datasetDir(root, name)}`,
        "",
        formatTable(["column", "type"], d.columns.map((c) => [c.name, c.type])),
        "",
        formatTable(
          ["partition", "rows", "files", "imported", "status"],
          d.partitions.map((p) => [
            p.label,
            p.rows,
            p.files.length,
            p.imported.slice(0, 19).replace("T", " "),
            failed.has(p.label) ? "FAILED" : "ok",
          ]),
        ),
        "",
        formatTable(
          ["imported", "action", "partitions", "rows", "source"],
          d.history.map((h) => [
            h.date.slice(0, 19).replace("T", " "),
            h.action,
            h.partitions.length,
            h.rows,
            h.source.join(", "),
          ]),
        ),
        "",
        problems.length
          ? `Problems (${problems.length}):\n` +
            problems.map((p) => `  ${p.path}: ${p.message}`).join("\n")
          : "No problems.",
      ].join("\n"));
    }) as unknown as Command;
}
