/**
 * `ratchet models …`: publish, list, inspect and alias model versions.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { RatchetError } from "../errors/mod.ts";
import { parseJson } from "../json/mod.ts";
import { validateArtifactBody } from "../artifact/mod.ts";
import { compileModel } from "../model/mod.ts";
import {
  type Alias,
  parseAlias,
  parseModelRef,
  parseVersion,
  validateModelName,
} from "../store/mod.ts";
import { openProject } from "../project/mod.ts";
import { formatTable, printJson } from "./output.ts";
import { rootOption } from "./root_option.ts";

/**
 * Builds the `models` command group.
 *
 * @example
 * ```ts
 * import { modelsCommand } from "./models_command.ts";
 * const names = modelsCommand().commands.map((c) => c.name());
 * if (names.join() !== "add,list,show,alias") throw new Error(names.join());
 * ```
 */
export function modelsCommand(): Command {
  const models = new Command("models").description(
    "Publish, list and inspect versioned model artifacts",
  );

  models.command("add")
    .description(
      "Validate an artifact file (e.g. from tools/export_sklearn.py) and publish it as the next version",
    )
    .argument("<name>", "model name: letters, digits, '.', '_', '-'")
    .argument("<file>", "artifact JSON (format ratchet.model/v1), or - for stdin")
    .addOption(rootOption())
    .option(
      "--version <n>",
      "publish exactly this version (idempotent; refused if it exists with other content)",
    )
    .option("--alias <alias>", "also point champion or challenger at the new version")
    .addHelpText(
      "after",
      '\nPrints {"name","version","sha256"} as JSON.\n\nExample:\n  ratchet models add churn churn.json --alias champion',
    )
    .action(async (name, file, opts) => {
      validateModelName(name);
      const alias = opts.alias === undefined ? undefined : parseAlias(opts.alias);
      const version = opts.version === undefined ? undefined : parseVersion(opts.version);
      const project = await openProject(opts.root);
      const source = file === "-" ? "stdin" : file;
      let text: string;
      try {
        text = file === "-"
          ? await new Response(Deno.stdin.readable).text()
          : await Deno.readTextFile(file);
      } catch (e) {
        if (e instanceof Deno.errors.NotFound) {
          throw new RatchetError("not_found", `Artifact file ${file} does not exist`);
        }
        throw e;
      }
      const body = validateArtifactBody(parseJson(text, { source }), source);
      try {
        compileModel({ ...body, name }, project.registry); // refuses what cannot predict
      } catch (e) {
        if (!(e instanceof RatchetError)) throw e;
        throw new RatchetError(e.kind, `Cannot publish ${name} from ${source}: ${e.message}`, {
          cause: e,
        });
      }
      const result = project.store.publish(name, body, version === undefined ? {} : { version });
      if (alias) project.store.setAlias(name, alias, result.version);
      printJson({ name: result.name, version: result.version, sha256: result.sha256 });
    });

  models.command("list")
    .description("List models with their versions, aliases, plugin and task")
    .addOption(rootOption())
    .option("--json", "print JSON")
    .action(async (opts) => {
      const project = await openProject(opts.root);
      const rows = project.store.names().map((name) => {
        const versions = project.store.versions(name);
        const aliases = project.store.aliases(name);
        const latest = project.store.load(name, "latest");
        return {
          name,
          versions,
          latest: versions.at(-1)!,
          champion: aliases.champion ?? null,
          challenger: aliases.challenger ?? null,
          plugin: latest.plugin.id,
          task: latest.task,
        };
      });
      if (opts.json) return printJson(rows);
      if (rows.length === 0) {
        return console.log(
          `No models in ${project.store.dir}. Publish one with: ratchet models add NAME FILE`,
        );
      }
      console.log(formatTable(
        ["model", "versions", "latest", "champion", "challenger", "plugin", "task"],
        rows.map((
          r,
        ) => [r.name, r.versions.length, r.latest, r.champion, r.challenger, r.plugin, r.task]),
      ));
    });

  models.command("show")
    .description("Show one version: features, target, preprocessing, provenance, hash")
    .argument("<model>", "NAME, NAME@VERSION, NAME@champion or NAME@challenger")
    .addOption(rootOption())
    .option(
      "--json",
      "print the whole artifact (with coefficients) plus aliases and versions as JSON",
    )
    .action(async (ref, opts) => {
      const project = await openProject(opts.root);
      const { name, ref: v } = parseModelRef(ref);
      const artifact = project.store.load(name, v);
      const model = compileModel(artifact, project.registry);
      const aliases = project.store.aliases(name);
      const versions = project.store.versions(name);
      if (opts.json) return printJson({ ...artifact, aliases, versions });
      const aliasOf = (Object.entries(aliases) as [Alias, number][]).filter(([, x]) =>
        x === artifact.version
      )
        .map(([a]) => a);
      const lines = [
        `${artifact.name}@${artifact.version}${aliasOf.length ? ` (${aliasOf.join(", ")})` : ""}`,
        artifact.description ? `  ${artifact.description}` : "",
        `  plugin      ${artifact.plugin.id} ${artifact.plugin.version} (installed ${model.plugin.version})`,
        `  task        ${artifact.task}`,
        `  target      ${artifact.target.name}${
          model.labels.length
            ? ` — classes ${model.labels.map((l) => JSON.stringify(l)).join(", ")}`
            : ""
        }${
          model.positive >= 0 ? `; positive ${JSON.stringify(model.labels[model.positive])}` : ""
        }`,
        `  features    ${artifact.features.length}`,
        ...artifact.features.map((f) =>
          `    ${f.name}: ${f.type}${
            f.levels ? ` [${f.levels.map((l) => JSON.stringify(l)).join(", ")}]` : ""
          }`
        ),
        `  preprocess  ${
          artifact.preprocessing.map((s) => `${s.type}(${s.columns.join(", ")})`).join(" → ") ||
          "none"
        }`,
        `  inputs      ${model.shape.inputs.length}: ${model.shape.inputs.join(", ")}`,
        `  params      ${JSON.stringify(artifact.hyperparameters)}`,
        `  created     ${artifact.provenance.created} by ${artifact.provenance.source}${
          artifact.provenance.estimator ? ` (${artifact.provenance.estimator})` : ""
        }`,
        `  sha256      ${artifact.sha256}`,
        `  versions    ${versions.join(", ")}`,
      ];
      console.log(lines.filter((l) => l !== "").join("\n"));
    });

  models.command("alias")
    .description("Point the champion or challenger alias at a version")
    .argument("<model>", "NAME@VERSION")
    .argument("<alias>", "champion or challenger")
    .addOption(rootOption())
    .action(async (ref, aliasText, opts) => {
      const project = await openProject(opts.root);
      const { name, ref: v } = parseModelRef(ref);
      const alias = parseAlias(aliasText);
      if (v === undefined) {
        throw new RatchetError("invalid", `Give the version to alias: ${name}@VERSION ${alias}`);
      }
      const version = project.store.resolve(name, v);
      project.model({ name, ref: version }); // only a loadable version can be champion
      project.store.setAlias(name, alias, version);
      printJson({ name, alias, version });
    });

  return models as unknown as Command;
}
