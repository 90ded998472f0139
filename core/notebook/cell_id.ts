/**
 * Cell ids: derived from the cell's source, so they stay the same when
 * other cells are added, removed or edited, and are the same on every
 * machine (line endings do not count).
 *
 * @module
 */

/**
 * `c` and 8 hex digits of a 32-bit FNV-1a hash of `source` with its line
 * endings made `\n`.
 *
 * @example
 * ```ts
 * import { cellHash } from "./cell_id.ts";
 * if (cellHash("x\r\n1") !== cellHash("x\n1") || !/^c[0-9a-f]{8}$/.test(cellHash("x"))) throw new Error();
 * ```
 */
export function cellHash(source: string): string {
  const text = source.replace(/\r\n?/g, "\n");
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return "c" + (h >>> 0).toString(16).padStart(8, "0");
}

/**
 * Ids for cells in document order: each cell's {@linkcode cellHash}, with
 * `-2`, `-3`… added to the second, third… cell with the same hash.
 *
 * @example
 * ```ts
 * import { cellHash, cellIds } from "./cell_id.ts";
 * const ids = cellIds(["a", "b", "a"]);
 * if (ids[2] !== `${cellHash("a")}-2` || ids[1] !== cellHash("b")) throw new Error(ids.join());
 * ```
 */
export function cellIds(sources: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return sources.map((s) => {
    const hash = cellHash(s);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return n === 1 ? hash : `${hash}-${n}`;
  });
}
