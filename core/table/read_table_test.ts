import assert from "node:assert/strict";
import { readCsv } from "./read_csv.ts";
import { readJsonLines, readJsonRows } from "./read_json_rows.ts";
import { parseTable, readTable, sniffFormat } from "./read_table.ts";

Deno.test("CSV: quotes, doubled quotes, line breaks in fields, CRLF, empty cells", () => {
  const t = readCsv('id,note,x\r\n1,"a, ""b""\nc",2.5\r\n2,,\r\n', "in.csv");
  assert.equal(t.n, 2);
  assert.deepEqual(t.names, ["id", "note", "x"]);
  assert.equal(t.column("note")![0], 'a, "b"\nc');
  assert.equal(t.column("note")![1], null);
  assert.equal(t.column("x")![0], "2.5");
  assert.equal(t.rowLabel(1), "row 2 (line 4 of in.csv)");
  assert.ok(t.textual);
});

Deno.test("CSV: a header with no rows is an empty table; an empty file is an error", () => {
  assert.equal(readCsv("a,b\n").n, 0);
  assert.throws(() => readCsv("", "e.csv"), /e\.csv is empty/);
  assert.throws(() => readCsv("\n\n", "e.csv"), /e\.csv is empty/);
});

Deno.test("CSV: ragged rows, unclosed quotes and duplicate headers name the line", () => {
  assert.throws(
    () => readCsv("a,b\n1,2\n3\n", "r.csv"),
    /r\.csv: line 3: expected 2 fields like the header, found 1/,
  );
  assert.throws(() => readCsv('a\n"open\n', "q.csv"), /line 2: a quoted field is not closed/);
  assert.throws(() => readCsv("a,a\n1,2\n"), /"a" appears twice/);
  assert.throws(() => readCsv("a,\n1,2\n"), /column 2 has no name/);
});

Deno.test("JSON rows: an array, one object, or {rows: [...]}", () => {
  assert.equal(readJsonRows('[{"a":1},{"a":2}]').n, 2);
  assert.equal(readJsonRows('{"a":1}').n, 1);
  assert.equal(readJsonRows('{"rows":[{"a":1},{"b":2}]}').column("b")![0], undefined);
  assert.throws(() => readJsonRows("[1]", "x.json"), /x\.json: row 1: expected an object/);
  assert.throws(() => readJsonRows('[{"a":1}', "x.json"), /truncated/);
  assert.throws(() => readJsonRows('[{"a":1,"a":2}]', "x.json"), /duplicate key "a"/);
});

Deno.test("JSON Lines name the line of a bad row", () => {
  const t = readJsonLines('{"a":1}\n\n{"a":2}\n');
  assert.equal(t.n, 2);
  assert.throws(() => readJsonLines('{"a":1}\n{"a":\n', "x.jsonl"), /x\.jsonl line 2/);
});

Deno.test("formats are sniffed when there is no extension", () => {
  assert.equal(sniffFormat("a,b\n1,2\n"), "csv");
  assert.equal(sniffFormat('[{"a":1}]'), "json");
  assert.equal(sniffFormat('{"a":1}'), "json");
  assert.equal(sniffFormat('{"a":1}\n{"a":2}'), "jsonl");
  assert.equal(parseTable('{"a":1}\n{"a":2}', "jsonl", "s").n, 2);
});

Deno.test("readTable: missing and empty files are clear errors", async () => {
  await assert.rejects(() => readTable("/nonexistent/in.csv"), /does not exist/);
  const dir = Deno.makeTempDirSync();
  try {
    Deno.writeTextFileSync(`${dir}/empty.csv`, "");
    await assert.rejects(() => readTable(`${dir}/empty.csv`), /empty\.csv is empty/);
    await assert.rejects(() => readTable(dir), /is a folder/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
