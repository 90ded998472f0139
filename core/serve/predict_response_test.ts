// predictionText must write exactly what JSON.stringify writes for the object the v1 route used to
// build, for every kind of model, label and output.
import assert from "node:assert/strict";
import type { Label } from "../artifact/mod.ts";
import { predictionOf } from "../model/mod.ts";
import { createRandom } from "../random/mod.ts";
import { predictionText } from "./predict_response.ts";
import type { ServedModel } from "./served_model.ts";

const LABELS: Label[][] = [
  ["no", "yes"],
  [0, 1],
  [false, true],
  [true, false],
  [2, 1, 10],
  ["b", "a", "c"],
  [1, "1", 2],
  ["__proto__", "x"],
  ['say "hi"', "é", "\u2028", "tab\there", "back\\slash"],
  ["10", "9", "-1", "1.5", "01", "4294967295", "4294967294"],
];

const SPECIAL = [
  0,
  -0,
  1,
  0.5,
  1e-300,
  5e-324,
  1e21,
  1.7976931348623157e308,
  NaN,
  Infinity,
  -Infinity,
];

function served(name: string, version: number, task: string, labels: Label[], width: number) {
  return { name, version, model: { task, labels, width } } as unknown as ServedModel;
}

Deno.test("predictionText writes what JSON.stringify writes, for every model, label and output", () => {
  const r = createRandom(11);
  const ids = ["e0802c46781e-4abl", 'quote"d', "ünï\u0001code\u2029", "", "a/b"];
  const models = [
    served("rain-tomorrow", 2, "regression", [], 1),
    served('we"ird\\name', 17, "regression", [], 1),
    ...LABELS.map((labels, k) =>
      served(`m${k}`, k + 1, labels.length === 2 ? "binary" : "multiclass", labels, labels.length)
    ),
  ];
  for (const s of models) {
    const m = s.model;
    for (let t = 0; t < 400; t++) {
      const n = 1 + r.int(3), i = r.int(n);
      const outputs = Float64Array.from(
        { length: m.width * n },
        () => r.int(6) === 0 ? SPECIAL[r.int(SPECIAL.length)]! : r.int(4) === 0 ? 0.25 : r.next(),
      );
      const id = ids[r.int(ids.length)]!;
      const expected = JSON.stringify({
        model: s.name,
        version: s.version,
        id,
        ...predictionOf(m, outputs, n, i),
      });
      assert.equal(predictionText(s, id, outputs, n, i), expected);
    }
  }
});
