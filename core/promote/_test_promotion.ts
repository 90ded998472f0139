/**
 * Test rig for promotions: the demo copy of `core/challenge`, with a
 * candidate that earns a `promote` verdict (its snapshot fixtures, which
 * any new model breaks, superseded with a reason).
 *
 * @module
 */
import { challenge, type ChallengeResult } from "../challenge/mod.ts";
import { DEMO_MODEL, type DemoCopy, publishBetter } from "../challenge/_test_project.ts";
import { fixturesPath, supersedeFixture } from "../fixtures/mod.ts";
import type { Project } from "../project/mod.ts";
import { changelogPath } from "./changelog.ts";
import type { Promotion } from "./promotion.ts";
import { promotionsPath, readPromotions } from "./promotion_log.ts";

export {
  championVersion,
  DEMO_MODEL,
  demoCopy,
  publishScaled,
} from "../challenge/_test_project.ts";

/** The promotions a model has on record: its log and its changelog's text ("" when none). */
export interface PromotionHistory {
  /** `promotions.jsonl`, oldest first. */
  promotions: Promotion[];
  /** `CHANGELOG.md` as it is. */
  changelog: string;
}

/**
 * The demo model's promotion history as it is now (the shipped demo has
 * one promotion already), so tests can check what a promotion adds to it.
 */
export function promotionHistory(project: Project): PromotionHistory {
  let changelog = "";
  try {
    changelog = Deno.readTextFileSync(changelogPath(project.store, DEMO_MODEL));
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return { promotions: readPromotions(promotionsPath(project.store, DEMO_MODEL)), changelog };
}

/** Publishes a better candidate and challenges it until the verdict is promote. */
export async function promotedCandidate(demo: DemoCopy, seed = 0): Promise<ChallengeResult> {
  const version = await publishBetter(demo.project, seed);
  const first = await challenge(demo.project, {
    name: DEMO_MODEL,
    candidate: version,
    resamples: 200,
  });
  if (first.verdict === "promote") return first;
  for (const c of first.fixtures.cases.filter((c) => c.candidate === "failed")) {
    supersedeFixture(fixturesPath(demo.project.store, DEMO_MODEL), c.id, {
      version,
      reason: "the candidate changes these snapshots on purpose",
      date: new Date().toISOString(),
    });
  }
  const second = await challenge(demo.project, {
    name: DEMO_MODEL,
    candidate: version,
    resamples: 200,
  });
  if (second.verdict !== "promote") throw new Error(second.reasons.join("\n"));
  return second;
}
