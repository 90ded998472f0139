import assert from "node:assert/strict";
import type { AlarmNotice } from "./alarm_event.ts";
import { startHttpSink } from "./_http_sink.ts";
import { sendWebhook } from "./send_webhook.ts";

const notice: AlarmNotice = {
  key: "5f2b",
  status: "firing",
  model: "churn",
  version: 3,
  check: "nowtest",
  subject: "sales",
  reason: "drift",
  summary: "psi 0.41 on income",
  started: "2026-11-27T06:00:00.000Z",
  at: "2026-11-27T06:00:00.000Z",
  details: { psi: { income: 0.41 } },
};

function recordSleeps(): { sleeps: number[]; sleep: (ms: number) => Promise<void> } {
  const sleeps: number[] = [];
  return { sleeps, sleep: (ms) => (sleeps.push(ms), Promise.resolve()) };
}

Deno.test("sendWebhook retries a 500 and delivers the notice as JSON with one idempotency key", async () => {
  const sink = startHttpSink([500, 200]);
  try {
    const { sleeps, sleep } = recordSleeps();
    const result = await sendWebhook(
      { url: sink.url, backoff_ms: 250, headers: { "X-Route": "ml-oncall" } },
      notice,
      "notice-1",
      { sleep },
    );
    assert.deepEqual(result, { ok: true, attempts: 2 });
    assert.deepEqual(sleeps, [250]);
    assert.equal(sink.requests.length, 2);
    for (const r of sink.requests) {
      assert.equal(r.method, "POST");
      assert.equal(r.headers.get("content-type"), "application/json");
      assert.equal(r.headers.get("idempotency-key"), "notice-1");
      assert.equal(r.headers.get("x-ratchet-alarm-key"), notice.key);
      assert.equal(r.headers.get("x-route"), "ml-oncall");
      assert.deepEqual(r.body, notice);
    }
  } finally {
    await sink.close();
  }
});

Deno.test("sendWebhook does not retry a 404 and reports its status and body", async () => {
  const sink = startHttpSink([{ status: 404, body: "no such hook\n  here" }]);
  try {
    const { sleeps, sleep } = recordSleeps();
    const result = await sendWebhook({ url: sink.url }, notice, "notice-1", { sleep });
    assert.equal(result.ok, false);
    assert.equal(result.attempts, 1);
    assert.match(result.error ?? "", /HTTP 404.*no such hook here/);
    assert.equal(sink.requests.length, 1);
    assert.deepEqual(sleeps, []);
  } finally {
    await sink.close();
  }
});

Deno.test("sendWebhook times out a receiver that hangs, retries, then gives up", async () => {
  const sink = startHttpSink(["hang", "hang"]);
  try {
    const { sleep } = recordSleeps();
    const result = await sendWebhook(
      { url: sink.url, timeout_ms: 150, max_attempts: 2 },
      notice,
      "notice-1",
      { sleep },
    );
    assert.equal(result.ok, false);
    assert.equal(result.attempts, 2);
    assert.match(result.error ?? "", /no answer .* within 150 ms.*gave up after 2 attempts/);
    assert.equal(sink.requests.length, 2);
  } finally {
    await sink.close();
  }
});

Deno.test("sendWebhook honours Retry-After on a 429, capped at max_backoff_ms", async () => {
  const sink = startHttpSink([
    { status: 429, headers: { "retry-after": "3" } },
    { status: 429, headers: { "retry-after": "60" } },
    200,
  ]);
  try {
    const { sleeps, sleep } = recordSleeps();
    const result = await sendWebhook(
      { url: sink.url, backoff_ms: 100, max_backoff_ms: 5000 },
      notice,
      "notice-1",
      { sleep },
    );
    assert.deepEqual(result, { ok: true, attempts: 3 });
    assert.deepEqual(sleeps, [3000, 5000]);
  } finally {
    await sink.close();
  }
});

Deno.test("sendWebhook backs off exponentially up to the cap and stops after max_attempts", async () => {
  const sink = startHttpSink([503, 503, 503, 503, 503, 200]);
  try {
    const { sleeps, sleep } = recordSleeps();
    const result = await sendWebhook(
      { url: sink.url, backoff_ms: 500, max_backoff_ms: 1500, max_attempts: 5 },
      notice,
      "notice-1",
      { sleep },
    );
    assert.equal(result.ok, false);
    assert.equal(result.attempts, 5);
    assert.match(result.error ?? "", /HTTP 503/);
    assert.deepEqual(sleeps, [500, 1000, 1500, 1500]);
    assert.equal(sink.requests.length, 5);
    assert.deepEqual(sink.replies, [200]);
  } finally {
    await sink.close();
  }
});

Deno.test("sendWebhook retries network errors and keeps the URL's secret path out of the error", async () => {
  const sink = startHttpSink();
  const url = sink.url;
  await sink.close();
  const { sleeps, sleep } = recordSleeps();
  const result = await sendWebhook({ url, max_attempts: 3 }, notice, "notice-1", { sleep });
  assert.equal(result.ok, false);
  assert.equal(result.attempts, 3);
  assert.equal(sleeps.length, 2);
  assert.match(result.error ?? "", /cannot reach http:\/\/127\.0\.0\.1:\d+/);
  assert.ok(!(result.error ?? "").includes("s3cr3t"), result.error);
});
