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

export { DEMO_MODEL, demoCopy, publishScaled } from "../challenge/_test_project.ts";

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
