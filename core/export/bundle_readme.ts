/**
 * A bundle's `README.md`: how to call the predictor and check the bundle.
 *
 * @module
 */
import type { Label } from "../artifact/mod.ts";
import type { Fixture } from "../fixtures/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import type { BundleManifest } from "./bundle_manifest.ts";

/**
 * The README of a bundle: what the model is, an `import { predict }` with
 * a row (a fixture's, or made-up values), `predictBatch`, the self-test,
 * and what every file is. It holds no date or commit, so exporting the same
 * version again gives the same README.
 *
 * @example
 * ```ts
 * import { bundleReadme } from "./bundle_readme.ts";
 * const model = {
 *   label: "temp@2", task: "regression", labels: [], plugin: { id: "linear", version: "1.0.0" },
 *   artifact: { target: { name: "y" } }, preprocessor: { features: [{ name: "x", type: "number" }] },
 * };
 * const manifest = { name: "temp", version: 2, sql: null };
 * const text = bundleReadme(model as never, manifest as never, []);
 * if (!text.includes('import { predict, predictBatch } from "./temp-2/predictor.js";')) throw new Error(text);
 * ```
 */
export function bundleReadme(
  model: Pick<CompiledModel, "label" | "task" | "labels" | "plugin" | "artifact" | "preprocessor">,
  manifest: Pick<BundleManifest, "name" | "version" | "sql">,
  fixtures: readonly Fixture[],
): string {
  const base = `${manifest.name}-${manifest.version}`;
  const features = model.preprocessor.features;
  const example = fixtures.find((f) => !f.superseded)?.input ??
    Object.fromEntries(features.map((f) => [f.name, _placeholder(f.type, f.levels)]));
  const row = JSON.stringify(Object.fromEntries(features.map((f) => [f.name, example[f.name]])));
  const columns = JSON.stringify(
    Object.fromEntries(features.map((f) => [f.name, [example[f.name]]])),
  );
  const what = model.task === "regression"
    ? `A regression of \`${model.artifact.target.name}\``
    : `A ${model.task} classifier of \`${model.artifact.target.name}\` (classes: ${
      model.labels.map((l) => `\`${String(l)}\``).join(", ")
    })`;
  const returns = model.task === "regression"
    ? "`{ prediction }`, the predicted value"
    : "`{ prediction, probabilities }`: the most probable class and each class's probability";
  const sql = manifest.sql
    ? [
      `| \`score.sql\` | the model as one ${
        manifest.sql === "duckdb" ? "DuckDB" : "PostgreSQL"
      } query over a table named \`input\` |`,
    ]
    : [];
  return [
    `# ${model.label}`,
    "",
    `${what}, predicted by the \`${model.plugin.id}\` plugin ${model.plugin.version}; exported by ratchet ` +
    "(`manifest.json` says when, and from which commit).",
    "",
    "`predictor.js` is a self-contained ES module without dependencies (Node 20+, Deno, browsers):",
    "",
    "```js",
    `import { predict, predictBatch } from "./${base}/predictor.js";`,
    "",
    `const { prediction } = predict(${row});`,
    `const batch = predictBatch(${columns});`,
    "```",
    "",
    `\`predict(row)\` returns ${returns}, exactly what \`ratchet predict --format json\` prints for that row.`,
    "`predictBatch(columns)` takes one array per feature and returns the same, column by column.",
    "A row the model cannot read throws a `RatchetError` naming the feature. Types: `predictor.d.ts`.",
    "",
    "Check the bundle: `node selftest.js` (or `deno run --allow-read selftest.js`) predicts every",
    "fixture in `fixtures.jsonl` with `predictor.js` and exits with 1 if one fails; in a page,",
    '`import { selftest } from "./selftest.js"` and `await selftest()`.',
    "",
    "| file | what |",
    "|---|---|",
    "| `model.json` | the model artifact (coefficients, preprocessing, provenance) |",
    "| `predictor.js`, `predictor.d.ts` | the predictor and its types |",
    "| `fixtures.jsonl`, `selftest.js` | the model's regression cases and their check |",
    "| `requirements.json` | the model's performance requirements, when it has them |",
    ...sql,
    "| `manifest.json` | SHA-256 of every file, plugin versions, source commit, date |",
    "",
  ].join("\n");
}

function _placeholder(type: string, levels: readonly Label[] | undefined): Label {
  return type === "number" ? 0 : type === "boolean" ? false : (levels?.[0] ?? "");
}
