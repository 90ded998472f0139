/**
 * Curation: a row that a model scored, picked out in the workbench, becomes
 * an `outlier` case of the model's fixtures, through the same functions as
 * `ratchet fixtures add` (recordFixture, appendFixture), with where it came
 * from in its provenance.
 *
 * @module
 */
import { z } from "zod";
import { invalid } from "../errors/mod.ts";
import type { Project } from "../project/mod.ts";
import { parseModelRef, validateModelName } from "../store/mod.ts";
import {
  appendFixture,
  checkFixtures,
  type Fixture,
  fixturesPath,
  recordFixture,
} from "../fixtures/mod.ts";

const _text = z.string().trim().min(1).max(2000);

/** The JSON body of `POST /api/models/:name/fixtures`. */
export const CurateRequestSchema = z.object({
  row: z.record(z.string(), z.unknown()),
  note: z.string().trim().max(2000).optional(),
  expect: z.union([z.string().trim().max(200), z.number(), z.boolean()]).optional(),
  tolerance: z.number().nonnegative().optional(),
  version: z.union([z.number().int().positive(), z.enum(["champion", "challenger", "latest"])])
    .optional(),
  source: z.object({
    notebook: _text.optional(),
    dataset: _text.optional(),
    partition: _text.optional(),
    row_key: _text.optional(),
  }).strict().optional(),
}).strict();

/** What `POST /api/models/:name/fixtures` takes. */
export type CurateRequest = z.infer<typeof CurateRequestSchema>;

/** The new case, the columns left out of it, and whether the model meets it now. */
export interface CuratedFixture {
  /** The case appended to `models/<name>/fixtures.jsonl`. */
  fixture: Fixture;
  /** Columns of the row that are not features of the model. */
  dropped: string[];
  /** Why the model does not meet the case yet (a contract it fails), if it does not. */
  failing?: string;
}

/**
 * Checks a request body and turns it into an `outlier` case of model
 * `name`, recorded with the champion unless `version` says otherwise. A
 * stated `expect` makes the case a contract, as `--expect` does.
 *
 * @example
 * ```ts ignore
 * const { fixture } = curateFixture(project, "rain-tomorrow", {
 *   row: { season: "winter", precipitation: 0, temp_max: 9, temp_min: 2, wind: 3, weather: "fog", precipitation_yesterday: 0 },
 *   note: "fog, then rain: the model said no",
 *   source: { notebook: "notebooks/rain.md", row_key: "2015-01-07" },
 * }, "ana");
 * ```
 */
export function curateFixture(
  project: Project,
  name: string,
  body: unknown,
  user: string,
): CuratedFixture {
  validateModelName(name);
  const parsed = CurateRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(
      `Cannot add the row to fixtures: ${issue.path.join(".") || "body"}: ${issue.message}`,
    );
  }
  const r = parsed.data;
  const model = project.model(
    parseModelRef(r.version === undefined ? name : `${name}@${r.version}`),
  );
  const expect = r.expect === "" ? undefined : r.expect;
  const s = r.source ?? {};
  const { fixture, dropped } = recordFixture(model, r.row, {
    kind: "outlier",
    ...(expect !== undefined ? { expect } : {}),
    ...(r.tolerance !== undefined ? { tolerance: r.tolerance } : {}),
    provenance: {
      // The provenance schema has no notebook field: "by" names what added the case.
      by: `${user} via the workbench${s.notebook ? `, notebook ${s.notebook}` : ""}`,
      ...(r.note ? { note: r.note } : {}),
      ...(s.dataset ? { dataset: s.dataset } : {}),
      ...(s.partition ? { partition: s.partition } : {}),
      ...(s.row_key ? { row_key: s.row_key } : {}),
    },
  });
  appendFixture(fixturesPath(project.store, name), fixture);
  const [now] = checkFixtures(model, [fixture]);
  return { fixture, dropped, ...(now?.status === "failed" ? { failing: now.message } : {}) };
}
