import assert from "node:assert/strict";
import { RatchetError } from "../errors/mod.ts";
import gaussianNb from "../../plugins/gaussian_nb/mod.ts";
import linear from "../../plugins/linear/mod.ts";
import { backtestWithEngine } from "./backtest_with_engine.ts";
import { sqlSupport } from "./sql_support.ts";
import { fittedArtifact, importRows, monthRows, withEngineProject } from "./sql_test_project.ts";

Deno.test("--engine auto picks SQL for a compact model on large partitions, else JavaScript", async () => {
  await withEngineProject(async (project) => {
    project.store.publish("linear", fittedArtifact(linear, "regression"));
    project.store.publish("nb", fittedArtifact(gaussianNb, "binary"));
    const ref = (name: string) => ({ name, ref: undefined });
    assert.equal(sqlSupport(project.model(ref("linear"))), true);
    // Hundreds of rows a partition: planning a query per partition would not pay.
    assert.equal((await backtestWithEngine(project, ref("linear"), "engines")).engine, "js");
    await importRows(project.root, "large", monthRows("2024-05", 25_000, 11));
    assert.equal((await backtestWithEngine(project, ref("linear"), "large")).engine, "sql");
    assert.equal(
      (await backtestWithEngine(project, ref("linear"), "engines", { engine: "js" })).engine,
      "js",
    );
    const nb = await backtestWithEngine(project, ref("nb"), "engines", { engine: "auto" });
    assert.equal(nb.engine, "js");
    assert.equal(nb.partitions.length, 4);
  });
});

Deno.test("--engine sql on a plugin without SQL is an error that says why and what to use", async () => {
  await withEngineProject(async (project) => {
    project.store.publish("nb", fittedArtifact(gaussianNb, "binary"));
    const support = sqlSupport(project.model({ name: "nb", ref: undefined }));
    assert.ok(support instanceof RatchetError);
    await assert.rejects(
      () =>
        backtestWithEngine(project, { name: "nb", ref: undefined }, "engines", { engine: "sql" }),
      (e: unknown) => {
        assert.ok(e instanceof RatchetError && e.kind === "unsupported", String(e));
        assert.equal(
          e.message,
          "Plugin gaussian_nb has no SQL form (toSQL), so the SQL engine cannot back-test nb@1: " +
            "use --engine js (or auto, which picks it)",
        );
        return true;
      },
    );
  });
});
