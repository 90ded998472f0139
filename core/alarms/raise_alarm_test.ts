import assert from "node:assert/strict";
import { RatchetError } from "../errors/mod.ts";
import type { AlarmConfig } from "./alarm_config.ts";
import { alarmKey, type AlarmVerdict } from "./alarm_event.ts";
import { alarmStatePath, readAlarmState } from "./alarm_state.ts";
import { type AlarmOutcome, raiseAlarm, type RaiseAlarmOptions } from "./raise_alarm.ts";
import { type HttpSink, startHttpSink } from "./_http_sink.ts";
import { type SmtpSink, startSmtpSink } from "./_smtp_sink.ts";

const T0 = new Date("2026-11-27T06:00:00.000Z");
const hours = (h: number) => new Date(T0.getTime() + h * 3_600_000);

const failing: AlarmVerdict = {
  model: "churn",
  version: 3,
  check: "nowtest",
  subject: "sales",
  failing: true,
  reason: "requirements",
  summary: "roc_auc 0.61 below min 0.70 in 2026-11",
  details: { shortfalls: [{ metric: "roc_auc", value: 0.61, min: 0.7 }] },
};
const passing: AlarmVerdict = {
  ...failing,
  failing: false,
  reason: "requirements",
  summary: "all requirements met in 2026-12",
  details: { shortfalls: [] },
};

interface Rig {
  dir: string;
  hook: HttpSink;
  smtp: SmtpSink;
  lines: string[];
  configure(config: AlarmConfig): void;
  raise(verdict: AlarmVerdict, now: Date, options?: RaiseAlarmOptions): Promise<AlarmOutcome>;
}

async function withRig(fn: (rig: Rig) => Promise<void>): Promise<void> {
  const dir = Deno.makeTempDirSync({ prefix: "ratchet-alarms-" });
  const hook = startHttpSink();
  const smtp = await startSmtpSink();
  const lines: string[] = [];
  const rig: Rig = {
    dir,
    hook,
    smtp,
    lines,
    configure(config) {
      Deno.writeTextFileSync(`${dir}/alarms.json`, JSON.stringify(config));
    },
    raise: (verdict, now, options = {}) =>
      raiseAlarm(dir, verdict, {
        now,
        sleep: () => Promise.resolve(),
        stderr: (line) => lines.push(line),
        ...options,
      }),
  };
  rig.configure({
    webhook: { url: hook.url, max_attempts: 2 },
    email: {
      to: ["oncall@example.test"],
      from: "ratchet@example.test",
      smtp: { host: "127.0.0.1", port: smtp.port },
    },
  });
  try {
    await fn(rig);
  } finally {
    await hook.close();
    await smtp.close();
    Deno.removeSync(dir, { recursive: true });
  }
}

const okBoth = [
  { channel: "webhook", ok: true, attempts: 1 },
  { channel: "email", ok: true, attempts: 1 },
];

Deno.test("a failing verdict prints one ALARM line and notifies every channel once", async () => {
  await withRig(async (rig) => {
    const outcome = await rig.raise(failing, T0);
    assert.deepEqual(outcome, { status: "firing", notified: okBoth, repeated: false });
    assert.deepEqual(rig.lines, [
      "ALARM churn@3 nowtest sales: roc_auc 0.61 below min 0.70 in 2026-11",
    ]);
    assert.equal(rig.hook.requests.length, 1);
    const notice = rig.hook.requests[0]!.body;
    assert.equal(notice.status, "firing");
    assert.equal(notice.key, alarmKey(failing));
    assert.equal(notice.started, T0.toISOString());
    assert.deepEqual(notice.details, failing.details);
    assert.equal(rig.smtp.mails.length, 1);
    assert.equal(
      rig.smtp.mails[0]!.headers.subject,
      "[ratchet] FIRING churn nowtest sales: requirements",
    );
    const record = readAlarmState(alarmStatePath(rig.dir)).alarms[alarmKey(failing)]!;
    assert.equal(record.status, "firing");
    assert.equal(record.started, T0.toISOString());
    assert.deepEqual(record.channels, {
      webhook: { notified: T0.toISOString() },
      email: { notified: T0.toISOString() },
    });
    assert.deepEqual(record.history.map((h) => h.event), ["firing"]);
  });
});

