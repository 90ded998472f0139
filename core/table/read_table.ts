/**
 * Reading input rows from a file or stdin, by extension or by sniffing.
 *
 * @module
 */
import { extname } from "node:path";
import { invalid, RatchetError } from "../errors/mod.ts";
import { readCsv } from "./read_csv.ts";
import { readJsonLines, readJsonRows } from "./read_json_rows.ts";
import type { Table } from "./table.ts";

/** Input formats ratchet reads. */
export type TableFormat = "csv" | "json" | "jsonl";

/**
 * Guesses the format of `text`: JSON when it starts with `[` or is one JSON
 * value, JSON Lines when it starts with `{` and has more than one line of
 * objects, CSV otherwise.
 *
 * @example
 * ```ts
 * import { sniffFormat } from "./read_table.ts";
 * if (sniffFormat('{"a":1}\n{"a":2}\n') !== "jsonl" || sniffFormat("a,b\n1,2") !== "csv") throw new Error();
 * ```
 */
export function sniffFormat(text: string): TableFormat {
  const t = text.trimStart();
  if (t.startsWith("[")) return "json";
  if (t.startsWith("{")) {
    const lines = t.trimEnd().split("\n").filter((l) => l.trim() !== "");
    return lines.length > 1 &&
        lines.every((l) => l.trimStart().startsWith("{") && l.trimEnd().endsWith("}"))
      ? "jsonl"
      : "json";
  }
  return "csv";
}

/**
 * The format a path's extension names, if any.
 *
 * @example
 * ```ts
 * import { formatFromPath } from "./read_table.ts";
 * if (formatFromPath("rows.NDJSON") !== "jsonl" || formatFromPath("rows.txt") !== undefined) throw new Error();
 * ```
 */
export function formatFromPath(path: string): TableFormat | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".json") return "json";
  if (ext === ".jsonl" || ext === ".ndjson") return "jsonl";
  return undefined;
}

/**
 * Parses text in a given format.
 *
 * @example
 * ```ts
 * import { parseTable } from "./read_table.ts";
 * const table = parseTable('[{"id": 1, "plan": "pro"}, {"id": 2, "plan": "basic"}]', "json", "request body");
 * if (table.n !== 2 || table.names.join() !== "id,plan") throw new Error();
 * ```
 */
export function parseTable(text: string, format: TableFormat, source: string): Table {
  if (format === "csv") return readCsv(text, source);
  if (format === "json") return readJsonRows(text, source);
  return readJsonLines(text, source);
}

/**
 * Reads rows from a file path, or from stdin when `path` is `-`.
 *
 * @example
 * ```ts
 * import { readTable } from "./read_table.ts";
 * const path = Deno.makeTempFileSync({ suffix: ".csv" });
 * Deno.writeTextFileSync(path, "id,plan\n1,pro\n2,basic\n");
 * const table = await readTable(path);
 * Deno.removeSync(path);
 * if (table.n !== 2 || table.names.join() !== "id,plan") throw new Error();
 * ```
 */
export async function readTable(path: string, format?: TableFormat): Promise<Table> {
  let text: string;
  if (path === "-") {
    text = await new Response(Deno.stdin.readable).text();
  } else {
    try {
      text = await Deno.readTextFile(path);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) {
        throw new RatchetError("not_found", `Input file ${path} does not exist`);
      }
      if (e instanceof Deno.errors.IsADirectory) {
        throw invalid(`Input ${path} is a folder, not a file`);
      }
      throw e;
    }
  }
  const source = path === "-" ? "stdin" : path;
  if (text.trim() === "") {
    throw invalid(`${source} is empty: expected CSV with a header row, JSON or JSON Lines`);
  }
  return parseTable(
    text,
    format ?? (path === "-" ? undefined : formatFromPath(path)) ?? sniffFormat(text),
    source,
  );
}
