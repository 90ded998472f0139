import assert from "node:assert/strict";
import { CoefficientReader, definePlugin, type ModelShape } from "../contract/mod.ts";
import { checkPlugin } from "./check_plugin.ts";

interface _Coef {
  bias: number;
  w: Float64Array;
}

/** A tiny but honest regression plugin: least squares on each input alone, averaged. */
function _toy(opts: { brokenRow?: boolean; lenientParse?: boolean } = {}) {
  return definePlugin<_Coef>({
    id: "toy",
    version: "1.0.0",
    description: "test plugin",
    tasks: ["regression"],
    params: {},
    parse(raw, shape) {
      const c = new CoefficientReader(raw).object(["bias", "w"]);
      if (opts.lenientParse) {
        const r = raw as { bias: number; w: number[] };
        return { bias: Number(r.bias), w: Float64Array.from(r.w) };
      }
      return {
        bias: c.field("bias").number(),
        w: c.field("w").numbers(shape.inputs.length, "one per input"),
      };
    },
    compile(c) {
      return {
        width: 1,
        predictBatch(cols, n, out = new Float64Array(n)) {
          out.fill(c.bias, 0, n);
          cols.forEach((col, j) => {
            for (let i = 0; i < n; i++) out[i]! += c.w[j]! * col[i]!;
          });
          return out;
        },
        predictRow(row, out = new Float64Array(1)) {
          let s = c.bias;
          for (let j = 0; j < c.w.length; j++) s += c.w[j]! * row[j]!;
          out[0] = opts.brokenRow ? s + 1e-9 : s;
          return out;
        },
      };
    },
    fit({ columns, n, target }) {
      const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / n;
      const my = mean(target);
      const w = columns.map((x) => {
        const mx = mean(x);
        let sxy = 0, sxx = 0;
        for (let i = 0; i < n; i++) {
          sxy += (x[i]! - mx) * (target[i]! - my);
          sxx += (x[i]! - mx) ** 2;
        }
        return sxy / sxx;
      });
      const bias = my - w.reduce((s, wj, j) => s + wj * mean(columns[j]!), 0);
      return { bias, w };
    },
  });
}

const shape: ModelShape = { task: "regression", inputs: ["a", "b"], classes: 1 };
const examples = [{ shape, coefficients: { bias: 1, w: [2, -3] } }];

Deno.test("checkPlugin passes an honest plugin", (t) =>
  checkPlugin(t, _toy(), {
    examples,
    bad: [{ shape, coefficients: { bias: 1, w: [2] }, path: "$.coefficients.w" }],
  }));

Deno.test("checkPlugin catches a row path that disagrees with the batch path", async () => {
  let failed = false;
  await checkPlugin(
    {
      step: async (_name: string, fn: () => unknown) => {
        try {
          await fn();
        } catch {
          failed = true;
        }
        return true;
      },
    } as unknown as Deno.TestContext,
    _toy({ brokenRow: true }),
    { examples },
  );
  assert.ok(failed);
});

Deno.test("checkPlugin catches a parse that accepts corrupted coefficients", async () => {
  const failures: string[] = [];
  await checkPlugin(
    {
      step: async (name: string, fn: () => unknown) => {
        try {
          await fn();
        } catch {
          failures.push(name);
        }
        return true;
      },
    } as unknown as Deno.TestContext,
    _toy({ lenientParse: true }),
    { examples },
  );
  assert.ok(failures.some((f) => f.includes("corrupted")), failures.join("\n"));
});
