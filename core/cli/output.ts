/**
 * How commands talk to people and to pipes: JSON on stdout for machines,
 * aligned tables for people, errors on stderr.
 *
 * @module
 */
import { writeFileAtomic } from "../store/mod.ts";

/**
 * Prints a value as indented JSON on stdout.
 *
 * @example
 * ```ts
 * import { printJson } from "./output.ts";
 * printJson({ model: "churn", version: 3 });
 * ```
 */
export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

/**
 * Formats rows as an aligned text table with a header.
 *
 * @example
 * ```ts
 * import { formatTable } from "./output.ts";
 * const t = formatTable(["name", "n"], [["a", 1], ["bb", 22]]);
 * if (t.split("\n")[1] !== "a     1") throw new Error(JSON.stringify(t));
 * ```
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly unknown[])[],
): string {
  const cells = [
    header,
    ...rows.map((r) => r.map((c) => (c === null || c === undefined ? "—" : String(c)))),
  ];
  const widths = header.map((_, j) => Math.max(...cells.map((r) => r[j]?.length ?? 0)));
  return cells.map((r) =>
    r.map((c, j) => (j === r.length - 1 ? c : c.padEnd(widths[j]!))).join("  ").trimEnd()
  )
    .join("\n");
}

/**
 * Writes text to a file atomically, or to stdout when `path` is undefined or `-`.
 *
 * @example
 * ```ts
 * import { writeOutput } from "./output.ts";
 * await writeOutput("-", "id,prediction\n7,0.93\n");
 * ```
 */
export async function writeOutput(path: string | undefined, text: string): Promise<void> {
  if (path === undefined || path === "-") {
    const bytes = new TextEncoder().encode(text);
    let written = 0;
    while (written < bytes.length) written += await Deno.stdout.write(bytes.subarray(written));
  } else {
    writeFileAtomic(path, text);
  }
}
