import assert from "node:assert/strict";
import { join } from "node:path";
import { connectDuckdb, datasetDir, loadDataset, quoteString } from "../data/mod.ts";
import { nowtest } from "../nowtest/mod.ts";
import type { Project } from "../project/mod.ts";
import { churnBody, postJson, publish, withModels } from "./_test_project.ts";
import { createServiceApp } from "./create_service_app.ts";
import { chunkIds } from "./log_columns.ts";
import type { LogWriter } from "./log_writer.ts";
import { ModelPool } from "./model_pool.ts";
import { PredictionLog } from "./prediction_log.ts";
import { ServiceMetrics } from "./service_metrics.ts";

const NOW = new Date("2026-03-05T10:00:00.000Z");
const ROWS = [
  { x: 1.5, vip: false, plan: "basic" },
  { x: -3, vip: true, plan: "pro" },
  { x: 0.25, vip: true, plan: "pro" },
];

/** Every row of a dataset, in time order then id. */
async function rowsOf(root: string, name: string): Promise<Record<string, unknown>[]> {
  const d = loadDataset(root, name);
  const files = d.partitions.flatMap((p) =>
    p.files.map((f) => quoteString(join(datasetDir(root, name), f)))
  );
  const db = await connectDuckdb();
  try {
    const sql = `SELECT * FROM read_parquet([${
      files.join(", ")
    }], hive_partitioning = false) ORDER BY request_id`;
    return (await db.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    db.disconnectSync();
  }
}

function setup(project: Project, options: { shadow?: boolean; flushRows?: number } = {}) {
  const warnings: string[] = [];
  const log = new PredictionLog({
    root: project.root,
    now: () => NOW,
    warn: (m) => warnings.push(m),
    ...(options.flushRows ? { flushRows: options.flushRows } : {}),
  });
  let n = 0;
  const app = createServiceApp({
    models: ModelPool.open(project, { shadow: options.shadow }),
    log,
    now: () => NOW,
    newId: () => `r${++n}`,
  });
  return { app, log, warnings };
}

Deno.test("predictions are logged to live-<model> by day; outcomes fill the target before and after a flush", () =>
  withModels(async (project) => {
    const { app, log, warnings } = setup(project);
    try {
      const answer = await (await app.request("/v1/models/churn/predict", postJson({ rows: ROWS })))
        .json();
      assert.deepEqual(answer.predictions.map((p: { id: string }) => p.id), ["r1", "r2", "r3"]);
      const posted = await app.request(
        "/v1/models/churn/outcomes",
        postJson({ id: "r1", outcome: "yes" }),
      );
      assert.equal(posted.status, 202);
      assert.deepEqual(await posted.json(), { model: "churn", accepted: 1 });
      const first = await log.flush();
      assert.deepEqual(first, { rows: 3, matched: 1, unmatched: 0, datasets: ["live-churn"] });
      const d = loadDataset(project.root, "live-churn");
      assert.equal(d.time, "request_time");
      assert.equal(d.grain, "day");
      assert.deepEqual(d.partitions.map((p) => p.label), ["2026-03-05"]);
      assert.deepEqual(d.columns.map((c) => c.name), [
        "request_id",
        "request_time",
        "model_version",
        "x",
        "vip",
        "plan",
        "prediction",
        "p_no",
        "p_yes",
        "shadow_version",
        "shadow_prediction",
        "shadow_p_no",
        "shadow_p_yes",
        "churned",
      ]);
      const outcomes = {
        outcomes: [{ id: "r2", outcome: "no" }, { id: "r3", outcome: "yes" }, {
          id: "ghost",
          outcome: "no",
        }],
      };
      assert.equal(
        (await app.request("/v1/models/churn/outcomes", postJson(outcomes))).status,
        202,
      );
      const second = await log.flush();
      assert.deepEqual(second, { rows: 0, matched: 2, unmatched: 1, datasets: [] });
      assert.match(
        warnings.join("\n"),
        /1 outcome\(s\) of churn name no logged row \(e\.g\. "ghost"\); dropped/,
      );
      const rows = await rowsOf(project.root, "live-churn");
      assert.deepEqual(rows.map((r) => [r.request_id, r.churned, r.vip, r.plan]), [
        ["r1", "yes", false, "basic"],
        ["r2", "no", true, "pro"],
        ["r3", "yes", true, "pro"],
      ]);
      const p = answer.predictions;
      assert.deepEqual(
        rows.map((r) => [r.prediction, r.p_no, r.p_yes, r.model_version, r.shadow_version]),
        p.map((
          x: { prediction: string; probabilities: Record<string, number> },
        ) => [x.prediction, x.probabilities.no, x.probabilities.yes, 1, null]),
      );
      assert.equal(String(rows[0]!.request_time), "2026-03-05 10:00:00");
    } finally {
      await log.close();
    }
  }));

Deno.test("nowtest scores the live log once outcomes are known", () =>
  withModels(async (project) => {
    const { app, log } = setup(project);
    try {
      await app.request("/v1/models/churn/predict", postJson({ rows: ROWS }));
      await app.request(
        "/v1/models/churn/outcomes",
        postJson({ outcomes: [{ id: "r1", outcome: "no" }, { id: "r2", outcome: "yes" }] }),
      );
      await log.flush();
      const result = await nowtest(project, { name: "churn", ref: undefined }, "live-churn", {
        reference: "2026-03-05..2026-03-05",
        alarm: false,
        now: NOW,
      });
      assert.equal(result.target, "churned");
      assert.equal(result.window.rows, 3);
      assert.equal(result.window.labelled, 2);
      assert.equal(result.metrics?.rows, 2);
    } finally {
      await log.close();
    }
  }));

Deno.test("a challenger in shadow is logged beside the champion; another schema goes to live-<model>-v<N>", () =>
  withModels(async (project) => {
    const v2 = publish(project, "churn", churnBody(2), false);
    project.store.setAlias("churn", "challenger", v2);
    const { app, log, warnings } = setup(project, { shadow: true });
    try {
      await app.request("/v1/models/churn/predict", postJson({ features: ROWS[0] }));
      const other = {
        ...churnBody(),
        features: [{ name: "x", type: "number" }],
        preprocessing: [],
        inputs: ["x"],
        coefficients: { link: "ovr", intercepts: [0], weights: [[1]] },
      };
      const v3 = publish(project, "churn", other, false);
      await app.request(
        `/v1/models/churn/versions/${v3}/predict`,
        postJson({ features: { x: 2 } }),
      );
      const result = await log.flush();
      assert.deepEqual(result.datasets.sort(), ["live-churn", `live-churn-v${v3}`]);
      assert.match(warnings.join("\n"), new RegExp(`logging it to live-churn-v${v3}`));
      const [row] = await rowsOf(project.root, "live-churn");
      assert.equal(row!.model_version, 1);
      assert.equal(row!.shadow_version, v2);
      assert.equal(typeof row!.shadow_p_yes, "number");
      assert.notEqual(row!.shadow_p_yes, row!.p_yes);
      const [apart] = await rowsOf(project.root, `live-churn-v${v3}`);
      assert.equal(apart!.model_version, v3);
    } finally {
      await log.close();
    }
  }));

Deno.test("outcomes must fit the model: a class label, or a finite number for regression", () =>
  withModels(async (project) => {
    const { app, log } = setup(project);
    try {
      for (
        const [path, body, message] of [
          [
            "/v1/models/churn/outcomes",
            { id: "r1", outcome: "maybe" },
            /^\$\.outcome: "maybe" is not a class of churn \(classes: "no", "yes"\)/,
          ],
          ["/v1/models/price/outcomes", {
            outcomes: [{ id: "r1", outcome: 2 }, { id: "r2", outcome: "high" }],
          }, /^\$\.outcomes\[1\]\.outcome: expected a finite number \(price is a regression\)/],
          ["/v1/models/churn/outcomes", { id: "", outcome: "no" }, /^\$\.id: /],
          ["/v1/models/churn/outcomes", { outcome: "no" }, /^\$\.id: /],
        ] as const
      ) {
        const res = await app.request(path, postJson(body));
        assert.equal(res.status, 400);
        assert.match((await res.json()).error, message);
      }
      assert.equal(log.pending, 0, "nothing refused was buffered");
    } finally {
      await log.close();
    }
  }));

Deno.test("a failed flush keeps the rows for the next one; a full backlog drops and counts", async () => {
  let fail = true;
  const written: string[] = [];
  const writer: LogWriter = {
    append: (_dataset, chunk) => {
      if (fail) return Promise.reject(new Error("disk full"));
      written.push(...chunkIds(chunk));
      return Promise.resolve(chunk.rows);
    },
    outcomes: () => Promise.resolve(new Set()),
    close: () => Promise.resolve(),
  };
  await withModels(async (project) => {
    const warnings: string[] = [];
    const metrics = new ServiceMetrics();
    const log = new PredictionLog({
      root: project.root,
      writer,
      metrics,
      flushRows: 2,
      warn: (m) => warnings.push(m),
      now: () => NOW,
    });
    const served = ModelPool.open(project).champion("price");
    const batch = (id: string) => ({
      model: served,
      ids: [id],
      rows: [{ x: 1 }],
      outputs: Float64Array.of(1),
      time: NOW,
    });
    log.record(batch("a"));
    await assert.rejects(log.flush(), /could not be written .*disk full/);
    assert.equal(log.pending, 1);
    for (const id of ["b", "c", "d"]) log.record(batch(id));
    fail = false;
    assert.deepEqual((await log.flush()).rows, 4);
    assert.deepEqual(written, ["a", "b", "c", "d"]);
    fail = true;
    for (let i = 0; i < 25; i++) log.record(batch(`x${i}`));
    assert.equal(log.pending, 20, "at most 10 × flushRows are held");
    assert.equal(metrics.droppedRows.get(["price"]), 5);
    assert.equal(metrics.flushes.get(["error"]), 1);
    assert.equal(metrics.loggedRows.get(["price"]), 4);
    await assert.rejects(log.close());
  });
});

Deno.test("each flush writes only its own rows, though a log reuses the buffer of the last", () =>
  withModels(async (project) => {
    const { app, log } = setup(project);
    try {
      const batches = [ROWS, [{ x: 7, vip: true, plan: "pro" }], [ROWS[0]!, ROWS[0]!]];
      for (const rows of batches) {
        await app.request("/v1/models/churn/predict", postJson({ rows }));
        assert.equal((await log.flush()).rows, rows.length);
      }
      const logged = await rowsOf(project.root, "live-churn");
      // Ids r1…r6, in order; the texts of each flush are their own, not the flush's before.
      assert.deepEqual(
        logged.map((r) => [r.request_id, r.x, r.vip, r.plan]),
        batches.flat().map((row, i) => [`r${i + 1}`, row.x, row.vip, row.plan]),
      );
    } finally {
      await log.close();
    }
  }));
