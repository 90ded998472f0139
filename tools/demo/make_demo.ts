/**
 * Regenerates the shipped demo from Seattle's real daily weather
 * (`data/samples/seattle-weather.csv`): the derived days, the monthly
 * dataset `seattle`, and two models trained by ratchet on its 2012–2014
 * partitions, with their requirements and fixtures.
 * Run from the repository root:
 *
 * ```sh
 * deno run -A tools/demo/make_demo.ts
 * ```
 *
 * - `rain-tomorrow@1`: a depth-2 decision tree on 2012–2014, the first champion;
 *   `rain-tomorrow@2`: logistic regression on the same months, challenged on
 *   2015 and promoted (CHANGELOG.md, challenges/), the champion. The README's
 *   walk-through imports a scikit-learn pipeline as version 3.
 * - `temp-tomorrow@1`: linear regression of tomorrow's high, the champion.
 *
 * Each model gets `evaluation.csv` (the days of 2015), requirements measured
 * on it per month, contrived fixtures, and the real days it gets most wrong
 * as outlier fixtures.
 *
 * @module
 */
import { join } from "node:path";
import { runCli } from "../../core/cli/mod.ts";
import { openProject } from "../../core/project/mod.ts";
import { tableFromRows } from "../../core/table/mod.ts";
import { predictionOf } from "../../core/model/mod.ts";
import { fixturesPath, readFixtures } from "../../core/fixtures/mod.ts";
import { daysCsv, type WeatherDay, weatherDays } from "./weather_days.ts";

const ROOT = Deno.cwd();
const SAMPLES = join(ROOT, "data", "samples");
const DAYS = join(SAMPLES, "seattle-days.csv");
const FEATURES: (keyof WeatherDay)[] = [
  "season",
  "precipitation",
  "precipitation_yesterday",
  "temp_max",
  "temp_min",
  "wind",
  "weather",
];

/**
 * Runs one ratchet command written as on a shell line: words split on spaces,
 * double quotes group words. `--root` is added.
 */
async function ratchet(line: string): Promise<void> {
  const args = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
  const code = await runCli([...args, "--root", ROOT]);
  if (code !== 0) throw new Error(`ratchet ${line} exited ${code}`);
}

/** A row of features only, as a fixture input. */
function featuresOf(day: Partial<WeatherDay>): Record<string, unknown> {
  return Object.fromEntries(FEATURES.map((f) => [f, day[f]]));
}

/** Records the champion's output on the real days it gets most wrong, as outlier fixtures. */
async function outliers(
  name: string,
  days: readonly WeatherDay[],
  count: number,
  version: number,
): Promise<void> {
  const project = await openProject(ROOT);
  const model = project.model({ name, ref: "champion" });
  const table = tableFromRows(days as unknown as Record<string, unknown>[]);
  const outputs = model.predictTable(table);
  const targetName = model.artifact.target.name as keyof WeatherDay;
  const worst = days.map((day, i) => {
    const p = predictionOf(model, outputs, days.length, i);
    const actual = day[targetName];
    const error = p.probabilities
      ? 1 - p.probabilities[String(actual)]!
      : Math.abs(Number(actual) - Number(p.prediction));
    return { day, error };
  }).sort((a, b) => b.error - a.error).slice(0, count);
  for (const { day } of worst) {
    const file = await Deno.makeTempFile({ suffix: ".json" });
    Deno.writeTextFileSync(file, JSON.stringify(featuresOf(day)));
    await ratchet(
      `fixtures add ${name} --input ${file} --kind outlier --dataset seattle-weather --partition ${day.month} ` +
        `--row-key ${day.date} --by tools/demo/make_demo.ts ` +
        `--note "one of the 2015 days ${name}@${version} got most wrong (actual: ${
          day[targetName]
        })"`,
    );
    Deno.removeSync(file);
  }
}

async function contract(
  name: string,
  note: string,
  row: Partial<WeatherDay>,
  expect: string,
): Promise<void> {
  const file = await Deno.makeTempFile({ suffix: ".json" });
  Deno.writeTextFileSync(file, JSON.stringify(featuresOf(row)));
  await ratchet(
    `fixtures add ${name} --input ${file} --kind contrived --by tools/demo/make_demo.ts --note "${note}" ${expect}`,
  );
  Deno.removeSync(file);
}

