// The notebook page and API, over a kernel double that records the commands it gets
// (the real kernel is tested in core/notebook and, end to end, by the browser test).
import assert from "node:assert/strict";
import { join } from "node:path";
import type { CellOutput, CellState, KernelEvent, TablePage } from "../notebook/mod.ts";
import { parseNotebook } from "../notebook/mod.ts";
import { demoCopy, testApp } from "./_test_project.ts";
import { NotebookSessions, type SessionKernel, type StartKernel } from "./notebook_sessions.ts";

const FENCE = "```";
const TEXT =
  `---\ntitle: Rain check\n---\n\nSome *prose* and <b>raw html</b>.\n\n${FENCE}ts\nconst n = slider({ label: "n", min: 1, max: 9 })\n${FENCE}\n\nMore prose.\n\n${FENCE}ts\nhtml\`<script>alert(1)</script>\`\n${FENCE}\n`;

/** A kernel double: each run gives every cell asked the outputs `outputsOf` makes for it. */
class FakeKernel implements SessionKernel {
  cells: CellState[] = [];
  commands: unknown[] = [];
  sources = new Map<string, string>();
  onEvent: (e: KernelEvent) => void;
  constructor(onEvent: (e: KernelEvent) => void) {
    this.onEvent = onEvent;
  }
  sync(cells: readonly { id: string; source: string }[]): void {
    this.commands.push({ type: "sync", ids: cells.map((c) => c.id) });
    const old = new Map(this.cells.map((c) => [c.id, c]));
    this.cells = cells.map((c) =>
      old.get(c.id) ?? { id: c.id, status: "idle", outputs: [], declares: [], reads: [] }
    );
    for (const c of cells) this.sources.set(c.id, c.source);
  }
  outputsOf(source: string): CellOutput[] {
    if (source.includes("slider(")) {
      return [{
        type: "input",
        key: "n",
        control: "slider",
        label: "n",
        value: 3,
        min: 1,
        max: 9,
        step: 1,
      }];
    }
    if (source.includes("html`")) {
      return [{ type: "html", html: "<script>alert(1)</script><b>x</b>" }];
    }
    if (source.includes("throw")) return [];
    if (source.includes("table")) {
      return [{
        type: "table",
        columns: [{ name: "x", type: "number" }, { name: "season", type: "string" }],
        rows: [[1, "winter"], [2, "summer"]],
        total: 40,
        scoring: {
          model: "rain-tomorrow@1",
          name: "rain-tomorrow",
          version: 1,
          features: ["season"],
          rows: [
            {
              input: { season: "winter" },
              provenance: { dataset: "seattle", row_key: "2015-01-01" },
            },
            {
              input: { season: "summer" },
              provenance: { dataset: "seattle", row_key: "2015-07-01" },
            },
          ],
        },
      }];
    }
    return [{ type: "text", text: `ran ${source.length} characters` }];
  }
  run(ids: string[]): Promise<CellState[]> {
    this.commands.push({ type: "run", ids });
    for (const id of ids) {
      const i = this.cells.findIndex((c) => c.id === id);
      if (i < 0) throw new Error(`unknown cell ${id}`);
      const source = this.sources.get(id)!;
      const error = source.includes("throw")
        ? { name: "Error", message: "boom", line: 2, stack: `Error: boom\n    at cell ${id}:2:7` }
        : undefined;
      this.cells[i] = {
        ...this.cells[i]!,
        status: error ? "error" : "done",
        ms: 1.5,
        outputs: this.outputsOf(source),
        ...(error ? { error } : {}),
      };
      this.onEvent({ type: "cell", cell: this.cells[i]! });
    }
    return Promise.resolve(this.cells);
  }
  runAll(): Promise<CellState[]> {
    return this.run(this.cells.map((c) => c.id));
  }
  setInput(id: string, key: string, value: unknown): Promise<CellState[]> {
    this.commands.push({ type: "set_input", id, key, value });
    return Promise.resolve(this.cells);
  }
  interrupt(): Promise<void> {
    this.commands.push({ type: "interrupt" });
    this.onEvent({ type: "restart", reason: "interrupt" });
    return Promise.resolve();
  }
  tablePage(
    id: string,
    output: number,
    request: { offset: number; limit: number; sort?: { column: string; descending?: boolean } },
  ): Promise<TablePage> {
    this.commands.push({ type: "page", id, output, ...request });
    const rows = Array.from({ length: request.limit }, (_, k) => [request.offset + k, "autumn"]);
    return Promise.resolve({
      columns: [{ name: "x", type: "number" }, { name: "season", type: "string" }],
      rows,
      total: 40,
      offset: request.offset,
      scoring: {
        model: "rain-tomorrow@1",
        name: "rain-tomorrow",
        version: 1,
        features: ["season"],
        rows: rows.map((r) => ({
          input: { season: "autumn" },
          provenance: { row_key: String(r[0]) },
        })),
      },
    });
  }
  close(): Promise<void> {
    this.commands.push({ type: "close" });
    return Promise.resolve();
  }
}

