import assert from "node:assert/strict";
import { definePlugin, jsPredictor } from "../contract/mod.ts";
import { createRandom } from "../random/mod.ts";
import { checkJsSource, undefinedNames } from "./check_js_source.ts";

const shape = { task: "regression", inputs: ["x", "y"], classes: 1 } as const;

const SCALE = 2;
function compileSum(c: { bias: number }) {
  const row = (r: ArrayLike<number>) => SCALE * (r[0]! + r[1]!) + c.bias;
  return {
    width: 1,
    predictBatch(columns: readonly Float64Array[], n: number, out = new Float64Array(n)) {
      for (let i = 0; i < n; i++) out[i] = row([columns[0]![i]!, columns[1]![i]!]);
      return out;
    },
    predictRow: (r: ArrayLike<number>, out = new Float64Array(1)) => (out[0] = row(r), out),
  };
}

function plugin(toJS: (c: { bias: number }) => string) {
  return definePlugin<{ bias: number }>({
    id: "sum",
    version: "1.0.0",
    description: "test",
    tasks: ["regression"],
    parse: (c) => c as { bias: number },
    compile: compileSum,
    toJS,
  });
}

Deno.test("undefinedNames: finds the free names of a module, statically", async () => {
  assert.deepEqual(
    await undefinedNames("export default () => (false ? helper(1) : Math.abs(y));"),
    [
      "helper",
      "y",
    ],
  );
  assert.deepEqual(await undefinedNames("const y = 1; export default () => Math.abs(y);"), []);
});

Deno.test("checkJsSource: accepts a faithful toJS", async () => {
  const good = plugin((c) =>
    jsPredictor("compileSum(coefficients)", c, shape, { compileSum, SCALE })
  );
  await checkJsSource(good, shape, { bias: 0.5 }, createRandom(1));
});

Deno.test("checkJsSource: refuses a source that leaves a name undefined", async () => {
  const missing = plugin((c) => jsPredictor("compileSum(coefficients)", c, shape, { compileSum }));
  await assert.rejects(
    () => checkJsSource(missing, shape, { bias: 0.5 }, createRandom(1)),
    /refers to SCALE, which it does not define/,
  );
});

Deno.test("checkJsSource: refuses a source whose numbers differ from compile's", async () => {
  const other = plugin((c) =>
    jsPredictor("compileSum(coefficients)", { bias: c.bias + 1e-15 }, shape, { compileSum, SCALE })
  );
  await assert.rejects(
    () => checkJsSource(other, shape, { bias: 0.5 }, createRandom(1)),
    /toJS predictBatch gave .*, compile gave/,
  );
});
