/**
 * Promotion: moving the champion alias on the evidence of a challenge (or
 * forced, or rolled back, with a reason), logged in `promotions.jsonl` and
 * `CHANGELOG.md`, optionally ratcheting the requirements to the new
 * champion.
 *
 * @module
 */
export * from "./promotion.ts";
export * from "./promote.ts";
export * from "./promotion_log.ts";
export * from "./changelog.ts";
export * from "./promotion_lock.ts";
export * from "./ratchet_promotion.ts";
