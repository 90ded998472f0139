/**
 * What one request may ask of the prediction service. Limits are checked
 * before the work they bound: the body's size before it is read, its shape
 * before it is parsed, the row count before any row is validated.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import type { JsonShapeLimits } from "./scan_json.ts";

/** The limits of one request. */
export interface ServiceLimits extends JsonShapeLimits {
  /** Largest request body in bytes (413 above). */
  readonly maxBodyBytes: number;
  /** Most rows in one prediction request (413 above). */
  readonly maxRows: number;
}

/** Limits for single-row and batch traffic of small models. */
export const DEFAULT_LIMITS: ServiceLimits = {
  maxBodyBytes: 1 << 20,
  maxRows: 1000,
  maxDepth: 32,
  maxKeys: 4096,
};

/**
 * The defaults with `partial` over them, each checked to be a whole number ≥ 1.
 *
 * @example
 * ```ts
 * import { serviceLimits } from "./service_limits.ts";
 * if (serviceLimits({ maxRows: 10 }).maxRows !== 10) throw new Error();
 * let msg = "";
 * try { serviceLimits({ maxBodyBytes: 0 }); } catch (e) { msg = String(e); }
 * if (!msg.includes("invalid maxBodyBytes: 0")) throw new Error(msg);
 * ```
 */
export function serviceLimits(partial: Partial<ServiceLimits> = {}): ServiceLimits {
  const out = { ...DEFAULT_LIMITS, ...partial };
  for (const [key, value] of Object.entries(out)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw invalid(`invalid ${key}: ${value} (expected a whole number ≥ 1)`);
    }
  }
  return out;
}
