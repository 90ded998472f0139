/**
 * Every fixture of the model, checked on champion and candidate.
 *
 * @module
 */
import { checkFixtures, type Fixture } from "../fixtures/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import type { ChallengeFixture, ChallengeFixtures } from "./challenge_result.ts";

/**
 * Checks `fixtures` on both models. A superseded case is not checked (it
 * cannot fail the candidate), but the report still says whether the
 * candidate would pass it, beside the recorded reason.
 *
 * @example
 * ```ts
 * import { compareFixtures } from "./compare_fixtures.ts";
 * import { fixtureId } from "../fixtures/mod.ts";
 * import { compileModel } from "../model/mod.ts";
 * import { PluginRegistry } from "../contract/mod.ts";
 * import linear from "../../plugins/linear/mod.ts";
 * const model = (w: number) => compileModel({
 *   format: "ratchet.model/v1", plugin: { id: "linear", version: "^1.0.0" }, task: "regression",
 *   features: [{ name: "x", type: "number" }], target: { name: "y" }, preprocessing: [],
 *   coefficients: { intercept: 0, weights: [w] }, hyperparameters: {},
 *   provenance: { created: "2026-01-01T00:00:00Z", source: "example" },
 * }, new PluginRegistry([linear]));
 * const input = { x: 1 };
 * const fixture = {
 *   id: fixtureId(input), kind: "contrived" as const, mode: "contract" as const, input,
 *   expect: { prediction: 2 }, tolerance: 0.1,
 *   recorded_with: { version: 1, sha256: "0".repeat(64) },
 *   provenance: { added: "2026-01-01T00:00:00.000Z", by: "docs" },
 * };
 * const r = compareFixtures(model(2), model(3), [fixture]);
 * if (r.passed || r.candidate_failed !== 1 || r.cases[0]!.champion !== "passed") throw new Error(JSON.stringify(r));
 * ```
 */
export function compareFixtures(
  champion: CompiledModel,
  candidate: CompiledModel,
  fixtures: readonly Fixture[],
): ChallengeFixtures {
  const before = checkFixtures(champion, fixtures);
  const after = checkFixtures(candidate, fixtures);
  const cases = fixtures.map((f, k): ChallengeFixture => {
    const a = before[k]!, b = after[k]!;
    const base = {
      id: f.id,
      kind: f.kind,
      mode: f.mode,
      ...(f.provenance.note ? { note: f.provenance.note } : {}),
      champion: a.status,
      candidate: b.status,
      message: b.message,
    };
    if (!f.superseded) return base;
    const { superseded: _, ...active } = f;
    const [would] = checkFixtures(candidate, [active]);
    return { ...base, superseded: { ...f.superseded, candidate_would_pass: would!.passed } };
  });
  const count = (who: "champion" | "candidate", s: string) =>
    cases.filter((c) => c[who] === s).length;
  return {
    passed: count("candidate", "failed") === 0,
    total: cases.length,
    candidate_passed: count("candidate", "passed"),
    candidate_failed: count("candidate", "failed"),
    champion_failed: count("champion", "failed"),
    superseded: cases.filter((c) => c.superseded).length,
    cases,
  };
}
