import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { ModelStore } from "../store/mod.ts";
import { Kernel } from "./kernel.ts";
import type { CellState, KernelEvent } from "./kernel_types.ts";
import type { CellOutput } from "./cell_output.ts";
import { workerPermissionsEnabled } from "./worker_permissions.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

async function withKernel(
  fn: (kernel: Kernel, events: KernelEvent[]) => Promise<void>,
  timeoutMs = 10_000,
): Promise<void> {
  const events: KernelEvent[] = [];
  const kernel = await Kernel.start({ root: ROOT, timeoutMs, onEvent: (e) => events.push(e) });
  try {
    await fn(kernel, events);
  } finally {
    await kernel.close();
  }
}

function cell(cells: readonly CellState[], id: string): CellState {
  const c = cells.find((x) => x.id === id);
  assert.ok(c, `no cell ${id}`);
  return c;
}

function text(outputs: readonly CellOutput[]): string[] {
  return outputs.map((o) => o.type === "text" || o.type === "log" ? o.text : `<${o.type}>`);
}

function started(events: readonly KernelEvent[]): string[] {
  return events.flatMap((e) => e.type === "cell" && e.cell.status === "running" ? [e.cell.id] : []);
}

Deno.test("running a cell re-runs the cells that read its names, in order, and no others", async () => {
  await withKernel(async (kernel, events) => {
    kernel.sync([
      { id: "sum", source: "const total = a + b\ntotal" },
      { id: "b", source: "const b = a * 10" },
      { id: "a", source: "const a = 2" },
      { id: "other", source: "const unrelated = 1" },
    ]);
    const first = await kernel.runAll();
    assert.deepEqual(text(cell(first, "sum").outputs), ["22"]);
    assert.deepEqual(started(events), ["a", "b", "sum", "other"]);
    assert.deepEqual(cell(first, "sum").reads, ["a", "b"]);
    events.length = 0;
    kernel.sync([
      { id: "sum", source: "const total = a + b\ntotal" },
      { id: "b", source: "const b = a * 10" },
      { id: "a2", source: "const a = 3" },
      { id: "other", source: "const unrelated = 1" },
    ]);
    const second = await kernel.run(["a2"]);
    assert.deepEqual(started(events), ["a2", "b", "sum"]);
    assert.deepEqual(text(cell(second, "sum").outputs), ["33"]);
  });
});

Deno.test("a name declared by two cells is an error naming both, until one is renamed", async () => {
  await withKernel(async (kernel) => {
    kernel.sync([
      { id: "x1", source: "const x = 1", line: 5 },
      { id: "x2", source: "let x = 2", line: 12 },
    ]);
    for (const c of kernel.cells) {
      assert.equal(c.status, "error");
      assert.match(
        c.error!.message,
        /x is declared by cell \d \(line \d+\) and cell \d \(line \d+\)/,
      );
      assert.match(c.error!.message, /line 5/);
      assert.match(c.error!.message, /line 12/);
    }
    kernel.sync([{ id: "x1", source: "const x = 1" }, { id: "y", source: "const y = x + 1\ny" }]);
    const cells = await kernel.runAll();
    assert.deepEqual(text(cell(cells, "y").outputs), ["2"]);
  });
});

Deno.test("cells that read each other's names are a cycle, and do not run", async () => {
  await withKernel(async (kernel) => {
    kernel.sync([{ id: "p", source: "const p = q + 1" }, { id: "q", source: "const q = p + 1" }]);
    const cells = await kernel.runAll();
    for (const c of cells) assert.match(c.error?.message ?? "", /cycle/);
  });
});

Deno.test("errors point at the cell's own line and column", async () => {
  await withKernel(async (kernel) => {
    kernel.sync([
      { id: "bad", source: "const a = 1\n\nnull!.boom" },
      { id: "late", source: "function f() {\n  throw new RangeError('deep')\n}\nf()" },
      { id: "syntax", source: "const ok = 1\nconst = 2" },
      { id: "after", source: "const seen = a + 1" },
    ]);
    const cells = await kernel.runAll();
    const bad = cell(cells, "bad").error!;
    assert.equal(bad.name, "TypeError");
    // V8 points at the property read; the last line is the wrapped output expression.
    const column = "null!.boom".indexOf("boom") + 1;
    assert.deepEqual([bad.line, bad.column], [3, column]);
    assert.match(bad.stack, new RegExp(`cell bad:3:${column}`));
    const late = cell(cells, "late").error!;
    assert.equal(late.name, "RangeError");
    assert.equal(late.line, 2);
    assert.match(late.stack, /cell late:4:/);
    const syntax = cell(cells, "syntax").error!;
    assert.match(syntax.message, /cell syntax:2:/);
    const after = cell(cells, "after");
    assert.equal(after.status, "error");
    assert.equal(after.error!.name, "NotRun");
  });
});

