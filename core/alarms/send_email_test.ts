import assert from "node:assert/strict";
import type { EmailConfig } from "./alarm_config.ts";
import type { AlarmNotice } from "./alarm_event.ts";
import { startSmtpSink } from "./_smtp_sink.ts";
import { sendEmail } from "./send_email.ts";

const notice: AlarmNotice = {
  key: "9c1e44",
  status: "firing",
  model: "churn",
  version: 3,
  check: "nowtest",
  subject: "sales",
  reason: "requirements",
  summary: "roc_auc 0.61 below min 0.70 in 2026-11",
  started: "2026-11-27T06:00:00.000Z",
  at: "2026-11-27T06:00:00.000Z",
  details: { shortfalls: [{ metric: "roc_auc", value: 0.61, min: 0.7 }] },
};

function config(port: number, auth = false): EmailConfig {
  return {
    to: ["oncall@example.test", "ml@example.test"],
    from: "Ratchet <ratchet@example.test>",
    smtp: {
      host: "127.0.0.1",
      port,
      ...(auth ? { user: "ratchet", password_env: "RATCHET_TEST_SMTP_PASSWORD" } : {}),
    },
  };
}

Deno.test("sendEmail delivers a plain-text alarm over SMTP, logging in with the password from the environment", async () => {
  const sink = await startSmtpSink();
  Deno.env.set("RATCHET_TEST_SMTP_PASSWORD", "pw-from-env");
  try {
    const result = await sendEmail(config(sink.port, true), notice, "notice-7");
    assert.deepEqual(result, { ok: true, attempts: 1 });
    assert.equal(sink.mails.length, 1);
    const mail = sink.mails[0]!;
    assert.equal(mail.user, "ratchet");
    assert.equal(mail.password, "pw-from-env");
    assert.equal(mail.from, "ratchet@example.test");
    assert.deepEqual(mail.to, ["oncall@example.test", "ml@example.test"]);
    assert.equal(mail.headers.subject, "[ratchet] FIRING churn nowtest sales: requirements");
    assert.match(mail.headers["message-id"] ?? "", /^<notice-7@/);
    assert.equal(mail.headers["x-ratchet-alarm-key"], notice.key);
    assert.ok(mail.text.includes(notice.summary), mail.text);
    for (const part of ["churn@3", notice.started, notice.key, "notice-7"]) {
      assert.ok(mail.text.includes(part), `${part} missing from\n${mail.text}`);
    }
    const json = mail.text.slice(mail.text.indexOf("{"));
    assert.deepEqual(JSON.parse(json), notice.details);
    assert.ok(json.includes('\n  "shortfalls": ['), "details are indented");
  } finally {
    Deno.env.delete("RATCHET_TEST_SMTP_PASSWORD");
    await sink.close();
  }
});

Deno.test("sendEmail says RESOLVED in the subject of a resolved notice", async () => {
  const sink = await startSmtpSink();
  try {
    const result = await sendEmail(config(sink.port), { ...notice, status: "resolved" }, "n-2");
    assert.equal(result.ok, true);
    assert.equal(
      sink.mails[0]?.headers.subject,
      "[ratchet] RESOLVED churn nowtest sales: requirements",
    );
  } finally {
    await sink.close();
  }
});

Deno.test("sendEmail reports a server that refuses the message", async () => {
  const sink = await startSmtpSink();
  sink.refuse = 1;
  try {
    const result = await sendEmail(config(sink.port), notice, "n-3");
    assert.equal(result.ok, false);
    assert.equal(result.attempts, 1);
    assert.match(result.error ?? "", /451/);
    assert.equal(sink.mails.length, 0);
  } finally {
    await sink.close();
  }
});

Deno.test("sendEmail reports an unset password variable without connecting", async () => {
  const sink = await startSmtpSink();
  try {
    Deno.env.delete("RATCHET_TEST_SMTP_PASSWORD");
    const result = await sendEmail(config(sink.port, true), notice, "n-4");
    assert.equal(result.ok, false);
    assert.equal(result.attempts, 0);
    assert.match(result.error ?? "", /RATCHET_TEST_SMTP_PASSWORD .* is not set/);
    assert.equal(sink.mails.length, 0);
  } finally {
    await sink.close();
  }
});

Deno.test("sendEmail reports a server that is not there", async () => {
  const sink = await startSmtpSink();
  const port = sink.port;
  await sink.close();
  const result = await sendEmail(config(port), notice, "n-5");
  assert.equal(result.ok, false);
  assert.match(result.error ?? "", new RegExp(`SMTP 127\\.0\\.0\\.1:${port}`));
});
