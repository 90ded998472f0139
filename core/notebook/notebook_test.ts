import assert from "node:assert/strict";
import { parseNotebook, serializeNotebook } from "./notebook.ts";
import { deleteCell, insertCell, replaceCell } from "./edit_cells.ts";

const F = "`".repeat(3);

const TRICKY: Record<string, string> = {
  "plain": `# Title\n\nProse.\n\n${F}ts\nconst a = 1\n${F}\n\nMore.\n`,
  "crlf": `---\r\ntitle: CRLF\r\n---\r\n# T\r\n\r\n${F}ts\r\nlet b = 2\r\nb\r\n${F}\r\n`,
  "no trailing newline": `${F}ts\nlet c = 3\n${F}`,
  "tilde fence with info": `~~~ts title="x"\nconst d = "${F}"\n~~~\n`,
  "nested backticks": `${F}${"`"}ts\n${F}\nnot a fence end\n${F}\n${F}${"`"}\n`,
  "unicode": `# Ünïcödé 🌧️\n\n${F}ts\nconst π = "雨" // 🌂\n${F}\n`,
  "empty cell": `${F}ts\n${F}\n\nx\n`,
  "blank line cell": `${F}ts\n\n${F}\n`,
  "unclosed": `${F}ts\nconst e = 5\n`,
  "fence on last line": `intro\n\n${F}ts`,
  "other languages": `${F}js\nnot a cell\n${F}\n\n${F}sql\nselect 1\n${F}\n`,
  "fence in a list": `- item\n\n  ${F}ts\n  nested\n  ${F}\n`,
  "indented fence": `   ${F}ts\n   const f = 6\n   ${F}\n`,
  "mixed endings": `a\r\n\n${F}ts\r\nx\n${F}\r\n`,
  "front matter only": `---\ntitle: "Only: this"\n---\n`,
  "empty": "",
  "typescript fence": `${F}typescript\nconst g: number = 7\n${F}\n`,
};

Deno.test("an unchanged parse serializes to the same text", () => {
  for (const [name, text] of Object.entries(TRICKY)) {
    const nb = parseNotebook(text);
    assert.equal(serializeNotebook(nb), text, name);
    // The blocks cover the text, in order, without gaps.
    let at = 0;
    for (const b of nb.blocks) {
      assert.equal(b.start, at, `${name}: gap before a ${b.kind}`);
      at = b.end;
    }
    assert.equal(at, text.length, name);
  }
});

Deno.test("cells are top-level ts fences, with their source as written", () => {
  assert.deepEqual(parseNotebook(TRICKY["other languages"]!).cells, []);
  assert.deepEqual(parseNotebook(TRICKY["fence in a list"]!).cells, []);
  assert.equal(parseNotebook(TRICKY["crlf"]!).cells[0]!.source, "let b = 2\r\nb");
  assert.equal(
    parseNotebook(TRICKY["nested backticks"]!).cells[0]!.source,
    `${F}\nnot a fence end\n${F}`,
  );
  assert.equal(parseNotebook(TRICKY["unicode"]!).cells[0]!.source, 'const π = "雨" // 🌂');
  assert.equal(parseNotebook(TRICKY["empty cell"]!).cells[0]!.source, "");
  assert.equal(parseNotebook(TRICKY["unclosed"]!).cells[0]!.unclosed, true);
  assert.equal(parseNotebook(TRICKY["typescript fence"]!).cells.length, 1);
  assert.equal(parseNotebook(TRICKY["crlf"]!).title, "CRLF");
  assert.equal(parseNotebook(TRICKY["unicode"]!).title, "Ünïcödé 🌧️");
});

Deno.test("a cell's line is the file line of its first source line", () => {
  const text = TRICKY["crlf"]!;
  const cell = parseNotebook(text).cells[0]!;
  assert.equal(text.split("\r\n")[cell.line - 1], "let b = 2");
});

