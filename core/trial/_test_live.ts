/**
 * Test rig for trials: a temporary copy of the demo whose prediction log
 * holds real live traffic. The prediction service (in process, its log's
 * clock set to each day of 2015) answers one request per day of
 * data/samples/seattle-days.csv: the first days with no challenger, then
 * to June with a clearly better challenger in shadow, then with a clearly
 * worse one; outcomes are posted for all but every tenth day.
 *
 * @module
 */
import { join } from "node:path";
import {
  DEMO_MODEL,
  DEMO_ROOT,
  type DemoCopy,
  demoCopy,
  publishBetter,
  publishScaled,
} from "../challenge/_test_project.ts";
import { createServiceApp, ModelPool, PredictionLog } from "../serve/mod.ts";

/** One day sent to the service. */
export interface LiveDay {
  /** `YYYY-MM-DD`, the time of the request. */
  date: string;
  /** The features sent. */
  features: Record<string, string | number>;
  /** The outcome posted, or undefined when none was. */
  outcome: string | undefined;
  /** The challenger predicting in shadow then, if any. */
  challenger: number | undefined;
}

/** A demo copy with its live log written. */
export interface LiveCopy extends DemoCopy {
  /** The champion that answered. */
  champion: number;
  /** The better challenger (January to June). */
  better: number;
  /** The worse challenger (July to December). */
  worse: number;
  /** Every day sent, in order. */
  days: LiveDay[];
}

/** The days of 2015 in the sample, as rows of strings and numbers. */
export function sampleDays(): Record<string, string | number>[] {
  const text = Deno.readTextFileSync(join(DEMO_ROOT, "data", "samples", "seattle-days.csv"));
  const [head, ...lines] = text.trim().split("\n");
  const names = head!.split(",");
  return lines.filter((l) => l.startsWith("2015-")).map((l) => {
    const values = l.split(",");
    return Object.fromEntries(
      names.map((n, k) => {
        const v = values[k]!;
        return [n, v !== "" && Number.isFinite(Number(v)) ? Number(v) : v];
      }),
    );
  });
}

/** Builds the copy and its log; `close()` removes it. */
export async function liveCopy(): Promise<LiveCopy> {
  const copy = await demoCopy();
  try {
    const { project } = copy;
    const champion = project.store.resolve(DEMO_MODEL, "champion");
    const better = await publishBetter(project);
    const worse = publishScaled(project, -1);
    const features = project.model({ name: DEMO_MODEL, ref: champion }).preprocessor.features
      .map((f) => f.name);
    const pool = ModelPool.open(project, { models: [DEMO_MODEL], shadow: true });
    const log = new PredictionLog({ root: copy.root, flushRows: 100_000, warn: () => {} });
    let now = new Date();
    const app = createServiceApp({ models: pool, log, now: () => now });
    const post = async (path: string, body: unknown) => {
      const res = await app.request(path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const json = await res.json();
      if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const days: LiveDay[] = [];
    const outcomes: { id: string; outcome: string }[] = [];
    let challenger: number | undefined;
    for (const [i, row] of sampleDays().entries()) {
      const date = String(row.date);
      const wanted = date < "2015-01-06" ? undefined : date <= "2015-06-30" ? better : worse;
      if (wanted !== challenger) {
        project.store.setAlias(DEMO_MODEL, "challenger", wanted!);
        pool.refresh();
        challenger = wanted;
      }
      now = new Date(`${date}T12:00:00Z`);
      const sent = Object.fromEntries(features.map((f) => [f, row[f]!]));
      const answer = await post(`/v1/models/${DEMO_MODEL}/predict`, { features: sent });
      const outcome = i % 10 === 9 ? undefined : String(row.rain_tomorrow);
      if (outcome !== undefined) outcomes.push({ id: answer.id, outcome });
      days.push({ date, features: sent, outcome, challenger });
    }
    for (let k = 0; k < outcomes.length; k += 500) {
      await post(`/v1/models/${DEMO_MODEL}/outcomes`, { outcomes: outcomes.slice(k, k + 500) });
    }
    await log.close();
    return { ...copy, champion, better, worse, days };
  } catch (e) {
    copy.close();
    throw e;
  }
}
