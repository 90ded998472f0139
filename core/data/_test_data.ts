/**
 * Test helpers: project folders and generated input files with known values,
 * so tests compare what DuckDB gives back with what was written.
 *
 * @module
 */
import { join } from "node:path";
import { createRandom } from "../random/mod.ts";

/** A generated row; `null` is a missing value. */
export type Row = Record<string, string | number | boolean | null | undefined>;

/** A row of {@linkcode dailyRows}. */
export type DailyRow = {
  day: string | null;
  x: number | null;
  kind: string | null;
  flag: boolean;
  at: string;
};

/** A fresh project folder, removed after `fn`. */
export async function withRoot(fn: (root: string) => Promise<void>): Promise<void> {
  const root = Deno.makeTempDirSync({ prefix: "ratchet-data-" });
  try {
    await fn(root);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
}

/**
 * One row per day from `start` (UTC), `days` long: `day` (date), `x` (a
 * number, missing every 7th row), `kind` (text, missing every 11th), `flag`
 * (true/false), `at` (a timestamp with milliseconds).
 */
export function dailyRows(start: string, days: number, seed = 1): DailyRow[] {
  const rng = createRandom(seed);
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(t0 + i * 86_400_000).toISOString().slice(0, 10);
    return {
      day,
      x: i % 7 === 3 ? null : Math.round(rng.normal() * 1e6) / 1e3,
      kind: i % 11 === 5 ? null : ["a", "b", "c, d", 'q"uote'][rng.int(4)]!,
      flag: rng.next() < 0.5,
      at: `${day}T${String(rng.int(24)).padStart(2, "0")}:30:15.250Z`,
    };
  });
}

/** Writes rows as CSV (RFC 4180 quoting; missing values as empty cells). */
export function writeCsv(
  dir: string,
  name: string,
  rows: readonly Row[],
  columns?: string[],
): string {
  const names = columns ?? Object.keys(rows[0] ?? {});
  const cell = (v: Row[string] | undefined) => {
    if (v === null || v === undefined) return "";
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const text = [names.join(","), ...rows.map((r) => names.map((n) => cell(r[n])).join(","))]
    .join("\n") + "\n";
  const path = join(dir, name);
  Deno.writeTextFileSync(path, text);
  return path;
}

/** Writes rows as JSON Lines. */
export function writeJsonl(dir: string, name: string, rows: readonly Row[]): string {
  const path = join(dir, name);
  Deno.writeTextFileSync(path, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return path;
}

/** Writes rows as one JSON array. */
export function writeJson(dir: string, name: string, rows: readonly Row[]): string {
  const path = join(dir, name);
  Deno.writeTextFileSync(path, JSON.stringify(rows));
  return path;
}

/** Every file under `dir`, relative, sorted. */
export function filesUnder(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(join(dir, prefix))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory) out.push(...filesUnder(dir, rel));
    else out.push(rel);
  }
  return out.sort();
}
