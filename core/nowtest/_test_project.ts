/**
 * Test rig for now-tests: a temp project with a real DuckDB dataset of
 * generated daily rows, a logistic and a linear model of them with a
 * training window, requirements, and alarms going to a local HTTP sink and
 * a local SMTP server. Nothing leaves the machine.
 *
 * @module
 */
import { join } from "node:path";
import type { AlarmConfig } from "../alarms/mod.ts";
import { type HttpSink, startHttpSink } from "../alarms/_http_sink.ts";
import { type SmtpSink, startSmtpSink } from "../alarms/_smtp_sink.ts";
import type { ArtifactBody } from "../artifact/mod.ts";
import { importDataset } from "../data/mod.ts";
import { type Row, writeCsv } from "../data/_test_data.ts";
import { openProject, type Project } from "../project/mod.ts";
import { createRandom } from "../random/mod.ts";
import { saveRequirements } from "../requirements/mod.ts";
import { nowtest, type NowtestOptions } from "./nowtest.ts";
import type { NowtestResult } from "./nowtest_result.ts";

/** How one month of rows is generated. */
export interface MonthPlan {
  /** `2015-07`. */
  month: string;
  /** Added to every x: drift. */
  shift?: number;
  /** The kinds drawn from (default a, b, c). */
  kinds?: string[];
  /** Every label the opposite of the one drawn: accuracy falls well below 0.6. */
  flip?: boolean;
  /** Every k-th row has no label (y and v missing); 1: none has. */
  unlabelledEvery?: number;
}

/** A generated row. */
export type DayRow = Row & { date: string; x: number; kind: string; y: string | null };

/** P(y = yes) of the logistic test model: expit(1.5x + effect of kind). */
const _KIND_EFFECT: Record<string, number> = { a: 0.5, b: 0, c: -0.5 };

/** `perDay` rows for each day of each month, labels drawn from the logistic model itself. */
export function monthRows(plans: readonly MonthPlan[], seed = 1, perDay = 8): DayRow[] {
  const rng = createRandom(seed);
  const rows: DayRow[] = [];
  for (const plan of plans) {
    const [y, m] = plan.month.split("-").map(Number) as [number, number];
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    for (let d = 1; d <= days; d++) {
      const date = `${plan.month}-${String(d).padStart(2, "0")}`;
      for (let k = 0; k < perDay; k++) {
        const kinds = plan.kinds ?? ["a", "b", "c"];
        const kind = kinds[rng.int(kinds.length)]!;
        const x = rng.normal() + (plan.shift ?? 0);
        const p = 1 / (1 + Math.exp(-(1.5 * x + (_KIND_EFFECT[kind] ?? 0))));
        let yes = rng.next() < p;
        if (plan.flip) yes = !yes;
        const v = 2 * x + 0.5 * rng.normal();
        const missing = plan.unlabelledEvery !== undefined &&
          rows.length % plan.unlabelledEvery === 0;
        rows.push({
          date,
          x,
          kind,
          y: missing ? null : yes ? "yes" : "no",
          v: missing ? null : v,
        });
      }
    }
  }
  return rows;
}

/** The logistic test model (binary, `y`) trained, as provenance says, on `window`. */
export function logisticModel(window?: { from: string; to: string }): ArtifactBody {
  return {
    format: "ratchet.model/v1",
    plugin: { id: "logistic", version: "^1.0.0" },
    task: "binary",
    features: [
      { name: "x", type: "number" },
      { name: "kind", type: "category", levels: ["a", "b", "c"] },
    ],
    target: { name: "y", labels: ["no", "yes"], positive: "yes" },
    preprocessing: [{ type: "one_hot", columns: ["kind"], handle_unknown: "ignore" }],
    coefficients: { link: "ovr", intercepts: [0], weights: [[1.5, 0.5, 0, -0.5]] },
    hyperparameters: {},
    provenance: {
      created: "2026-11-27T00:00:00.000Z",
      source: "test",
      ...(window ? { dataset: "days", window } : {}),
    },
  };
}