Deno.test("an endless loop hits the time limit; the host lives and state is restored on demand", async () => {
  await withKernel(async (kernel, events) => {
    kernel.sync([
      { id: "base", source: "const base = 40" },
      { id: "loop", source: "while (true) {}" },
      { id: "use", source: "base + 2" },
    ]);
    await kernel.run(["base"]);
    const cells = await kernel.run(["loop"]);
    assert.equal(cell(cells, "loop").error?.name, "TimeoutError");
    assert.equal(cell(cells, "base").status, "stale");
    assert.ok(events.some((e) => e.type === "restart" && e.reason === "timeout"));
    events.length = 0;
    const again = await kernel.run(["use"]);
    assert.deepEqual(started(events), ["base", "use"]);
    assert.deepEqual(text(cell(again, "use").outputs), ["42"]);
  }, 1500);
});

Deno.test("interrupt stops a running cell and cancels the runs waiting", async () => {
  await withKernel(async (kernel, events) => {
    kernel.sync([{ id: "spin", source: "for (;;) {}" }, { id: "fine", source: "1" }]);
    const running = kernel.run(["spin"]);
    const waiting = kernel.run(["fine"]);
    while (!started(events).includes("spin")) await new Promise((r) => setTimeout(r, 10));
    await kernel.interrupt();
    assert.equal(cell(await running, "spin").error?.name, "Interrupted");
    assert.equal(cell(await waiting, "fine").status, "idle");
    const after = await kernel.run(["fine"]);
    assert.deepEqual(text(cell(after, "fine").outputs), ["1"]);
  });
});

Deno.test("a crash ends only the worker; an error thrown later does not end it", async () => {
  await withKernel(async (kernel) => {
    kernel.sync([
      { id: "stray", source: "setTimeout(() => { throw new Error('later') }, 0)\n'scheduled'" },
      { id: "wait", source: "await new Promise((r) => setTimeout(r, 50))\n'waited'" },
      { id: "exit", source: "self.close()\nawait new Promise(() => {})" },
      { id: "alive", source: "'alive'" },
    ]);
    const cells = await kernel.run(["stray", "wait"]);
    // The late error is shown on the cell running (or last run) when it is thrown.
    const logs = [...cell(cells, "stray").outputs, ...cell(cells, "wait").outputs]
      .filter((o) => o.type === "log" && o.text.includes("later"));
    assert.equal(logs.length, 1);
    assert.ok(cell(cells, "wait").outputs.some((o) => o.type === "text" && o.text === "waited"));
    assert.equal(cell(cells, "wait").status, "done");
    const crashed = await kernel.run(["exit"]);
    assert.equal(cell(crashed, "exit").status, "error");
    const alive = await kernel.run(["alive"]);
    assert.deepEqual(text(cell(alive, "alive").outputs), ["alive"]);
  }, 1500);
});

Deno.test("inputs return their value, and setting one re-runs its readers", async () => {
  await withKernel(async (kernel) => {
    kernel.sync([
      { id: "in", source: "const n = slider({ label: 'n', min: 0, max: 10, value: 3 })" },
      { id: "pick", source: "const c = select({ label: 'colour', options: ['red', 'blue'] })" },
      { id: "out", source: "`${c} ${n * 2}`" },
    ]);
    const first = await kernel.runAll();
    assert.deepEqual(text(cell(first, "out").outputs), ["red 6"]);
    const control = cell(first, "in").outputs[0];
    assert.equal(control?.type, "input");
    const moved = await kernel.setInput("in", "n", 7);
    assert.deepEqual(text(cell(moved, "out").outputs), ["red 14"]);
    const picked = await kernel.setInput("pick", "colour", "blue");
    assert.deepEqual(text(cell(picked, "out").outputs), ["blue 14"]);
    assert.throws(() => kernel.setInput("in", "n", 99), /between 0 and 10/);
    assert.throws(() => kernel.setInput("in", "nope", 1), /no input/);
  });
});

Deno.test("sql binds its parameters, and scored rows carry their model and input", async () => {
  await withKernel(async (kernel) => {
    const quote = "x'; select 1; --";
    kernel.sync([
      { id: "q", source: `await sql\`select \${${JSON.stringify(quote)}} as s, \${2} * 3 as n\`` },
      {
        id: "scored",
        source: 'const days = await sql`select * from seattle where month = ${"2015-03"}`\n' +
          'models.load("rain-tomorrow").score(days, { dataset: "seattle" }).filter((d) => d.p_yes > 0.5)',
      },
    ]);
    const cells = await kernel.runAll();
    const q = cell(cells, "q").outputs[0];
    assert.equal(q?.type, "table");
    if (q?.type !== "table") return;
    assert.deepEqual(q.rows, [[quote, 6]]);
    const t = cell(cells, "scored").outputs[0];
    assert.equal(t?.type, "table");
    if (t?.type !== "table") return;
    // models.load(name) loads the champion.
    const champion = new ModelStore(ROOT).resolve("rain-tomorrow", "champion");
    assert.equal(t.scoring?.model, `rain-tomorrow@${champion}`);
    assert.equal(t.scoring?.rows.length, t.rows.length);
    const date = t.columns.findIndex((c) => c.name === "date");
    const precipitation = t.columns.findIndex((c) => c.name === "precipitation");
    t.scoring!.rows.forEach((r, i) => {
      assert.equal(r.provenance.row_key, t.rows[i]![date]);
      assert.equal(r.provenance.partition, "2015-03");
      assert.equal(r.input.precipitation, t.rows[i]![precipitation]);
      assert.deepEqual(Object.keys(r.input).sort(), [...t.scoring!.features].sort());
    });
    const p = t.columns.findIndex((c) => c.name === "p_yes");
    const page = await kernel.tablePage("scored", 0, {
      offset: 0,
      limit: 3,
      sort: { column: "p_yes", descending: true },
    });
    const all = t.rows.map((r) => r[p] as number).sort((a, b) => b - a);
    assert.deepEqual(page.rows.map((r) => r[p]), all.slice(0, 3));
    assert.equal(page.scoring?.rows.length, 3);
  });
});

