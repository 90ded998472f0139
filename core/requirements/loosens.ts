/**
 * Which way a threshold change goes. Requirements only ratchet upward: a
 * change that lets a worse model pass is a lowering, and is recorded as one.
 *
 * @module
 */
import { LOWER_IS_BETTER } from "../metrics/mod.ts";
import type { RequirementChange } from "./requirements.ts";

/**
 * True when a change lets some model pass that failed before: removing a
 * threshold, lowering a `min`, raising a `max`, moving a `mean` the wrong
 * way for its metric, widening a range on either side, or lowering a
 * `min_improvement`. Adding a threshold never loosens.
 *
 * @example
 * ```ts
 * import { loosens } from "./loosens.ts";
 * if (!loosens({ metric: "roc_auc", kind: "min", from: 0.7, to: 0.65 })) throw new Error();
 * if (loosens({ metric: "rmse", kind: "mean", from: 3, to: 2.5 })) throw new Error();
 * if (!loosens({ metric: "r2", kind: "range", from: [0.6, 0.9], to: [0.65, 0.95] })) throw new Error();
 * if (loosens({ metric: "f1", kind: "min", from: null, to: 0.5 })) throw new Error();
 * ```
 */
export function loosens(change: RequirementChange): boolean {
  const { from, to } = change;
  if (from === null) return false;
  if (to === null) return true;
  if (Array.isArray(from) || Array.isArray(to)) {
    const [lo0, hi0] = from as [number, number];
    const [lo1, hi1] = to as [number, number];
    return lo1 < lo0 || hi1 > hi0;
  }
  switch (change.kind) {
    case "min":
    case "min_improvement":
      return to < from;
    case "max":
      return to > from;
    default:
      return LOWER_IS_BETTER.has(change.metric) ? to > from : to < from;
  }
}
