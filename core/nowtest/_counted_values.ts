/**
 * Exact category counts handed to `categoryDrift`, which reads values one
 * by one: a read-only view that repeats each level as often as it was
 * counted, so a window of millions of rows needs no array slot per row.
 *
 * @module
 */

/**
 * The values `counts` stands for, each level repeated `count` times, in the
 * map's order. Reading in order (as `categoryDrift` does) costs O(1) a value.
 *
 * @example
 * ```ts
 * import { countedValues } from "./_counted_values.ts";
 * const v = countedValues(new Map([["a", 2], [null, 1]]));
 * if (v.length !== 3 || v[0] !== "a" || v[1] !== "a" || v[2] !== null) throw new Error();
 * if (Array.from(v).join() !== "a,a,") throw new Error();
 * ```
 */
export function countedValues(
  counts: ReadonlyMap<string | null, number>,
): ArrayLike<string | null> {
  const levels = [...counts.keys()];
  const ends: number[] = [];
  let length = 0;
  for (const c of counts.values()) ends.push(length += c);
  let k = 0; // the level of the last read: in-order reads never search
  const at = (i: number): string | null => {
    if (k > 0 && i < ends[k - 1]!) k = 0;
    while (i >= ends[k]!) k++;
    return levels[k]!;
  };
  return new Proxy({ length }, {
    get(target, key) {
      if (typeof key === "string") {
        const i = Number(key);
        if (Number.isInteger(i) && i >= 0 && i < length) return at(i);
      }
      return Reflect.get(target, key);
    },
  }) as unknown as ArrayLike<string | null>;
}