const root = demoCopy();
Deno.writeTextFileSync(join(root, "notebooks", "check.md"), TEXT);
const kernels: FakeKernel[] = [];
const startKernel: StartKernel = (o) => {
  const k = new FakeKernel(o.onEvent);
  kernels.push(k);
  return Promise.resolve(k);
};
const sessions = new NotebookSessions(root, { startKernel });
const { request } = await testApp(root, { sessions });
addEventListener("unload", () => Deno.removeSync(root, { recursive: true }));
const ids = () =>
  parseNotebook(Deno.readTextFileSync(join(root, "notebooks/check.md"))).cells.map((c) => c.id);
/** HTML with the white space between tags and attributes folded, so tests do not depend on formatting. */
const fold = (html: string) => html.replace(/>\s+</g, "><").replace(/\s+/g, " ");
const post = async (command: string, body: object, status = 200) => {
  const res = await request(`/api/notebook/${command}`, { json: { path: "check.md", ...body } });
  const json = await res.json();
  assert.equal(res.status, status, JSON.stringify(json));
  return json;
};

Deno.test("notebook page: prose as safe HTML, a cell editor per cell, one kernel per notebook", async () => {
  const res = await request("/notebooks/check.md");
  assert.equal(res.status, 200);
  const html = fold(await res.text());
  assert.match(html, /<title>Rain check<\/title>/);
  assert.match(html, /<em>prose<\/em>/);
  assert.ok(!html.includes("<b>raw html</b>"), "raw HTML in prose is escaped");
  const [a, b] = ids();
  assert.match(
    html,
    new RegExp(
      `<section class="cell idle" id="cell-${a}" data-id="${a}" data-line="${
        parseNotebook(TEXT).cells[0]!.line
      }">`,
    ),
  );
  assert.match(html, /<textarea class="source"[^>]*> ?const n = slider\(\{ label: &quot;n&quot;/);
  assert.ok(html.includes(`data-id="${b}"`));
  assert.match(html, /<script type="module" src="\/static\/notebook.js"><\/script>/);
  await request("/notebooks/check.md").then((r) => r.body?.cancel());
  assert.equal(kernels.length, 1, "the second visit reuses the kernel");
});

Deno.test("notebook API: run, run_all, inputs and interrupt become kernel commands", async () => {
  const [a, b] = ids() as [string, string];
  const ran = await post("run", { ids: [a] });
  const cell = ran.cells.find((c: { id: string }) => c.id === a);
  assert.equal(cell.status, "done");
  assert.match(fold(cell.html), /<input type="range" name="n" min="1" max="9" step="1" value="3">/);
  assert.match(fold(cell.html), new RegExp(`data-cell="${a}" data-key="n"`));
  const all = await post("run_all", {});
  const frame = fold(all.cells.find((c: { id: string }) => c.id === b).html);
  assert.match(frame, /<iframe sandbox="allow-scripts" class="output-frame"/);
  assert.ok(!frame.includes("allow-same-origin"));
  assert.ok(!frame.includes("<script>alert"), "the HTML is inside srcdoc, escaped");
  assert.match(frame, /Content-Security-Policy/);
  await post("set_input", { id: a, key: "n", value: 7 });
  await post("interrupt", {});
  const k = kernels[0]!;
  assert.deepEqual(k.commands.filter((c) => (c as { type: string }).type !== "sync"), [
    { type: "run", ids: [a] },
    { type: "run", ids: [a, b] },
    { type: "set_input", id: a, key: "n", value: 7 },
    { type: "interrupt" },
  ]);
  // Bad commands never reach the kernel.
  for (
    const [command, body] of [
      ["run", { ids: [] }],
      ["set_input", { id: a, key: "n", value: { x: 1 } }],
      ["launch", {}],
      ["run", { ids: [a], extra: 1 }],
    ] as const
  ) {
    const res = await request(`/api/notebook/${command}`, { json: { path: "check.md", ...body } });
    assert.equal(res.status, 400, command);
    assert.match((await res.json()).error, /invalid notebook command/);
  }
});

Deno.test("notebook API: an edit saves only that cell's lines and runs it under its new id", async () => {
  const before = Deno.readTextFileSync(join(root, "notebooks/check.md"));
  const [a] = ids() as [string];
  const edited = await post("edit", { id: a, source: "const n = 4\nn * 2" });
  const after = Deno.readTextFileSync(join(root, "notebooks/check.md"));
  assert.equal(
    after,
    before.replace('const n = slider({ label: "n", min: 1, max: 9 })', "const n = 4\nn * 2"),
  );
  assert.equal(edited.id, ids()[0]);
  assert.notEqual(edited.id, a);
  assert.match(
    edited.cells.find((c: { id: string }) => c.id === edited.id).html,
    /ran 17 characters/,
  );
  // The old id is gone: editing it again is a conflict, and the file stays.
  const stale = await request("/api/notebook/edit", {
    json: { path: "check.md", id: a, source: "1" },
  });
  assert.equal(stale.status, 409);
  assert.match((await stale.json()).error, /no longer in notebooks\/check\.md/);
  assert.equal(Deno.readTextFileSync(join(root, "notebooks/check.md")), after);
  // Insert and delete, also saved.
  const inserted = await post("insert", { after: edited.id, source: "throw new Error('boom')" });
  assert.equal(ids()[1], inserted.id);
  const run = await post("run", { ids: [inserted.id] });
  const error = fold(run.cells.find((c: { id: string }) => c.id === inserted.id).html);
  const line =
    parseNotebook(Deno.readTextFileSync(join(root, "notebooks/check.md"))).cells[1]!.line;
  assert.ok(error.includes(`notebooks/check.md:${line + 1}</b>`), error);
  await post("delete", { id: inserted.id });
  assert.equal(Deno.readTextFileSync(join(root, "notebooks/check.md")), after);
});

Deno.test("notebook API: a table page comes from the kernel, with scored rows to curate", async () => {
  Deno.writeTextFileSync(join(root, "notebooks/table.md"), `# T\n\n${FENCE}ts\ntable\n${FENCE}\n`);
  const run = await (await request("/api/notebook/run_all", { json: { path: "table.md" } })).json();
  const html = fold(run.cells[0].html);
  assert.match(html, /data-total="40" data-notebook="table.md" data-cell="[^"]+" data-output="0"/);
  assert.match(
    html,
    /data-model="rain-tomorrow" data-version="1" data-notebook-path="notebooks\/table.md"/,
  );
  assert.equal((html.match(/<tr data-row=/g) ?? []).length, 2);
  const id = run.cells[0].id;
  const page = await (await request("/api/notebook/page", {
    json: {
      path: "table.md",
      id,
      output: 0,
      offset: 15,
      limit: 15,
      sort: { column: "x", descending: true },
    },
  })).json();
  assert.equal(page.offset, 15);
  assert.equal(
    (page.html.match(/<tr data-row="\{&quot;season&quot;:&quot;autumn&quot;\}"/g) ?? []).length,
    15,
  );
  assert.match(page.html, /<td class="num" data-v="15">15<\/td>/);
  const k = kernels.at(-1)!;
  assert.deepEqual(k.commands.at(-1), {
    type: "page",
    id,
    output: 0,
    offset: 15,
    limit: 15,
    sort: { column: "x", descending: true },
  });
});

Deno.test("notebook paths cannot leave notebooks/", async () => {
  const outside = Deno.makeTempDirSync();
  Deno.writeTextFileSync(join(outside, "x.md"), "```ts\n1\n```\n");
  Deno.symlinkSync(join(outside, "x.md"), join(root, "notebooks", "link.md"));
  for (
    const path of [
      "/notebooks/..%2fmodels%2frain-tomorrow%2frequirements.json",
      "/notebooks/%2e%2e%2fREADME.md",
      "/notebooks/%252e%252e%252fREADME.md",
      "/notebooks/link.md",
      "/notebooks/sub%5c..%5c..%5cx.md",
    ]
  ) {
    const res = await request(path);
    assert.equal(res.status, 400, path);
    await res.body?.cancel();
  }
  for (const path of ["../README.md", "%2e%2e/README.md", "link.md", "/etc/passwd"]) {
    const res = await request("/api/notebook/run_all", { json: { path } });
    assert.equal(res.status, 400, path);
    assert.match((await res.json()).error, /outside notebooks\//);
  }
  const events = await request("/api/notebook/events?path=..%2F..%2Fetc%2Fpasswd");
  assert.equal(events.status, 400);
  await events.body?.cancel();
  assert.equal((await request("/notebooks/missing.md")).status, 404);
  Deno.removeSync(outside, { recursive: true });
});

Deno.test("notebook events: cells stream as server-sent events, and end when the sessions close", async () => {
  const res = await request("/api/notebook/events?path=check.md");
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /text\/event-stream/);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  const read = async (pattern: RegExp) => {
    while (!pattern.test(text)) {
      const { value, done } = await reader.read();
      if (done) return;
      text += value;
    }
  };
  await read(/event: hello/);
  const [a] = ids() as [string];
  await post("run", { ids: [a] });
  await read(/event: cell\ndata: .*"status":"done"/);
  assert.match(text, new RegExp(`"id":"${a}"`));
  await sessions.close();
  await read(/$^/); // to the end of the stream
  assert.ok(
    kernels.every((k) =>
      k.commands.at(-1) && (k.commands.at(-1) as { type: string }).type === "close"
    ),
  );
});
