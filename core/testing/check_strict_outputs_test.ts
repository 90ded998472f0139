import assert from "node:assert/strict";
import { definePlugin, type ModelShape } from "../contract/mod.ts";
import { createRandom } from "../random/mod.ts";
import linear from "../../plugins/linear/mod.ts";
import { checkStrictOutputs } from "./check_strict_outputs.ts";

const shape: ModelShape = { task: "regression", inputs: ["a", "b"], classes: 1 };

/** A regression plugin claiming strict outputs; `clip` makes it lie in JavaScript, `sqlClip` in SQL. */
function _claiming(opts: { clip?: boolean; sqlClip?: boolean }) {
  return definePlugin<null>({
    id: "claims_strict",
    version: "1.0.0",
    description: "test plugin",
    tasks: ["regression"],
    tags: { strict_outputs: true },
    parse: () => null,
    compile: () => ({
      width: 1,
      predictBatch(cols, n, out = new Float64Array(n)) {
        for (let i = 0; i < n; i++) out[i] = this.predictRow([cols[0]![i]!, cols[1]![i]!])[0]!;
        return out;
      },
      predictRow(row, out = new Float64Array(1)) {
        const s = row[0]! + 2 * row[1]!;
        // A clip turns an infinite input into a finite output: not strict.
        out[0] = opts.clip ? Math.min(Math.max(s, -10), 10) : s;
        return out;
      },
    }),
    toSQL: (_c, _shape, inputs) => [
      opts.sqlClip
        ? `coalesce(${inputs[0]}, 0) + 2 * ${inputs[1]}`
        : `${inputs[0]} + 2 * ${inputs[1]}`,
    ],
  });
}

Deno.test("checkStrictOutputs: passes a plugin that carries NaN, infinities and NULL through", async () => {
  await checkStrictOutputs(_claiming({}), shape, null, createRandom(1));
  const c = linear.parse({ intercept: 1, weights: [0, 2] }, shape);
  // A zero weight still carries them: 0·∞ is NaN, 0·NULL is NULL.
  await checkStrictOutputs(linear, shape, c, createRandom(2));
});

Deno.test("checkStrictOutputs: refuses a predictor that turns an infinite input into a finite output", async () => {
  await assert.rejects(
    () => checkStrictOutputs(_claiming({ clip: true }), shape, null, createRandom(1)),
    /declares strict_outputs, but input 0 \(a\) = Infinity gives the finite outputs \[10\]/,
  );
});

Deno.test("checkStrictOutputs: refuses SQL that fills a NULL input", async () => {
  await assert.rejects(
    () => checkStrictOutputs(_claiming({ sqlClip: true }), shape, null, createRandom(1)),
    /its toSQL gives finite outputs when input 0 \(a\) is NULL/,
  );
});