async function main(): Promise<void> {
  for (const name of ["rain-tomorrow", "temp-tomorrow"]) {
    try {
      Deno.removeSync(join(ROOT, "models", name), { recursive: true });
    } catch { /* not there yet */ }
  }
  const days = weatherDays(Deno.readTextFileSync(join(SAMPLES, "seattle-weather.csv")));
  Deno.writeTextFileSync(DAYS, daysCsv(days));
  try {
    Deno.removeSync(join(ROOT, "data", "seattle"), { recursive: true });
  } catch { /* not there yet */ }
  await ratchet(`data import ${DAYS} --dataset seattle --time date --grain month`);
  const recent = days.filter((d) => d.date >= "2015");
  const evaluation = join(await Deno.makeTempDir(), "evaluation.csv");
  Deno.writeTextFileSync(evaluation, daysCsv(recent));
  const features = FEATURES.join(",");

  // Will it rain tomorrow? The first champion is a quick baseline: a depth-2 decision tree on 2012-2014.
  await ratchet(
    `train decision_tree --name rain-tomorrow --dataset seattle --to 2014-12 --target rain_tomorrow --features ${features} ` +
      `--positive yes --param max_depth=2 --alias champion ` +
      `--description "Will it rain (or snow) in Seattle tomorrow? From today's weather."`,
  );
  await ratchet(
    `requirements init rain-tomorrow --input ${evaluation} --partition-by month --primary roc_auc --sample`,
  );
  await ratchet(
    `requirements set rain-tomorrow --min roc_auc=0.45 --mean roc_auc=0.6 --mean accuracy=0.65 --max log_loss=0.85 ` +
      `--min-improvement roc_auc=0.005 --reason "first requirements: better than chance every month, clearly on average"`,
  );
  await ratchet(
    `requirements ratchet rain-tomorrow --margin 0.05 --reason "ratchet to the champion's 2015 months, margin 0.05"`,
  );
  await contract(
    "rain-tomorrow",
    "a dry, warm, still summer day after a dry day: no rain tomorrow",
    {
      season: "summer",
      precipitation: 0,
      precipitation_yesterday: 0,
      temp_max: 30,
      temp_min: 16,
      wind: 1.5,
      weather: "sun",
    },
    "--max-probability yes=0.3",
  );
  await contract("rain-tomorrow", "a wet, windy winter day after a wet day: rain tomorrow", {
    season: "winter",
    precipitation: 20,
    precipitation_yesterday: 15,
    temp_max: 9,
    temp_min: 4,
    wind: 7,
    weather: "rain",
  }, "--expect yes");
  await outliers("rain-tomorrow", recent, 3, 1);
  await promoteChallenger();

  // Tomorrow's high temperature: linear regression, trained by ratchet on 2012-2014.
  await ratchet(
    `train linear --name temp-tomorrow --dataset seattle --to 2014-12 --target temp_max_tomorrow --features ${features} ` +
      `--alias champion --description "Tomorrow's highest temperature in Seattle (°C), from today's weather."`,
  );
  await ratchet(
    `requirements init temp-tomorrow --input ${evaluation} --partition-by month --primary rmse --sample`,
  );
  await ratchet(
    `requirements set temp-tomorrow --max rmse=4 --mean rmse=3.2 --max mae=3.5 --range r2=-1..1 ` +
      `--min-improvement rmse=0.05 --reason "first requirements: within 4 °C RMSE every month"`,
  );
  await ratchet(
    `requirements ratchet temp-tomorrow --margin 0.3 --reason "ratchet to the champion's 2015 months, margin 0.3 °C"`,
  );
  await contract("temp-tomorrow", "a hot July day: tomorrow is hot too", {
    season: "summer",
    precipitation: 0,
    precipitation_yesterday: 0,
    temp_max: 31,
    temp_min: 17,
    wind: 2.5,
    weather: "sun",
  }, "--expect 29 --tolerance 4");
  await contract("temp-tomorrow", "a freezing winter day: tomorrow stays cold", {
    season: "winter",
    precipitation: 0,
    precipitation_yesterday: 0,
    temp_max: 1,
    temp_min: -5,
    wind: 3,
    weather: "sun",
  }, "--expect 3 --tolerance 4");
  await outliers("temp-tomorrow", recent, 3, 1);
}

/**
 * The trial the demo records: logistic regression, trained on the same
 * months, challenges the baseline tree of rain-tomorrow on 2015 (which
 * neither saw), is promoted on the evidence (models/rain-tomorrow/challenges/,
 * CHANGELOG.md), and the requirements ratchet up to it.
 */
async function promoteChallenger(): Promise<void> {
  await ratchet(
    `train logistic --name rain-tomorrow --dataset seattle --to 2014-12 --target rain_tomorrow ` +
      `--features ${FEATURES.join(",")} --positive yes ` +
      `--description "Will it rain (or snow) in Seattle tomorrow? From today's weather."`,
  );
  // The outlier snapshots record what v1 said on its worst days: v2 answers differently, by design.
  const project = await openProject(ROOT);
  const snapshots = readFixtures(fixturesPath(project.store, "rain-tomorrow")).filter((f) =>
    f.kind === "outlier" && !f.superseded
  );
  for (const f of snapshots) {
    await ratchet(
      `fixtures supersede rain-tomorrow ${f.id} --model-version 2 ` +
        `--reason "a snapshot of the v1 tree's answer on a day it got wrong; v2 replaces the tree, its own snapshots replace these"`,
    );
  }
  // Judged on 2015 only (months neither model was trained on), the now-test on its last quarter.
  await ratchet(
    `challenge rain-tomorrow --candidate 2 --dataset seattle --from 2015-01 --window 3p --seed 1 ` +
      `--report models/rain-tomorrow/challenges/v2-against-v1.html ` +
      `--regression-reason "August 2015 had few rainy days, so its ROC AUC rests on a handful of cases; ` +
      `over the 364 days of 2015 the interval of the gain is clear of zero"`,
  );
  await ratchet(
    `promote rain-tomorrow@2 --ratchet --margin 0.05 ` +
      `--reason "logistic regression beats the baseline tree on 2015, which neither saw"`,
  );
  const days = weatherDays(Deno.readTextFileSync(join(SAMPLES, "seattle-weather.csv")));
  await outliers("rain-tomorrow", days.filter((d) => d.date >= "2015"), 3, 2);
}

if (import.meta.main) await main();
