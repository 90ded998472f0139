import assert from "node:assert/strict";
import { analyseCell } from "./analyse_cell.ts";

function names(source: string): { declares: string; reads: string } {
  const a = analyseCell(source);
  return { declares: a.declares.join(","), reads: a.reads.join(",") };
}

Deno.test("top-level declarations of every kind are declared", () => {
  const cases: [string, string][] = [
    ["const a = 1, b = 2", "a,b"],
    ["let c\nvar d = 3", "c,d"],
    ["const { e, f: g, h = 1, ...i } = o", "e,g,h,i"],
    ["const [j, , [k], ...l] = arr", "j,k,l"],
    ["function m(x) { return x }", "m"],
    ["async function n() {}", "n"],
    ["function* gen() {}", "gen"],
    ["class P extends Base {}", "P"],
    ["export const q = 1", "q"],
    ["enum Color { Red, Green }", "Color"],
    ["import { r, s as t } from 'npm:x@1'\nimport u, * as v from 'npm:y@1'", "r,t,u,v"],
    ["const w: Map<string, number> = new Map()", "w"],
    ["let x!: number", "x"],
    ["const f = (a, b) => a + b, g2 = 1", "f,g2"],
  ];
  for (const [source, expected] of cases) assert.equal(names(source).declares, expected, source);
});

Deno.test("types, private names and nested declarations are not declared", () => {
  const cases: [string, string][] = [
    ["type Row = { a: number }", ""],
    ["interface Row { a: number }", ""],
    ["import type { T } from 'npm:x@1'", ""],
    ["declare const z: number", ""],
    ["const _tmp = 1", ""],
    ["if (x) { const inner = 1 }", ""],
    ["for (let i = 0; i < 3; i++) {}", ""],
    ["function f() { const local = 1; var v = 2 }", "f"],
    ["const h = function named() {}", "h"],
    ["{ let blockScoped = 1 }", ""],
  ];
  for (const [source, expected] of cases) assert.equal(names(source).declares, expected, source);
});

Deno.test("reads are free names only", () => {
  const cases: [string, string][] = [
    ["a + b", "a,b"],
    ["o.p.q", "o"],
    ["o?.p", "o"],
    ["({ key: value, short })", "short,value"],
    ["f((x) => x + y)", "f,y"],
    ["f(x => x * k)", "f,k"],
    ["function g(p, { q }, [r] = s) { return p + q + r + t }", "s,t"],
    ["class A { field = init; method(arg) { return arg + this.field + other } }", "init,other"],
    ["try { risky() } catch (err) { report(err) }", "report,risky"],
    ["for (const row of rows) total += row.x", "rows,total"],
    ["for (let i = 0; i < n; i++) use(i)", "n,use"],
    ["const v = 1\nv + w", "w"],
    ["`text ${a} and ${b.c}`", "a,b"],
    ["'a string with b' + /regex c/.source // comment d", ""],
    ["/* block e */ f", "f"],
    ["x as Foo", "x"],
    ["const n: Foo<Bar> = m", "m"],
    ["(a: number, b?: string): Promise<void> => run(a, b)", "run"],
    ["label: for (;;) { break label }", ""],
    ["obj.#priv", "obj"],
    ["const o2 = { get size() { return len }, set size(v) { store(v) } }", "len,store"],
    ["const { a: renamed = fallback } = source", "fallback,source"],
    ["async function main() { await sql`select ${p}` }", "p,sql"],
    ["const f2 = async ({ a }) => { const b = a; return b + c }", "c"],
  ];
  for (const [source, expected] of cases) assert.equal(names(source).reads, expected, source);
});

Deno.test("the last statement is the output when it is an expression", () => {
  const output = (source: string) => {
    const o = analyseCell(source).output;
    return o && source.slice(o.start, o.end);
  };
  assert.equal(output("const a = 1\na * 2"), "a * 2");
  assert.equal(output("const a = 1;\na * 2;"), "a * 2");
  assert.equal(output("x\n  .map((d) => d)\n  .length // count"), "x\n  .map((d) => d)\n  .length");
  assert.equal(output("const a = 1"), undefined);
  assert.equal(output("function f() {}"), undefined);
  assert.equal(output("if (x) { y }"), undefined);
  assert.equal(output("function f() {} f()"), "f()");
  assert.equal(output("class A {}\nnew A()"), "new A()");
  assert.equal(output("const o = {\n  a: 1,\n}\n(o)"), undefined, "JavaScript reads o = {…}(o)");
  assert.equal(output("await run()"), "await run()");
  assert.equal(output("({ a: 1 })"), "({ a: 1 })");
  assert.equal(output("md`# title`"), "md`# title`");
  assert.equal(output(""), undefined);
  assert.equal(output("// only a comment"), undefined);
  assert.equal(output("x = 3"), "x = 3");
  assert.equal(output("let a = 1\n++a"), "++a");
});
