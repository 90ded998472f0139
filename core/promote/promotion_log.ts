/**
 * The promotions of a model, machine-readable: `models/<name>/promotions.jsonl`,
 * one JSON object a line, appended only (under the promotion lock).
 *
 * @module
 */
import { join } from "node:path";
import { invalid } from "../errors/mod.ts";
import { parseJson } from "../json/mod.ts";
import { type ModelStore, writeFileAtomic } from "../store/mod.ts";
import type { Promotion } from "./promotion.ts";

/**
 * The log of a model's promotions.
 *
 * @example
 * ```ts
 * import { promotionsPath } from "./promotion_log.ts";
 * import { ModelStore } from "../store/mod.ts";
 * if (!promotionsPath(new ModelStore("/p"), "churn").endsWith("models/churn/promotions.jsonl")) throw new Error();
 * ```
 */
export function promotionsPath(store: ModelStore, name: string): string {
  return join(store.modelDir(name), "promotions.jsonl");
}

/**
 * Reads every promotion of a model, oldest first; none when there is no log.
 *
 * @example
 * ```ts
 * import { appendPromotion, readPromotions } from "./promotion_log.ts";
 * const path = `${Deno.makeTempDirSync()}/promotions.jsonl`;
 * appendPromotion(path, { date: "2026-11-27T00:00:00.000Z", model: "churn", from: null, to: 1, kind: "forced", summary: "first", reason: "first champion" });
 * if (readPromotions(path)[0]?.to !== 1) throw new Error();
 * ```
 */
export function readPromotions(path: string): Promotion[] {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
  return text.split("\n").flatMap((line, k) => {
    if (line.trim() === "") return [];
    const json = parseJson(line, { source: `${path} line ${k + 1}` }) as Record<string, unknown>;
    if (typeof json.to !== "number" || (json.from !== null && typeof json.from !== "number")) {
      throw invalid(
        `${path} line ${k + 1}: a promotion needs "from" and "to" versions; fix the line`,
      );
    }
    return [json as unknown as Promotion];
  });
}

/**
 * Appends a promotion, replacing the file atomically: a reader sees the
 * log before or after, never half a line. Call it under the promotion lock.
 *
 * @example
 * ```ts
 * import { appendPromotion, readPromotions } from "./promotion_log.ts";
 * const path = `${Deno.makeTempDirSync()}/promotions.jsonl`;
 * const p = { date: "2026-11-27T00:00:00.000Z", model: "churn", summary: "s", reason: "r" };
 * appendPromotion(path, { ...p, from: null, to: 1, kind: "forced" });
 * appendPromotion(path, { ...p, from: 1, to: 2, kind: "forced" });
 * if (readPromotions(path).map((x) => x.to).join() !== "1,2") throw new Error();
 * ```
 */
export function appendPromotion(path: string, promotion: Promotion): void {
  let text = "";
  try {
    text = Deno.readTextFileSync(path);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  if (text !== "" && !text.endsWith("\n")) text += "\n";
  writeFileAtomic(path, text + JSON.stringify(promotion) + "\n");
}
