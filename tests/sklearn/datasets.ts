/**
 * The data of the scikit-learn exporter's parity suite, generated here (not
 * in Python) so that one seed gives the same rows everywhere; numbers travel
 * to Python as JSON, which round-trips doubles exactly.
 *
 * @module
 */
import { createRandom, type Random } from "../../core/random/mod.ts";

/** A raw input value: a number, a category level, or null for missing. */
export type Cell = number | string | null;
/** One row of raw inputs. */
export type Row = Record<string, Cell>;

/** Rows to fit on, their targets, and held-out rows to compare predictions on. */
export interface Dataset {
  /** Input columns in training order. */
  columns: string[];
  /** The columns holding category levels (the rest are numbers). */
  categorical: string[];
  train: Row[];
  /** Regression: numbers. Classification: labels. */
  y: (number | string)[];
  test: Row[];
}

/** What a dataset predicts and which inputs it has. */
export type DatasetName =
  | "numeric_regression"
  | "numeric_binary"
  | "numeric_multiclass"
  | "mixed_regression"
  | "mixed_binary"
  | "mixed_multiclass";

const NUMERIC = ["x0", "x1", "x2", "x3"];
const MIXED = ["age", "income", "plan", "region", "member", "score", "noise", "tier"];
const PLANS = ["basic", "plus", "pro"];
const REGIONS = ["north", "south", "east", "west"];

/**
 * Every dataset of the suite, from one seed.
 *
 * - `numeric_*`: four standard-normal columns, no missing values.
 * - `mixed_*`: numbers (`age` and `score` with ~10% missing, `income`,
 *   `noise`), text categories (`plan` with ~10% missing, `region`, `member`)
 *   and `tier`, a level 1, 2 or 3 (~10% missing) that some models one-hot encode.
 *
 * Targets: regression a smooth function plus noise; `binary` labels
 * "no"/"yes"; `numeric_multiclass` labels 1, 2, 3; `mixed_multiclass`
 * labels "low"/"mid"/"high".
 *
 * @example
 * ```ts
 * import { parityDatasets } from "./datasets.ts";
 * const data = parityDatasets(7, { train: 50, test: 10 });
 * const mixed = data.mixed_binary;
 * if (mixed.train.length !== 50 || mixed.test.length !== 10) throw new Error();
 * if (!mixed.y.every((y) => y === "yes" || y === "no")) throw new Error();
 * ```
 */
export function parityDatasets(
  seed: number,
  sizes: { train: number; test: number },
): Record<DatasetName, Dataset> {
  const random = createRandom(seed);
  const numeric = (task: _Task) =>
    _dataset(random, sizes, NUMERIC, [], _numericRow, task, _numericScores);
  const mixed = (task: _Task) =>
    _dataset(random, sizes, MIXED, ["plan", "region", "member"], _mixedRow, task, _mixedScores);
  return {
    numeric_regression: numeric("regression"),
    numeric_binary: numeric("binary"),
    numeric_multiclass: numeric("multiclass"),
    mixed_regression: mixed("regression"),
    mixed_binary: mixed("binary"),
    mixed_multiclass: mixed("multiclass"),
  };
}

type _Task = "regression" | "binary" | "multiclass";

function _dataset(
  random: Random,
  sizes: { train: number; test: number },
  columns: string[],
  categorical: string[],
  makeRow: (random: Random) => Row,
  task: _Task,
  scores: (row: Row) => [number, number, number],
): Dataset {
  const rows = Array.from({ length: sizes.train + sizes.test }, () => makeRow(random));
  const train = rows.slice(0, sizes.train);
  const labels = task === "binary"
    ? ["no", "yes"]
    : columns === NUMERIC
    ? [1, 2, 3]
    : ["low", "mid", "high"];
  const y = train.map((row) => {
    const s = scores(row).map((v) => v + 0.5 * random.normal()) as [number, number, number];
    if (task === "regression") return s[0];
    if (task === "binary") return labels[s[0] > 0 ? 1 : 0]!;
    return labels[s.indexOf(Math.max(...s))]!;
  });
  return { columns, categorical, train, y, test: rows.slice(sizes.train) };
}

function _numericRow(random: Random): Row {
  return Object.fromEntries(NUMERIC.map((c) => [c, random.normal()]));
}

function _numericScores(r: Row): [number, number, number] {
  const [x0, x1, x2, x3] = NUMERIC.map((c) => r[c] as number) as [number, number, number, number];
  return [0.3 + 1.5 * x0 - x1 + 0.5 * x2 * x3, x1 + 0.8 * x3, -0.5 * x0 + x2];
}

function _mixedRow(random: Random): Row {
  const maybe = (v: Cell) => (random.next() < 0.1 ? null : v);
  return {
    age: maybe(Math.round(40 + 12 * random.normal())),
    income: 30 + 8 * random.normal(),
    plan: maybe(PLANS[random.int(PLANS.length)]!),
    region: REGIONS[random.int(REGIONS.length)]!,
    member: random.next() < 0.4 ? "y" : "n",
    score: maybe(random.next() * 10),
    noise: random.normal(),
    tier: maybe(1 + random.int(3)),
  };
}

function _mixedScores(r: Row): [number, number, number] {
  const age = ((r.age as number | null) ?? 40) - 40;
  const income = (r.income as number) - 30;
  const plan = r.plan === "pro" ? 1 : r.plan === "plus" ? 0.4 : r.plan === null ? -0.3 : 0;
  const region = r.region === "north" ? 0.6 : r.region === "west" ? -0.4 : 0;
  const member = r.member === "y" ? 0.5 : 0;
  const score = ((r.score as number | null) ?? 5) - 5;
  const tier = r.tier === 3 ? 0.7 : r.tier === 1 ? -0.3 : 0;
  return [
    0.05 * age + 0.1 * income + plan + region + member + 0.1 * score + tier,
    -0.04 * age + 0.8 * plan - region,
    0.05 * income - member + 0.15 * score,
  ];
}
