import assert from "node:assert/strict";
import { runPython, sklearnTest } from "../../../core/testing/mod.ts";
import { NumpyRandomState } from "./numpy_random_state.ts";

Deno.test({
  name: "NumpyRandomState: the same draws as numpy.random.RandomState",
  ...sklearnTest(),
  fn: async () => {
    const seeds = [0, 1, 42, 2 ** 31 - 1, 2 ** 32 - 1];
    const expected = await runPython<
      { words: number[]; ints: number[]; small: number[]; uniform: number[] }[]
    >(
      `
import json, sys, numpy as np
out = []
for s in json.load(sys.stdin):
    words = np.random.RandomState(s).randint(0, 2**32, size=5, dtype=np.uint64).tolist()
    r = np.random.RandomState(s)
    ints = [int(r.randint(0, 2**31 - 1)) for _ in range(5)]
    small = [int(r.randint(0, 7)) for _ in range(5)]
    out.append({"words": words, "ints": ints, "small": small, "uniform": r.uniform(size=5).tolist()})
print(json.dumps(out))
`,
      seeds,
    );
    seeds.forEach((seed, k) => {
      const words = new NumpyRandomState(seed);
      assert.deepEqual(
        Array.from({ length: 5 }, () => words.uint32()),
        expected[k]!.words,
        `words of ${seed}`,
      );
      const r = new NumpyRandomState(seed);
      assert.deepEqual(
        Array.from({ length: 5 }, () => r.randint(2 ** 31 - 1)),
        expected[k]!.ints,
        `randint of ${seed}`,
      );
      assert.deepEqual(
        Array.from({ length: 5 }, () => r.randint(7)),
        expected[k]!.small,
        `small randint of ${seed}`,
      );
      assert.deepEqual(
        Array.from({ length: 5 }, () => r.uniform()),
        expected[k]!.uniform,
        `uniform of ${seed}`,
      );
    });
  },
});
