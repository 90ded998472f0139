import assert from "node:assert/strict";
import { join } from "node:path";
import { notebookFailures, runNotebook } from "./run_notebook.ts";
import { renderNotebookHtml } from "./notebook_html.ts";

const F = "`".repeat(3);

Deno.test("a headless run reports each failing cell at its file line", async () => {
  const root = Deno.makeTempDirSync();
  try {
    const text = [
      "---",
      "title: Failing",
      "timeout: 5",
      "---",
      "Intro.",
      "",
      `${F}ts`,
      "const fine = 1",
      F,
      "",
      `${F}ts`,
      "const x = fine + 1",
      "throw new Error(`broken at ${x}`)",
      F,
      "",
      `${F}ts`,
      "x * 2",
      F,
      "",
    ].join("\n");
    const path = join(root, "failing.md");
    Deno.writeTextFileSync(path, text);
    const run = await runNotebook(path, { root });
    assert.equal(run.ok, false);
    const lines = text.split("\n");
    const failures = notebookFailures(run);
    assert.equal(failures.length, 2);
    assert.equal(
      failures[0],
      `${path}:${lines.indexOf("throw new Error(`broken at ${x}`)") + 1}: Error: broken at 2`,
    );
    assert.ok(
      failures[1]!.startsWith(`${path}:${lines.indexOf("x * 2") + 1}: NotRun:`),
      failures[1],
    );
    const page = renderNotebookHtml(run);
    assert.ok(page.includes("<title>Failing</title>"));
    assert.ok(page.includes("broken at 2"));
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});

Deno.test("the front matter's timeout is the cell time limit", async () => {
  const root = Deno.makeTempDirSync();
  try {
    const path = join(root, "slow.md");
    Deno.writeTextFileSync(path, `---\ntimeout: 0.3\n---\n\n${F}ts\nwhile (true) {}\n${F}\n`);
    const run = await runNotebook(path, { root });
    assert.equal(run.cells[0]?.error?.name, "TimeoutError");
    assert.match(run.cells[0]!.error!.message, /0\.3 s/);
    Deno.writeTextFileSync(path, `---\ntimeout: never\n---\n`);
    await assert.rejects(() => runNotebook(path, { root }), /timeout must be a number/);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});
