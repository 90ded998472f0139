/**
 * Test rig for challenges and promotions: a temporary copy of the shipped
 * demo (models/rain-tomorrow, dataset data/seattle) — the demo itself is
 * never changed — with helpers that publish a clearly better candidate (a
 * random forest trained on every month, the same features) and a clearly
 * worse one (the champion with its coefficients turned around).
 *
 * @module
 */
import { join } from "node:path";
import type { ArtifactBody } from "../artifact/mod.ts";
import { type Fixture, fixturesPath, readFixtures } from "../fixtures/mod.ts";
import { openProject, type Project } from "../project/mod.ts";
import { readDatasetWindow, trainModel } from "../train/mod.ts";

/** The demo's project folder. */
export const DEMO_ROOT: string = new URL("../../", import.meta.url).pathname;

/** The demo model the tests challenge. */
export const DEMO_MODEL = "rain-tomorrow";

/** A copy of the demo project, removed by `close`. */
export interface DemoCopy {
  /** The copy's folder. */
  root: string;
  /** The copy, opened. */
  project: Project;
  /** Removes the folder. */
  close(): void;
}

/** Copies models/rain-tomorrow and data/seattle into a fresh temporary project. */
export async function demoCopy(): Promise<DemoCopy> {
  const root = Deno.makeTempDirSync({ prefix: "ratchet-challenge-" });
  _copyDir(join(DEMO_ROOT, "models", DEMO_MODEL), join(root, "models", DEMO_MODEL));
  _copyDir(join(DEMO_ROOT, "data", "seattle"), join(root, "data", "seattle"));
  return {
    root,
    project: await openProject(root),
    close: () => Deno.removeSync(root, { recursive: true }),
  };
}

/** The champion's version: the demo's (read from its aliases), unless a test moved it. */
export function championVersion(project: Project): number {
  return project.store.resolve(DEMO_MODEL, "champion");
}

/**
 * The demo model's fixtures as its fixtures.jsonl holds them, split the way
 * a challenge sees them: the cases still checked, their snapshots (which any
 * other model breaks) and the cases superseded before.
 */
export function demoFixtures(project: Project): {
  all: Fixture[];
  active: Fixture[];
  snapshots: Fixture[];
  superseded: Fixture[];
} {
  const all = readFixtures(fixturesPath(project.store, DEMO_MODEL));
  const active = all.filter((f) => !f.superseded);
  return {
    all,
    active,
    snapshots: active.filter((f) => f.mode === "snapshot"),
    superseded: all.filter((f) => f.superseded),
  };
}

/** The champion's artifact body, to publish changed copies of. */
export function championBody(project: Project): ArtifactBody {
  const { name: _n, version: _v, sha256: _s, ...body } = project.store.load(DEMO_MODEL, "champion");
  return body;
}

/**
 * Publishes a random forest trained on all four years with the champion's
 * features: it has seen every back-test month, so it beats the champion
 * everywhere (which is what a test of `promote` needs, not a modelling lesson).
 */
export async function publishBetter(project: Project, seed = 0): Promise<number> {
  const champion = championBody(project);
  const { table, window } = await readDatasetWindow(project.root, "seattle");
  const body = trainModel({
    plugin: project.registry.get("random_forest", "^1.0.0", "the test candidate"),
    table,
    target: "rain_tomorrow",
    features: champion.features.map((f) => f.name),
    positive: "yes",
    params: { n_estimators: 30, max_depth: 8, seed },
    dataset: "seattle",
    window,
  });
  return project.store.publish(DEMO_MODEL, body).version;
}

/** Publishes the champion with every weight scaled by `factor` (−1: a model that is mostly wrong). */
export function publishScaled(project: Project, factor: number): number {
  const body = championBody(project);
  if (body.plugin.id !== "logistic") {
    throw new Error(`publishScaled needs a logistic champion, not ${body.plugin.id}`);
  }
  const c = body.coefficients as { link: string; intercepts: number[]; weights: number[][] };
  const coefficients = { ...c, weights: c.weights.map((row) => row.map((w) => w * factor)) };
  return project.store.publish(DEMO_MODEL, {
    ...body,
    coefficients,
    provenance: { ...body.provenance, note: `the champion's weights × ${factor}` },
  }).version;
}

function _copyDir(from: string, to: string): void {
  Deno.mkdirSync(to, { recursive: true });
  for (const e of Deno.readDirSync(from)) {
    if (e.isDirectory) _copyDir(join(from, e.name), join(to, e.name));
    else if (e.isFile) Deno.copyFileSync(join(from, e.name), join(to, e.name));
  }
}
