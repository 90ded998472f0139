/**
 * The model regression suite that `deno task test` runs: for every model
 * under `models/`, its champion (or latest version) and its challenger must
 * pass every fixture and meet every requirement on the model's evaluation
 * sample. A failure names model, version, fixture or metric, expected and
 * actual.
 *
 * Set RATCHET_ROOT to run it on another project folder.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { openProject } from "../../core/project/mod.ts";
import { checkFixtures, fixturesPath, readFixtures } from "../../core/fixtures/mod.ts";
import {
  checkRequirements,
  evaluationInput,
  readRequirements,
  requirementsPath,
} from "../../core/requirements/mod.ts";
import { evaluateTable } from "../../core/evaluate/mod.ts";
import { readTable } from "../../core/table/mod.ts";

const root = Deno.env.get("RATCHET_ROOT") ?? fileURLToPath(new URL("../../", import.meta.url));
const project = await openProject(root);
const store = project.store;

for (const name of store.names()) {
  const aliases = store.aliases(name);
  const roles: [string, number][] = [[
    aliases.champion ? "champion" : "latest",
    store.resolve(name, undefined),
  ]];
  if (aliases.challenger !== undefined && aliases.challenger !== roles[0]![1]) {
    roles.push(["challenger", aliases.challenger]);
  }

  for (const [role, version] of roles) {
    const label = `${name}@${version} (${role})`;

    Deno.test(`model ${label} passes every fixture`, async (t) => {
      const model = project.model({ name, ref: version });
      const fixtures = readFixtures(fixturesPath(store, name));
      if (fixtures.length === 0) {
        throw new Error(
          `${label} has no fixtures: record some with \`ratchet fixtures add ${name} --input ROW.json\``,
        );
      }
      for (const result of checkFixtures(model, fixtures)) {
        await t.step({
          name: `fixture ${result.id} (${result.kind})`,
          ignore: result.status === "skipped",
          fn: () => {
            if (result.status === "failed") {
              throw new Error(
                `${label}: fixture ${result.id} failed: ${result.message}\n` +
                  `  expected ${JSON.stringify(result.expected)}\n  actual   ${
                    JSON.stringify(result.actual)
                  }\n` +
                  `  tolerance ${result.tolerance}`,
              );
            }
          },
        });
      }
    });

    Deno.test(`model ${label} meets every requirement on its evaluation sample`, async (t) => {
      const model = project.model({ name, ref: version });
      const requirements = readRequirements(requirementsPath(store, name), { task: model.task });
      if (requirements === undefined) {
        throw new Error(
          `${label} has no requirements: write them with \`ratchet requirements init ${name} --input FILE --sample\``,
        );
      }
      const input = evaluationInput(store.modelDir(name), requirements);
      const evaluation = evaluateTable(model, await readTable(input.path), {
        ...(input.target ? { target: input.target } : {}),
        ...(input.partitionBy ? { partitionBy: input.partitionBy } : {}),
      });
      const result = checkRequirements(requirements, evaluation.partitions, model.task);
      for (const check of result.checks) {
        await t.step(`${check.metric} ${check.kind}`, () => {
          if (!check.passed) throw new Error(`${label} on ${input.source}: ${check.message}`);
        });
      }
    });
  }
}