/** The linear test model (regression, `v = 2x`), with a training window. */
export function linearModel(window: { from: string; to: string }): ArtifactBody {
  return {
    format: "ratchet.model/v1",
    plugin: { id: "linear", version: "^1.0.0" },
    task: "regression",
    features: [{ name: "x", type: "number" }],
    target: { name: "v" },
    preprocessing: [],
    coefficients: { intercept: 0, weights: [2] },
    hyperparameters: {},
    provenance: { created: "2026-11-27T00:00:00.000Z", source: "test", dataset: "days", window },
  };
}

/** A running rig. */
export interface Rig {
  /** The project folder. */
  root: string;
  /** The opened project. */
  project: Project;
  /** The webhook receiver. */
  hook: HttpSink;
  /** The SMTP server. */
  smtp: SmtpSink;
  /** What the alarms printed on stderr. */
  lines: string[];
  /** Appends rows to the dataset `days` (new months arrive). */
  append(rows: readonly Row[]): Promise<void>;
  /** Writes `models/<model>/alarms.json`: the sinks, plus `extra`. */
  configure(model: string, extra?: AlarmConfig): void;
  /** Now-tests `model` (default `churn`) on `days`, alarms printing into `lines`. */
  run(options?: NowtestOptions, model?: string): Promise<NowtestResult>;
}

/**
 * A project with the dataset `days` (monthly partitions of `rows`), the
 * models `churn` (logistic, trained on `window`) and `level` (linear), and
 * requirements for `churn`: accuracy min 0.6.
 */
export async function withRig(
  rows: readonly Row[],
  fn: (rig: Rig) => Promise<void>,
  options: { window?: { from: string; to: string } | null } = {},
): Promise<void> {
  const root = Deno.makeTempDirSync({ prefix: "ratchet-nowtest-" });
  const hook = startHttpSink();
  const smtp = await startSmtpSink();
  try {
    let files = 0;
    const append = async (more: readonly Row[]) => {
      const csv = writeCsv(root, `rows-${files++}.csv`, more, ["date", "x", "kind", "y", "v"]);
      await importDataset(root, [csv], { dataset: "days", time: "date", grain: "month" });
    };
    await append(rows);
    const project = await openProject(root);
    const window = options.window === undefined
      ? { from: "2015-01", to: "2015-06" }
      : options.window ?? undefined;
    project.store.publish("churn", logisticModel(window));
    project.store.publish("level", linearModel(window ?? { from: "2015-01", to: "2015-06" }));
    saveRequirements(join(project.store.modelDir("churn"), "requirements.json"), {
      format: "ratchet.requirements/v1",
      primary: "accuracy",
      metrics: { accuracy: { min: 0.6 } },
      history: [{ date: "2026-11-27", action: "init", reason: "test", changes: [] }],
    });
    const lines: string[] = [];
    const rig: Rig = {
      root,
      project,
      hook,
      smtp,
      lines,
      append,
      configure(model, extra = {}) {
        Deno.writeTextFileSync(
          join(project.store.modelDir(model), "alarms.json"),
          JSON.stringify({
            webhook: { url: hook.url, max_attempts: 1 },
            email: {
              to: ["oncall@example.test"],
              from: "ratchet@example.test",
              smtp: { host: "127.0.0.1", port: smtp.port },
            },
            ...extra,
          }),
        );
      },
      run: (options = {}, model = "churn") =>
        nowtest(project, { name: model, ref: undefined }, "days", {
          ...options,
          alarmOptions: { stderr: (line) => lines.push(line), sleep: () => Promise.resolve() },
        }),
    };
    await fn(rig);
  } finally {
    await hook.close();
    await smtp.close();
    Deno.removeSync(root, { recursive: true });
  }
}
