// The quick row check must never accept a row the zod schema refuses (it only lets checkRows skip
// the schema), and it must accept the plain rows a service sees, or it saves nothing.
import assert from "node:assert/strict";
import type { Feature } from "../artifact/mod.ts";
import { createRandom, type Random } from "../random/mod.ts";
import { checkRows, rowSchema } from "./row_schema.ts";

const FEATURES: Feature[] = [
  { name: "x", type: "number" },
  { name: "vip", type: "boolean" },
  { name: "season", type: "category", levels: ["winter", "summer"] },
  { name: "code", type: "category", levels: [1, 2] },
];

const VALUES: unknown[] = [
  null,
  undefined,
  0,
  -0,
  1,
  2,
  -1.5,
  1e308,
  5e-324,
  NaN,
  Infinity,
  -Infinity,
  true,
  false,
  "",
  "winter",
  "1",
  "__proto__",
  [],
  [1],
  {},
  { x: 1 },
  10n,
];

function randomRow(r: Random, features: readonly Feature[]): unknown {
  const roll = r.int(40);
  if (roll === 0) return VALUES[r.int(VALUES.length)];
  if (roll === 1) return Object.create(null);
  if (roll === 2) return [];
  const row: Record<string, unknown> = roll === 3 ? Object.create({ x: 1 }) : {};
  for (const f of r.shuffle([...features])) {
    if (r.int(12) === 0) continue; // missing
    row[f.name] = r.int(3) === 0 ? VALUES[r.int(VALUES.length)] : _plain(r, f);
  }
  if (r.int(10) === 0) {
    // An own key of any name, `__proto__` too, as JSON.parse makes it.
    Object.defineProperty(row, ["extra", "X", "__proto__", "toString"][r.int(4)]!, {
      value: 1,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  if (r.int(15) === 0) {
    // Round-tripped through JSON, as requests arrive (a BigInt cannot be: left as it is).
    try {
      return JSON.parse(JSON.stringify(row) ?? "null");
    } catch {
      return row;
    }
  }
  return row;
}

function _plain(r: Random, f: Feature): unknown {
  if (f.type === "number") return r.normal() * 100;
  if (f.type === "boolean") return [true, false, 0, 1][r.int(4)];
  return f.levels![r.int(f.levels!.length)];
}

Deno.test("the quick row check accepts only rows the schema accepts, and the plain ones", () => {
  const r = createRandom(7);
  for (const features of [FEATURES, FEATURES.slice(0, 1), [...FEATURES].reverse()]) {
    const s = rowSchema(features);
    let accepted = 0, plain = 0;
    for (let i = 0; i < 20_000; i++) {
      const row = randomRow(r, features);
      const quick = s.accepts(row);
      if (quick) {
        accepted++;
        assert.ok(s.schema.safeParse(row).success, `quick check accepted ${Deno.inspect(row)}`);
      }
      if (s.schema.safeParse(row).success && Object.getPrototypeOf(row) === Object.prototype) {
        plain++;
        assert.ok(quick, `quick check refused a plain valid row ${Deno.inspect(row)}`);
      }
    }
    assert.ok(accepted > 1000 && accepted === plain, `${accepted} accepted, ${plain} plain`);
  }
});

Deno.test("the quick row check leaves a feature named __proto__ to the schema", () => {
  const s = rowSchema([{ name: "__proto__", type: "number" }]);
  const row = JSON.parse('{"__proto__": 1}');
  assert.equal(s.accepts(row), false);
  assert.ok(s.schema.safeParse(row).success);
  checkRows(s, [row], (i) => `row ${i}`, "m@1");
});

Deno.test("checkRows still names every problem the quick check sends to the schema", () => {
  const s = rowSchema(FEATURES);
  const label = (i: number, key?: string) => key ? `$.rows[${i}].${key}` : `$.rows[${i}]`;
  const ok = { x: 1, vip: 0, season: "winter", code: 2 };
  checkRows(s, [ok, { ...ok, x: null }], label, "m@1");
  assert.throws(
    () => checkRows(s, [ok, { ...ok, x: Infinity }, { ...ok, extra: 1 }], label, "m@1"),
    (e: Error) =>
      e.message.includes("$.rows[1].x: expected a finite number or null, found Infinity") &&
      e.message.includes('$.rows[2]: unknown feature "extra"'),
  );
});
