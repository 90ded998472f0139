import assert from "node:assert/strict";
import { RatchetError } from "../errors/mod.ts";
import { GRAINS } from "./dataset.ts";
import { duckdb } from "./duckdb.ts";
import { parsePartitionLabel, partitionLabel, partitionLabelSql } from "./partition_label.ts";

Deno.test("partition labels agree with DuckDB's calendar (strftime %G-W%V for ISO weeks) for every day of 1999–2032", async () => {
  const db = await duckdb();
  const rows = (await db.runAndReadAll(
    `SELECT strftime(d, '%Y-%m-%d') AS day, strftime(d, '%G-W%V') AS week, strftime(d, '%Y-%m') AS month,
       strftime(d, '%Y') || '-Q' || CAST(quarter(d) AS VARCHAR) AS quarter, strftime(d, '%Y') AS year,
       ${GRAINS.map((g) => `${partitionLabelSql("d", g)} AS sql_${g}`).join(", ")}
     FROM (SELECT CAST(range AS DATE) AS d FROM range(DATE '1999-01-01', DATE '2033-01-01', INTERVAL 1 DAY))`,
  )).getRowObjectsJson() as Record<string, string>[];
  assert.equal(rows.length, 12419);
  for (const row of rows) {
    const date = new Date(`${row.day}T23:59:59.999Z`);
    for (const g of GRAINS) {
      assert.equal(partitionLabel(date, g), row[g], `${g} of ${row.day}`);
      assert.equal(row[`sql_${g}`], row[g], `SQL ${g} of ${row.day}`);
      assert.equal(parsePartitionLabel(row[g]!, g), row[g]);
    }
  }
});

Deno.test("partitionLabel reads dates in UTC, and the first days of a year may be in the last ISO week of the one before", () => {
  assert.equal(partitionLabel(new Date("2021-01-03T12:00:00Z"), "week"), "2020-W53");
  assert.equal(partitionLabel(new Date("2024-12-30T00:00:00Z"), "week"), "2025-W01");
  assert.equal(partitionLabel(new Date("2015-03-31T23:30:00-02:00"), "month"), "2015-04");
  assert.equal(partitionLabel(new Date("0099-06-01T00:00:00Z"), "year"), "0099");
  assert.throws(() => partitionLabel(new Date(NaN), "day"), /invalid date/);
  assert.throws(() => partitionLabel(new Date("+010000-01-01T00:00:00Z"), "day"), /0001 to 9999/);
});

Deno.test("parsePartitionLabel refuses malformed labels, naming the label and the expected form", () => {
  const refused: [string, (typeof GRAINS)[number], RegExp][] = [
    ["2024-13", "month", /month 13 is not 01 to 12/],
    ["2024-00", "month", /month 00/],
    ["", "month", /it is empty/],
    ["2024-1", "month", /form of a month/],
    ["2024-01-01", "month", /form of a month/],
    ["2024-Q5", "quarter", /quarter 5/],
    ["2024-Q0", "quarter", /quarter 0/],
    ["2021-W53", "week", /week 53 is not 01 to 52/],
    ["2024-W00", "week", /week 00/],
    ["2023-02-29", "day", /no such day/],
    ["2024-04-31", "day", /no such day/],
    ["2024-13-01", "day", /no such day/],
    ["0000", "year", /years start at 0001/],
    ["24", "year", /form of a year/],
    [" 2024", "year", /form of a year/],
  ];
  for (const [text, grain, why] of refused) {
    assert.throws(() => parsePartitionLabel(text, grain), (e: unknown) => {
      assert.ok(e instanceof RatchetError && e.kind === "invalid", String(e));
      assert.match(e.message, why);
      assert.ok(e.message.includes(JSON.stringify(text)), e.message);
      return true;
    }, `${grain} ${JSON.stringify(text)}`);
  }
  assert.equal(parsePartitionLabel("2020-W53", "week"), "2020-W53");
  assert.equal(parsePartitionLabel("2024-02-29", "day"), "2024-02-29");
});