Deno.test("ids follow the source, not the position", () => {
  const a = parseNotebook(`${F}ts\nx\n${F}\n\n${F}ts\ny\n${F}\n`);
  const b = parseNotebook(`intro\n\n${F}ts\nnew\n${F}\n\n${F}ts\ny\n${F}\n`);
  assert.equal(a.cells[1]!.id, b.cells[1]!.id);
  assert.notEqual(a.cells[0]!.id, b.cells[0]!.id);
  const twins = parseNotebook(`${F}ts\nx\n${F}\n\n${F}ts\nx\n${F}\n`).cells;
  assert.notEqual(twins[0]!.id, twins[1]!.id);
});

Deno.test("replacing a cell with its own source changes nothing", () => {
  for (const [name, text] of Object.entries(TRICKY)) {
    for (const cell of parseNotebook(text).cells) {
      assert.equal(replaceCell(text, cell.id, cell.source).text, text, name);
    }
  }
});

Deno.test("replacing a cell changes only its lines", () => {
  for (const [name, text] of Object.entries(TRICKY)) {
    for (const cell of parseNotebook(text).cells) {
      const edit = replaceCell(text, cell.id, "let changed = 1\nchanged");
      const after = parseNotebook(edit.text);
      const moved = after.cells[cell.index]!;
      assert.equal(moved.source.replace(/\r\n?/g, "\n"), "let changed = 1\nchanged", name);
      assert.equal(moved.id, edit.id, name);
      // Everything before the source and after it is untouched.
      assert.equal(edit.text.slice(0, cell.sourceStart), text.slice(0, cell.sourceStart), name);
      if (cell.source !== "" || cell.unclosed) {
        assert.equal(edit.text.slice(moved.sourceEnd), text.slice(cell.sourceEnd), name);
      }
      assert.equal(after.cells.length, parseNotebook(text).cells.length, name);
    }
  }
});

Deno.test("an edit keeps the cell's line endings", () => {
  const text = TRICKY["crlf"]!;
  const cell = parseNotebook(text).cells[0]!;
  const edit = replaceCell(text, cell.id, "let b = 3\nb * 2");
  assert.equal(edit.text, text.replace("let b = 2\r\nb", "let b = 3\r\nb * 2"));
});

Deno.test("a source holding a fence line gets longer fences", () => {
  const text = `before\n\n${F}ts\nx\n${F}\n\nafter\n`;
  const cell = parseNotebook(text).cells[0]!;
  const source = `const s = \`\n${F}\n\``;
  const edit = replaceCell(text, cell.id, source);
  const nb = parseNotebook(edit.text);
  assert.equal(nb.cells.length, 1);
  assert.equal(nb.cells[0]!.source, source);
  assert.ok(edit.text.startsWith("before\n\n````ts\n") && edit.text.endsWith("\n````\n\nafter\n"));
});

Deno.test("insert and delete are inverse, and leave other cells alone", () => {
  const text = TRICKY["plain"]!;
  const first = parseNotebook(text).cells[0]!;
  for (const place of [{ after: first.id }, { before: first.id }, {}]) {
    const added = insertCell(text, place, "const z = 26");
    const nb = parseNotebook(added.text);
    assert.equal(nb.cells.length, 2);
    assert.ok(nb.cells.some((c) => c.id === added.id && c.source === "const z = 26"));
    assert.ok(nb.cells.some((c) => c.id === first.id && c.source === first.source));
    assert.equal(deleteCell(added.text, added.id), text, JSON.stringify(place));
  }
  const crlf = insertCell(TRICKY["crlf"]!, {}, "1\n2");
  assert.ok(!/[^\r]\n/.test(crlf.text), "line endings stay CRLF");
});

Deno.test("an unknown cell is a not_found error", () => {
  assert.throws(() => replaceCell("", "c00000000", "x"), /No cell c00000000/);
});

Deno.test("bad front matter is refused with its line", () => {
  assert.throws(() => parseNotebook("---\ntitle Rain\n---\n"), /line 2/);
  assert.throws(() => parseNotebook("---\ntitle: Rain\n"), /not closed/);
});
