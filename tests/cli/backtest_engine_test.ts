import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import type { BacktestResult } from "../../core/backtest/mod.ts";
import { assertSameResult } from "../../core/backtest/sql_test_project.ts";
import { expectExit, ratchet } from "./_ratchet.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url));

async function backtestJson(model: string, engine: string): Promise<BacktestResult> {
  // The demo project is only read: models/ and data/seattle as committed.
  const args = ["backtest", model, "--dataset", "seattle", "--engine", engine, "--json", "-"];
  const r = expectExit(await ratchet([...args, "--root", REPO]), 0, `${model} --engine ${engine}`);
  return JSON.parse(r.stdout);
}

for (const model of ["rain-tomorrow", "temp-tomorrow"]) {
  Deno.test(`backtest ${model} --engine sql gives what --engine js gives on the demo`, async () => {
    const [js, sql] = [await backtestJson(model, "js"), await backtestJson(model, "sql")];
    assert.equal(js.engine, "js");
    assert.equal(sql.partitions.length, 48);
    // Metrics, reasons, summaries, calibration and worst rows, to 1e-9 (relative beyond 1:
    // temp-tomorrow's mape reaches 5e14 in months with a day at 0 °C).
    assertSameResult(js, sql);
  });
}

Deno.test("backtest --engine auto keeps the demo's small monthly partitions in JavaScript", async () => {
  // About 30 rows a month: planning one SQL query per partition would cost more than it saves.
  assert.equal((await backtestJson("rain-tomorrow", "auto")).engine, "js");
});
