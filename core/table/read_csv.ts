/**
 * CSV as RFC 4180 describes it: a header row, fields separated by commas,
 * quoted fields may hold commas, quotes (doubled) and line breaks. An empty
 * unquoted field is a missing value (`null`); `""` is an empty string.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import { type Table, tableFromColumns } from "./table.ts";

/**
 * Parses CSV text into a {@linkcode Table} of strings. Errors name the line.
 *
 * @example
 * ```ts
 * import { readCsv } from "./read_csv.ts";
 * const t = readCsv('a,b\n1,"x, y"\n2,\n', "in.csv");
 * if (t.n !== 2 || t.column("b")?.[0] !== "x, y" || t.column("b")?.[1] !== null) throw new Error();
 * ```
 */
export function readCsv(text: string, source = "CSV input"): Table {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") throw invalid(`${source} is empty: expected a header row and data rows`);
  const records: (string | null)[][] = [];
  const lines: number[] = [];
  let line = 1;
  let i = 0;
  const len = text.length;
  while (i < len) {
    const startLine = line;
    const record: (string | null)[] = [];
    for (;;) {
      let value: string | null;
      if (text.charCodeAt(i) === 0x22) {
        let j = i + 1;
        let out = "";
        for (;;) {
          const q = text.indexOf('"', j);
          if (q === -1) throw invalid(`${source}: line ${startLine}: a quoted field is not closed`);
          out += text.slice(j, q);
          if (text.charCodeAt(q + 1) === 0x22) {
            out += '"';
            j = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        for (const ch of out) if (ch === "\n") line++;
        value = out;
        const c = text.charCodeAt(i);
        if (i < len && c !== 0x2c && c !== 0x0a && c !== 0x0d) {
          throw invalid(`${source}: line ${line}: unexpected text after a closing quote`);
        }
      } else {
        let j = i;
        while (j < len) {
          const c = text.charCodeAt(j);
          if (c === 0x2c || c === 0x0a || c === 0x0d) break;
          if (c === 0x22) {
            throw invalid(
              `${source}: line ${line}: a quote inside an unquoted field (quote the whole field)`,
            );
          }
          j++;
        }
        value = j === i ? null : text.slice(i, j);
        i = j;
      }
      record.push(value);
      const c = text.charCodeAt(i);
      if (c === 0x2c) {
        i++;
        continue;
      }
      if (c === 0x0d) i++;
      if (text.charCodeAt(i) === 0x0a) i++;
      line++;
      break;
    }
    if (record.length === 1 && record[0] === null) continue; // blank line
    records.push(record);
    lines.push(startLine);
  }
  const header = records[0];
  if (!header) throw invalid(`${source} is empty: expected a header row and data rows`);
  const names = header.map((h, k) => {
    if (h === null || h.trim() === "") {
      throw invalid(`${source}: line 1: column ${k + 1} has no name in the header`);
    }
    return h.trim();
  });
  const dup = names.find((h, k) => names.indexOf(h) !== k);
  if (dup !== undefined) {
    throw invalid(`${source}: line 1: column ${JSON.stringify(dup)} appears twice in the header`);
  }
  const n = records.length - 1;
  const columns: Record<string, (string | null)[]> = {};
  for (const name of names) columns[name] = new Array(n);
  for (let r = 1; r < records.length; r++) {
    const rec = records[r]!;
    if (rec.length !== names.length) {
      throw invalid(
        `${source}: line ${
          lines[r]
        }: expected ${names.length} fields like the header, found ${rec.length}`,
      );
    }
    for (let k = 0; k < names.length; k++) columns[names[k]!]![r - 1] = rec[k]!;
  }
  return tableFromColumns(columns, n, { textual: true, source, lines: lines.slice(1) });
}
