/**
 * Drift of every profiled column between the reference window and the
 * current one, with the usual PSI bands.
 *
 * @module
 */
import { categoryDrift, type ColumnDrift, numericDrift } from "../drift/mod.ts";
import { countedValues } from "./_counted_values.ts";
import type { WindowProfile } from "./window_profile.ts";

/** How far a PSI moved, by the usual rule of thumb: < 0.1, 0.1–0.25, > 0.25. */
export type PsiBand = "stable" | "moderate" | "major";

/** A column's drift and its band (`null` when the PSI is undefined, e.g. no values). */
export type DriftEntry = ColumnDrift & { band: PsiBand | null };

/**
 * The band of a PSI: below 0.1 stable, up to 0.25 moderate, above major.
 *
 * @example
 * ```ts
 * import { psiBand } from "./column_drift.ts";
 * if ([0.05, 0.1, 0.25, 0.3, null].map(psiBand).join() !== "stable,moderate,moderate,major,") throw new Error();
 * ```
 */
export function psiBand(psi: number | null): PsiBand | null {
  if (psi === null) return null;
  return psi < 0.1 ? "stable" : psi <= 0.25 ? "moderate" : "major";
}

/**
 * The drift of each column of two profiles of the same columns: numbers by
 * {@linkcode numericDrift} on the samples, categories by
 * {@linkcode categoryDrift} on the counts.
 *
 * @example
 * ```ts
 * import { columnDrift } from "./column_drift.ts";
 * import { WindowProfile } from "./window_profile.ts";
 * const ref = new WindowProfile(["number", "category"]), cur = new WindowProfile(["number", "category"]);
 * const xs = Float64Array.from({ length: 1000 }, (_, i) => i % 100);
 * ref.add([xs, Array.from(xs, (x) => (x < 50 ? "a" : "b"))], 1000);
 * cur.add([xs.map((x) => x + 40), Array.from(xs, () => "a")], 1000);
 * const [x, c] = columnDrift(ref, cur);
 * if (x!.band !== "major" || c!.band !== "major" || c!.kind !== "category") throw new Error();
 * ```
 */
export function columnDrift(reference: WindowProfile, current: WindowProfile): DriftEntry[] {
  return reference.kinds.map((kind, c) => {
    const drift = kind === "number"
      ? numericDrift(reference.sample(c), current.sample(c))
      : categoryDrift(countedValues(reference.counts(c)), countedValues(current.counts(c)));
    return { ...drift, band: psiBand(drift.psi) };
  });
}