Deno.test("after a restart, a still-failing check prints its line but does not notify again", async () => {
  await withRig(async (rig) => {
    await rig.raise(failing, T0);
    for (const h of [1, 6, 23.9]) {
      const outcome = await rig.raise({ ...failing, version: 4 }, hours(h));
      assert.deepEqual(outcome, { status: "firing", notified: [], repeated: false });
    }
    assert.equal(rig.hook.requests.length, 1);
    assert.equal(rig.smtp.mails.length, 1);
    assert.equal(rig.lines.filter((l) => l.startsWith("ALARM ")).length, 4);
    assert.equal(
      rig.lines.at(-1),
      "ALARM churn@4 nowtest sales: roc_auc 0.61 below min 0.70 in 2026-11",
    );
  });
});

Deno.test("a still-firing alarm is repeated once repeat_after_hours has passed, with the same key", async () => {
  await withRig(async (rig) => {
    rig.configure({ webhook: { url: rig.hook.url }, repeat_after_hours: 6 });
    await rig.raise(failing, T0);
    assert.equal((await rig.raise(failing, hours(5.9))).repeated, false);
    const repeat = await rig.raise(failing, hours(6));
    assert.equal(repeat.repeated, true);
    assert.deepEqual(repeat.notified, [{ channel: "webhook", ok: true, attempts: 1 }]);
    assert.equal((await rig.raise(failing, hours(11))).repeated, false);
    assert.equal((await rig.raise(failing, hours(12))).repeated, true);
    const [first, second, third] = rig.hook.requests;
    assert.equal(rig.hook.requests.length, 3);
    for (const r of [second!, third!]) {
      assert.equal(r.body.status, "firing");
      assert.equal(r.body.key, first!.body.key);
      assert.equal(r.body.started, T0.toISOString());
    }
    assert.equal(second!.body.at, hours(6).toISOString());
    const ids = rig.hook.requests.map((r) => r.headers.get("idempotency-key"));
    assert.equal(new Set(ids).size, 3, "each notice has its own id");
    const history = readAlarmState(alarmStatePath(rig.dir)).alarms[alarmKey(failing)]!.history;
    assert.deepEqual(history.map((h) => h.event), ["firing", "repeated", "repeated"]);
  });
});

Deno.test("a passing verdict resolves the alarm on every notified channel, once", async () => {
  await withRig(async (rig) => {
    await rig.raise(failing, T0);
    const outcome = await rig.raise({ ...passing, version: 4 }, hours(30));
    assert.deepEqual(outcome, { status: "resolved", notified: okBoth, repeated: false });
    assert.equal(
      rig.lines.at(-1),
      "RESOLVED churn@4 nowtest sales: all requirements met in 2026-12",
    );
    const [firing, resolved] = rig.hook.requests;
    assert.equal(resolved!.body.status, "resolved");
    assert.equal(resolved!.body.key, firing!.body.key);
    assert.equal(resolved!.body.started, T0.toISOString());
    assert.equal(resolved!.body.at, hours(30).toISOString());
    assert.equal(resolved!.body.reason, "requirements");
    assert.equal(resolved!.body.version, 4);
    assert.notEqual(
      resolved!.headers.get("idempotency-key"),
      firing!.headers.get("idempotency-key"),
    );
    assert.equal(
      rig.smtp.mails[1]?.headers.subject,
      "[ratchet] RESOLVED churn nowtest sales: requirements",
    );
    const again = await rig.raise(passing, hours(31));
    assert.deepEqual(again, { status: "ok", notified: [], repeated: false });
    assert.equal(rig.hook.requests.length, 2);
    assert.equal(rig.smtp.mails.length, 2);
    const record = readAlarmState(alarmStatePath(rig.dir)).alarms[alarmKey(failing)]!;
    assert.equal(record.status, "resolved");
    assert.deepEqual(record.channels, {});
    assert.deepEqual(record.history.map((h) => h.event), ["firing", "resolved"]);
  });
});

