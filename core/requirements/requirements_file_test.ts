import assert from "node:assert/strict";
import { join } from "node:path";
import { RatchetError } from "../errors/mod.ts";
import type { HistoryEntry, Requirements } from "./requirements.ts";
import { loadRequirements, readRequirements, saveRequirements } from "./requirements_file.ts";
import { runDenoScript } from "../testing/run_deno_script.ts";

function entry(i: number): HistoryEntry {
  return {
    date: `2026-11-27T10:00:${String(i % 60).padStart(2, "0")}.000Z`,
    action: "set",
    reason: `change ${i}`,
    changes: [{
      metric: "roc_auc",
      kind: "min",
      from: i === 0 ? null : i / 1000,
      to: (i + 1) / 1000,
    }],
  };
}

function requirements(n: number): Requirements {
  return {
    format: "ratchet.requirements/v1",
    primary: "roc_auc",
    metrics: { roc_auc: { min: n / 1000 } },
    history: Array.from({ length: n }, (_, i) => entry(i)),
  };
}

function withDir(fn: (dir: string) => void | Promise<void>) {
  return async () => {
    const dir = Deno.makeTempDirSync({ prefix: "ratchet-requirements-" });
    try {
      await fn(dir);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  };
}

Deno.test(
  "saved requirements read back equal, in a stable key order, with no temporary files left",
  withDir((dir) => {
    const path = join(dir, "requirements.json");
    const r: Requirements = {
      // Keys deliberately out of order: the file is written in reading order.
      history: [entry(0)],
      metrics: { log_loss: { mean: 0.4, max: 0.5 }, accuracy: { range: [0.6, 0.9], min: 0.7 } },
      primary: "accuracy",
      format: "ratchet.requirements/v1",
    };
    saveRequirements(path, r);
    assert.deepEqual(readRequirements(path), r);
    const text = Deno.readTextFileSync(path);
    assert.deepEqual(Object.keys(JSON.parse(text)), ["format", "primary", "metrics", "history"]);
    assert.deepEqual(Object.keys(JSON.parse(text).metrics), ["accuracy", "log_loss"]);
    assert.deepEqual(Object.keys(JSON.parse(text).metrics.log_loss), ["max", "mean"]);
    assert.ok(text.includes('"range": [0.6, 0.9]'), text);
    saveRequirements(path, readRequirements(path)!);
    assert.equal(Deno.readTextFileSync(path), text, "re-saving changes no byte");
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["requirements.json"]);
  }),
);

Deno.test(
  "invalid requirements and shortened or rewritten history are refused, leaving the file as it was",
  withDir((dir) => {
    const path = join(dir, "requirements.json");
    saveRequirements(path, requirements(3));
    const before = Deno.readTextFileSync(path);
    const bad = { ...requirements(4), metrics: { roc_auc: { range: [0.9, 0.1] } } } as Requirements;
    assert.throws(() => saveRequirements(path, bad), /\$\.metrics\.roc_auc\.range: inverted range/);
    assert.throws(() => saveRequirements(path, requirements(2)), /history is append-only/);
    const rewritten = requirements(4);
    rewritten.history[1] = { ...rewritten.history[1]!, reason: "something else" };
    assert.throws(() => saveRequirements(path, rewritten), /history is append-only/);
    assert.throws(
      () => saveRequirements(path, requirements(4), { task: "regression" }),
      /roc_auc does not apply to a regression model/,
    );
    assert.equal(Deno.readTextFileSync(path), before);
    saveRequirements(path, requirements(4));
    assert.equal(readRequirements(path)!.history.length, 4);
  }),
);

Deno.test(
  "a missing file reads as undefined, and loading it says how to create it",
  withDir((dir) => {
    const path = join(dir, "churn", "requirements.json");
    assert.equal(readRequirements(path), undefined);
    assert.throws(() => loadRequirements(path), (e: unknown) => {
      assert.ok(e instanceof RatchetError && e.status === 404);
      assert.match(
        e.message,
        /churn has no requirements .*ratchet requirements init churn --input FILE/,
      );
      return true;
    });
  }),
);

Deno.test(
  "writes are atomic: a reader racing a writer always sees a whole, valid file",
  withDir(async (dir) => {
    const path = join(dir, "requirements.json");
    saveRequirements(path, requirements(1));
    const fileUrl = new URL("./requirements_file.ts", import.meta.url).href;
    const writer = `import { readRequirements, saveRequirements } from ${JSON.stringify(fileUrl)};
const path = Deno.args[0];
for (let i = 0; i < 150; i++) {
  const r = readRequirements(path);
  // Padding makes each write large enough that a torn write would show.
  const reason = "x".repeat(2000 + (i % 7) * 500);
  const next = { ...r, metrics: { roc_auc: { min: (i + 2) / 1000 } },
    history: [...r.history, { date: "2026-11-27", action: "set", reason, changes: [] }] };
  saveRequirements(path, next);
}`;
    let reads = 0, last = 0, done = false;
    const status = runDenoScript(writer, [path]).finally(() => {
      done = true;
    });
    while (!done) {
      const r = readRequirements(path)!; // throws on a torn or invalid file
      assert.ok(r.history.length >= last, "history never shrinks");
      last = r.history.length;
      reads++;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const out = await status;
    assert.ok(out.success, out.stderr);
    assert.equal(readRequirements(path)!.history.length, 151);
    assert.ok(reads > 10, `only ${reads} reads raced the writer`);
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["requirements.json"]);
  }),
);
