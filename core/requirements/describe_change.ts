/**
 * A threshold change in words, for history listings and command output.
 *
 * @module
 */
import type { RequirementChange, ThresholdValue } from "./requirements.ts";

/**
 * `roc_auc min 0.75 → 0.7`; `—` stands for no threshold.
 *
 * @example
 * ```ts
 * import { describeChange } from "./describe_change.ts";
 * const text = describeChange({ metric: "r2", kind: "range", from: null, to: [0.5, 0.9] });
 * if (text !== "r2 range — → [0.5, 0.9]") throw new Error(text);
 * ```
 */
export function describeChange(change: RequirementChange): string {
  return `${change.metric} ${change.kind} ${_value(change.from)} → ${_value(change.to)}`;
}

function _value(v: ThresholdValue | null): string {
  return v === null ? "—" : Array.isArray(v) ? `[${v[0]}, ${v[1]}]` : String(v);
}