Deno.test("a passing verdict without an alarm does nothing and writes no state", async () => {
  await withRig(async (rig) => {
    const outcome = await rig.raise(passing, T0);
    assert.deepEqual(outcome, { status: "ok", notified: [], repeated: false });
    assert.deepEqual(rig.lines, []);
    assert.equal(rig.hook.requests.length + rig.smtp.mails.length, 0);
    assert.throws(() => Deno.statSync(alarmStatePath(rig.dir)), Deno.errors.NotFound);
  });
});

Deno.test("the dedup key is one per (model, check, subject), across episodes and versions", async () => {
  await withRig(async (rig) => {
    rig.configure({ webhook: { url: rig.hook.url } });
    await rig.raise(failing, T0);
    await rig.raise(passing, hours(1));
    await rig.raise({ ...failing, version: 5, reason: "drift" }, hours(2));
    await rig.raise({ ...failing, subject: "returns" }, hours(2));
    const keys = rig.hook.requests.map((r) => r.body.key);
    assert.equal(keys.length, 4);
    assert.equal(new Set(keys.slice(0, 3)).size, 1);
    assert.notEqual(keys[3], keys[0]);
    assert.deepEqual(
      rig.hook.requests.map((r) => r.headers.get("x-ratchet-alarm-key")),
      keys,
    );
    assert.equal(rig.hook.requests[2]!.body.started, hours(2).toISOString(), "a new episode");
  });
});

Deno.test("an empty newest window raises a 'no data' alarm like any other", async () => {
  await withRig(async (rig) => {
    const noData = {
      ...failing,
      reason: "no data",
      summary: "no rows in the newest window 2026-11",
      details: { rows: 0 },
    };
    const outcome = await rig.raise(noData, T0);
    assert.equal(outcome.status, "firing");
    assert.deepEqual(rig.lines, [
      "ALARM churn@3 nowtest sales: no rows in the newest window 2026-11",
    ]);
    assert.equal(rig.hook.requests[0]!.body.reason, "no data");
    assert.equal(
      rig.smtp.mails[0]!.headers.subject,
      "[ratchet] FIRING churn nowtest sales: no data",
    );
  });
});

Deno.test("without alarms.json, alarms go to stderr only and still keep state", async () => {
  await withRig(async (rig) => {
    Deno.removeSync(`${rig.dir}/alarms.json`);
    assert.deepEqual(await rig.raise(failing, T0), {
      status: "firing",
      notified: [],
      repeated: false,
    });
    assert.deepEqual(await rig.raise(failing, hours(48)), {
      status: "firing",
      notified: [],
      repeated: false,
    });
    assert.equal((await rig.raise(passing, hours(49))).status, "resolved");
    assert.deepEqual(rig.lines.map((l) => l.split(" ")[0]), ["ALARM", "ALARM", "RESOLVED"]);
    assert.equal(rig.hook.requests.length + rig.smtp.mails.length, 0);
  });
});

Deno.test("raiseAlarm refuses an invalid verdict and a corrupt state file, after printing the alarm", async () => {
  await withRig(async (rig) => {
    await assert.rejects(
      () => rig.raise({ ...failing, model: "../etc", version: 0 }, T0),
      (e: unknown) => e instanceof RatchetError && /model.*version/s.test(e.message),
    );
    Deno.writeTextFileSync(alarmStatePath(rig.dir), '{"format": "ratchet.alarm-state/v1"}');
    await assert.rejects(
      () => rig.raise(failing, T0),
      (e: unknown) =>
        e instanceof RatchetError && e.message.includes(alarmStatePath(rig.dir)) &&
        e.message.includes("$.alarms") && e.message.includes("move the file aside"),
    );
    assert.deepEqual(rig.lines, [
      "ALARM churn@3 nowtest sales: roc_auc 0.61 below min 0.70 in 2026-11",
    ]);
    assert.equal(rig.hook.requests.length, 0);
  });
});
