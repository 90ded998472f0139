/**
 * `ratchet plugins …`: what algorithms are installed and what they take.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { openProject } from "../project/mod.ts";
import { formatTable, printJson } from "./output.ts";
import { rootOption } from "./root_option.ts";

/**
 * Builds the `plugins` command group.
 *
 * @example
 * ```ts
 * import { pluginsCommand } from "./plugins_command.ts";
 * const names = pluginsCommand().commands.map((c) => c.name());
 * if (names.join() !== "list,show") throw new Error(names.join());
 * ```
 */
export function pluginsCommand(): Command {
  const plugins = new Command("plugins").description(
    "List installed plugins and their hyperparameters",
  );
  plugins.command("list")
    .description("List built-in and project plugins")
    .addOption(rootOption())
    .option("--json", "print JSON")
    .action(async (opts) => {
      const project = await openProject(opts.root);
      const rows = project.registry.list().map((p) => ({
        id: p.id,
        version: p.version,
        tasks: p.tasks,
        fit: Boolean(p.fit),
        sql: Boolean(p.toSQL),
        tags: p.tags,
        description: p.description,
      }));
      if (opts.json) return printJson(rows);
      console.log(formatTable(
        ["plugin", "version", "tasks", "fit", "sql", "description"],
        rows.map((
          r,
        ) => [
          r.id,
          r.version,
          r.tasks.join(","),
          r.fit ? "yes" : "no",
          r.sql ? "yes" : "no",
          r.description,
        ]),
      ));
    });
  plugins.command("show")
    .description("Show a plugin's tasks, tags and hyperparameters with defaults and ranges")
    .argument("<id>", "plugin id")
    .addOption(rootOption())
    .option("--json", "print JSON")
    .action(async (id, opts) => {
      const project = await openProject(opts.root);
      const p = project.registry.get(id);
      const info = {
        id: p.id,
        version: p.version,
        description: p.description,
        tasks: p.tasks,
        tags: p.tags,
        params: p.params ?? {},
      };
      if (opts.json) return printJson(info);
      console.log(
        `${p.id} ${p.version} — ${p.description}\n  tasks: ${p.tasks.join(", ")}\n  tags:  ${
          JSON.stringify(p.tags)
        }`,
      );
      const params = Object.entries(p.params ?? {});
      if (params.length === 0) return console.log("  (no fit: import models trained elsewhere)");
      console.log(formatTable(
        ["param", "type", "default", "range", "description"],
        params.map(([k, s]) => [
          k,
          s.type,
          JSON.stringify(s.default),
          s.type === "choice"
            ? s.values.map((v) => JSON.stringify(v)).join("|")
            : s.type === "bool"
            ? ""
            : `${s.min ?? "-∞"}..${s.max ?? "∞"}`,
          s.description,
        ]),
      ));
    });
  return plugins as unknown as Command;
}