Deno.test("Plot figures, Markdown, HTML and display() become outputs", async () => {
  await withKernel(async (kernel) => {
    kernel.sync([{
      id: "rich",
      source: "display(md`# Title`)\ndisplay(html`<b>${'<i>'}</b>`)\n" +
        "Plot.plot({ marks: [Plot.dot([{ x: 1, y: 2 }], { x: 'x', y: 'y' })] })",
    }]);
    const [rich] = await kernel.runAll();
    assert.deepEqual(rich!.outputs.map((o) => o.type), ["markdown", "html", "plot"]);
    const [md, h, plot] = rich!.outputs;
    assert.ok(md?.type === "markdown" && md.html === "<h1>Title</h1>");
    assert.ok(h?.type === "html" && h.html === "<b>&lt;i&gt;</b>");
    assert.ok(plot?.type === "plot" && plot.html.startsWith("<svg"));
  });
});

Deno.test({
  name: "in the sandbox a cell reads the project only, and SQL still works through the host",
  ignore: !workerPermissionsEnabled(),
  fn: async () => {
    const kernel = await Kernel.start({ root: ROOT, permissions: "sandbox" });
    try {
      kernel.sync([
        { id: "write", source: "Deno.writeTextFileSync(`${Deno.cwd()}/x.txt`, 'x')" },
        { id: "net", source: "await fetch('http://127.0.0.1:8/')" },
        { id: "read", source: "Deno.readTextFileSync('/etc/hostname')" },
        { id: "sql", source: "(await sql`select 1 as one`)[0].one" },
      ]);
      const cells = await kernel.runAll();
      for (const id of ["write", "net", "read"]) {
        assert.match(cell(cells, id).error?.message ?? "", /Requires|NotCapable|permission/i, id);
      }
      assert.deepEqual(text(cell(cells, "sql").outputs), ["1"]);
    } finally {
      await kernel.close();
    }
  },
});

Deno.test({
  name: "asking for worker permissions without Deno's worker options is refused, not fatal",
  ignore: workerPermissionsEnabled(),
  fn: async () => {
    await assert.rejects(
      () => Kernel.start({ root: ROOT, permissions: "sandbox" }),
      /unstable-worker-options/,
    );
  },
});

Deno.test("fixtures.add in a cell appends an outlier case with the CLI's code", async () => {
  const root = Deno.makeTempDirSync();
  try {
    Deno.mkdirSync(`${root}/models`);
    for (const name of ["rain-tomorrow"]) {
      const from = `${ROOT}/models/${name}`;
      Deno.mkdirSync(`${root}/models/${name}/versions`, { recursive: true });
      const versions = [...Deno.readDirSync(`${from}/versions`)].map((e) => `versions/${e.name}`);
      for (const f of ["aliases.json", ...versions]) {
        Deno.copyFileSync(`${from}/${f}`, `${root}/models/${name}/${f}`);
      }
    }
    const kernel = await Kernel.start({ root });
    try {
      kernel.sync([{
        id: "add",
        source: "const row = { season: 'summer', precipitation: 25, precipitation_yesterday: 0, " +
          "temp_max: 30, temp_min: 18, wind: 1, weather: 'sun', note_column: 'dropped' }\n" +
          "const added = await fixtures.add('rain-tomorrow', row, { note: 'rain in a heat wave', row_key: '2015-07-01' })\n" +
          "const listed = await fixtures.list('rain-tomorrow');\n" +
          "[added.kind, added.provenance.note, added.provenance.row_key, listed.length, 'note_column' in added.input]",
      }]);
      const [add] = await kernel.runAll();
      assert.equal(add!.error, undefined, add!.error?.stack);
      assert.deepEqual(text(add!.outputs), [
        '[ "outlier", "rain in a heat wave", "2015-07-01", 1, false ]',
      ]);
      const file = Deno.readTextFileSync(`${root}/models/rain-tomorrow/fixtures.jsonl`);
      assert.equal(file.trim().split("\n").length, 1);
      assert.match(file, /"kind":"outlier"/);
    } finally {
      await kernel.close();
    }
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});
