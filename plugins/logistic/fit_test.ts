import assert from "node:assert/strict";
import type { ModelShape } from "../../core/contract/mod.ts";
import { createRandom } from "../../core/random/mod.ts";
import { fitLogistic } from "./fit.ts";
import { newtonSoftmax } from "./newton_softmax.ts";

const random = createRandom(31);
const n = 150;
const columns = [0, 1, 2].map(() => Float64Array.from({ length: n }, () => random.normal()));
const score = (i: number) => columns[0]![i]! - 0.5 * columns[1]![i]! + random.normal();
const params = { C: 0.8, penalty: "l2", fit_intercept: true, max_iter: 100, tol: 1e-10 };
const close = (a: number, b: number, what: string) =>
  assert(Math.abs(a - b) <= 1e-12, `${what}: ${a} vs ${b}`);

Deno.test("fitLogistic: binary multinomial keeps row 1 of scikit-learn's two symmetric rows", () => {
  const shape: ModelShape = { task: "binary", inputs: ["a", "b", "c"], classes: 2 };
  const target = Float64Array.from({ length: n }, (_, i) => (score(i) > 0 ? 1 : 0));
  const fit = fitLogistic({ shape, columns, n, target }, { ...params, multi_class: "multinomial" });
  // scikit-learn's definition: a two-class softmax with both rows penalised.
  const two = newtonSoftmax({
    columns,
    n,
    labels: Int32Array.from(target),
    classes: 2,
    reference: false,
    C: params.C,
    fitIntercept: true,
    maxIter: 100,
    tol: 1e-10,
  });
  close(fit.intercepts[0]!, two.intercepts[1]!, "intercept");
  fit.weights[0]!.forEach((w, j) => close(w, two.weights[1]![j]!, `weight ${j}`));
});

Deno.test("fitLogistic: ovr rows are independent binary fits of each class against the rest", () => {
  const shape: ModelShape = { task: "multiclass", inputs: ["a", "b", "c"], classes: 3 };
  const target = Float64Array.from({ length: n }, (_, i) => {
    const s = score(i);
    return s < -0.7 ? 0 : s < 0.7 ? 1 : 2;
  });
  const fit = fitLogistic({ shape, columns, n, target }, { ...params, multi_class: "ovr" });
  for (let k = 0; k < 3; k++) {
    const alone = fitLogistic(
      {
        shape: { task: "binary", inputs: shape.inputs, classes: 2 },
        columns,
        n,
        target: target.map((y) => (y === k ? 1 : 0)),
      },
      { ...params, multi_class: "ovr" },
    );
    close(fit.intercepts[k]!, alone.intercepts[0]!, `class ${k} intercept`);
    fit.weights[k]!.forEach((w, j) => close(w, alone.weights[0]![j]!, `class ${k} weight ${j}`));
  }
});

Deno.test("fitLogistic: penalty none ignores C; no intercept gives zero intercepts", () => {
  const shape: ModelShape = { task: "binary", inputs: ["a", "b", "c"], classes: 2 };
  const target = Float64Array.from({ length: n }, (_, i) => (score(i) > 0 ? 1 : 0));
  const data = { shape, columns, n, target };
  const none = { ...params, penalty: "none", multi_class: "ovr" };
  assert.deepEqual(
    fitLogistic(data, { ...none, C: 0.001 }),
    fitLogistic(data, { ...none, C: 1000 }),
  );
  const noIntercept = fitLogistic(data, {
    ...params,
    fit_intercept: false,
    multi_class: "multinomial",
  });
  assert.deepEqual(noIntercept.intercepts, [0]);
});
