import assert from "node:assert/strict";
import { join } from "node:path";
import { runDenoScript } from "../testing/mod.ts";
import { alarmKey, type AlarmVerdict } from "./alarm_event.ts";
import { type AlarmRecord, alarmStatePath, readAlarmState } from "./alarm_state.ts";
import { raiseAlarm, type RaiseAlarmOptions } from "./raise_alarm.ts";
import { type HttpSink, type SinkReply, startHttpSink } from "./_http_sink.ts";
import { type SmtpSink, startSmtpSink } from "./_smtp_sink.ts";

const T0 = new Date("2026-11-27T06:00:00.000Z");
const hours = (h: number) => new Date(T0.getTime() + h * 3_600_000);

const failing: AlarmVerdict = {
  model: "churn",
  version: 3,
  check: "nowtest",
  subject: "sales",
  failing: true,
  reason: "drift",
  summary: "psi 0.41 on income",
  details: { psi: { income: 0.41 } },
};
const passing: AlarmVerdict = { ...failing, failing: false, summary: "psi 0.05 on income" };

interface Rig {
  dir: string;
  hook: HttpSink;
  smtp: SmtpSink;
  lines: string[];
  record(): AlarmRecord;
  raise(
    verdict: AlarmVerdict,
    now: Date,
    options?: RaiseAlarmOptions,
  ): ReturnType<typeof raiseAlarm>;
}

async function withRig(
  channels: { email?: boolean; replies?: SinkReply[]; delayMs?: number },
  fn: (rig: Rig) => Promise<void>,
): Promise<void> {
  const dir = Deno.makeTempDirSync({ prefix: "ratchet-alarms-" });
  const hook = startHttpSink(channels.replies, { delayMs: channels.delayMs ?? 0 });
  const smtp = await startSmtpSink();
  const lines: string[] = [];
  Deno.writeTextFileSync(
    join(dir, "alarms.json"),
    JSON.stringify({
      webhook: { url: hook.url, max_attempts: 2 },
      ...(channels.email
        ? {
          email: {
            to: ["oncall@example.test"],
            from: "r@example.test",
            smtp: { host: "127.0.0.1", port: smtp.port },
          },
        }
        : {}),
    }),
  );
  try {
    await fn({
      dir,
      hook,
      smtp,
      lines,
      record: () => readAlarmState(alarmStatePath(dir)).alarms[alarmKey(failing)]!,
      raise: (verdict, now, options = {}) =>
        raiseAlarm(dir, verdict, {
          now,
          sleep: () => Promise.resolve(),
          stderr: (line) => lines.push(line),
          ...options,
        }),
    });
  } finally {
    await hook.close();
    await smtp.close();
    Deno.removeSync(dir, { recursive: true });
  }
}

const idOf = (r: { headers: Headers }) => r.headers.get("idempotency-key");

Deno.test("a channel that is down keeps its notice pending and the next run delivers it, once", async () => {
  await withRig({ email: true, replies: [500, 503] }, async (rig) => {
    const first = await rig.raise(failing, T0);
    assert.deepEqual(first.notified.map((d) => [d.channel, d.ok, d.attempts]), [
      ["webhook", false, 2],
      ["email", true, 1],
    ]);
    assert.match(first.notified[0]!.error ?? "", /HTTP 503/);
    assert.ok(
      rig.lines.some((l) => /^alarm webhook delivery failed.*HTTP 503/.test(l)),
      rig.lines.join("\n"),
    );
    const pending = rig.record().channels.webhook?.pending;
    assert.equal(pending?.attempts, 2);
    assert.match(pending?.last_error ?? "", /HTTP 503/);
    assert.equal(pending?.id, idOf(rig.hook.requests[0]!));

    const second = await rig.raise(failing, hours(1));
    assert.deepEqual(second, {
      status: "firing",
      notified: [{ channel: "webhook", ok: true, attempts: 1 }],
      repeated: false,
    });
    const ids = rig.hook.requests.map(idOf);
    assert.equal(ids.length, 3);
    assert.equal(new Set(ids).size, 1, "every attempt carries the same notice id");
    assert.deepEqual(rig.hook.requests[2]!.body, rig.hook.requests[0]!.body);
    assert.equal(rig.smtp.mails.length, 1, "email was not sent again");
    assert.deepEqual(await rig.raise(failing, hours(2)), {
      status: "firing",
      notified: [],
      repeated: false,
    });
    assert.equal(rig.hook.requests.length, 3);
  });
});

Deno.test("an email the server refused stays pending and goes out on the next run", async () => {
  await withRig({ email: true }, async (rig) => {
    rig.smtp.refuse = 1;
    const first = await rig.raise(failing, T0);
    assert.deepEqual(first.notified.map((d) => d.ok), [true, false]);
    assert.ok(rig.record().channels.email?.pending);
    const second = await rig.raise(failing, hours(1));
    assert.deepEqual(second.notified, [{ channel: "email", ok: true, attempts: 1 }]);
    assert.equal(rig.smtp.mails.length, 1);
    assert.equal(rig.hook.requests.length, 1);
    assert.match(
      rig.smtp.mails[0]!.headers["message-id"] ?? "",
      new RegExp(`^<${idOf(rig.hook.requests[0]!)}@`),
    );
  });
});

Deno.test("the intent is on disk before the notice is sent", async () => {
  await withRig({}, async (rig) => {
    const seen: (string | undefined)[] = [];
    const spy: typeof fetch = (input, init) => {
      seen.push(
        readAlarmState(alarmStatePath(rig.dir)).alarms[alarmKey(failing)]?.channels.webhook?.pending
          ?.id,
      );
      assert.equal(new Headers(init?.headers).get("idempotency-key"), seen.at(-1));
      return fetch(input, init);
    };
    await rig.raise(failing, T0, { fetch: spy });
    assert.equal(seen.length, 1);
    assert.ok(seen[0]);
    assert.deepEqual(rig.record().channels.webhook, { notified: T0.toISOString() });
  });
});

Deno.test("a process that dies while sending leaves the notice pending; the next run sends it", async () => {
  await withRig({}, async (rig) => {
    const raiseUrl = new URL("./raise_alarm.ts", import.meta.url).href;
    const crashed = await runDenoScript(
      `import { raiseAlarm } from ${JSON.stringify(raiseUrl)};
       await raiseAlarm(Deno.args[0], JSON.parse(Deno.args[1]), {
         now: new Date(Deno.args[2]),
         fetch: (() => Deno.exit(3)) as typeof fetch,
       });`,
      [rig.dir, JSON.stringify(failing), T0.toISOString()],
    );
    assert.equal(crashed.code, 3, crashed.stderr);
    assert.match(crashed.stderr, /^ALARM churn@3 nowtest sales: psi 0\.41 on income$/m);
    const pending = rig.record().channels.webhook?.pending;
    assert.ok(pending, "the intent survived the crash");
    assert.equal(rig.hook.requests.length, 0);

    const after = await rig.raise(failing, hours(1));
    assert.deepEqual(after.notified, [{ channel: "webhook", ok: true, attempts: 1 }]);
    assert.equal(idOf(rig.hook.requests[0]!), pending.id);
    assert.equal(rig.hook.requests[0]!.body.at, T0.toISOString(), "the notice as first written");
  });
});

Deno.test("resolving while the firing notice is still pending sends resolved (it may have arrived)", async () => {
  await withRig({ replies: [500, 500] }, async (rig) => {
    await rig.raise(failing, T0);
    const resolved = await rig.raise(passing, hours(1));
    assert.equal(resolved.status, "resolved");
    assert.deepEqual(resolved.notified, [{ channel: "webhook", ok: true, attempts: 1 }]);
    assert.deepEqual(rig.hook.requests.map((r) => r.body.status), ["firing", "firing", "resolved"]);
    assert.deepEqual(rig.record().channels, {});
  });
});

Deno.test("a resolved notice that failed is retried by the next passing run", async () => {
  await withRig({}, async (rig) => {
    await rig.raise(failing, T0);
    rig.hook.replies.push(502, 502);
    const resolved = await rig.raise(passing, hours(1));
    assert.equal(resolved.status, "resolved");
    assert.equal(resolved.notified[0]?.ok, false);
    const retry = await rig.raise(passing, hours(2));
    assert.deepEqual(retry, {
      status: "ok",
      notified: [{ channel: "webhook", ok: true, attempts: 1 }],
      repeated: false,
    });
    const statuses = rig.hook.requests.map((r) => r.body.status);
    assert.deepEqual(statuses, ["firing", "resolved", "resolved", "resolved"]);
    assert.equal(new Set(rig.hook.requests.slice(1).map(idOf)).size, 1);
    assert.deepEqual(await rig.raise(passing, hours(3)), {
      status: "ok",
      notified: [],
      repeated: false,
    });
    assert.deepEqual(rig.lines.filter((l) => l.startsWith("RESOLVED")).length, 1);
  });
});

Deno.test("a channel added while the alarm fires is told; one removed loses what it had pending", async () => {
  await withRig({ replies: [500, 500] }, async (rig) => {
    await rig.raise(failing, T0);
    assert.ok(rig.record().channels.webhook?.pending);
    Deno.writeTextFileSync(
      join(rig.dir, "alarms.json"),
      JSON.stringify({
        email: {
          to: ["oncall@example.test"],
          from: "r@example.test",
          smtp: { host: "127.0.0.1", port: rig.smtp.port },
        },
      }),
    );
    const outcome = await rig.raise(failing, hours(1));
    assert.deepEqual(outcome.notified, [{ channel: "email", ok: true, attempts: 1 }]);
    assert.deepEqual(Object.keys(rig.record().channels), ["email"]);
    assert.equal(rig.hook.requests.length, 2);
    assert.equal(rig.smtp.mails.length, 1);
  });
});

Deno.test("two raises at once in one process send one notice", async () => {
  await withRig({ delayMs: 300 }, async (rig) => {
    const both = await Promise.all([rig.raise(failing, T0), rig.raise(failing, T0)]);
    assert.equal(rig.hook.requests.length, 1);
    assert.deepEqual(both.map((o) => o.notified.length).sort(), [0, 1]);
  });
});

Deno.test("two processes raising at once send one notice", async () => {
  await withRig({ delayMs: 300 }, async (rig) => {
    const raiseUrl = new URL("./raise_alarm.ts", import.meta.url).href;
    const script = `import { raiseAlarm } from ${JSON.stringify(raiseUrl)};
      const [dir, verdict, ready, go] = Deno.args;
      Deno.writeTextFileSync(ready, "");
      for (;;) {
        try { Deno.statSync(go); break; } catch { await new Promise((r) => setTimeout(r, 2)); }
      }
      const outcome = await raiseAlarm(dir, JSON.parse(verdict), { stderr: () => {} });
      console.log(JSON.stringify(outcome));`;
    const go = join(rig.dir, "go");
    const runs = [1, 2].map((n) =>
      runDenoScript(script, [rig.dir, JSON.stringify(failing), join(rig.dir, `ready-${n}`), go])
    );
    // Both processes wait at the barrier, so neither is done before the other starts.
    const deadline = Date.now() + 60_000;
    while (![1, 2].every((n) => _exists(join(rig.dir, `ready-${n}`))) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
    }
    Deno.writeTextFileSync(go, "");
    const results = await Promise.all(runs);
    for (const r of results) assert.ok(r.success, r.stderr);
    const outcomes = results.map((r) => JSON.parse(r.stdout));
    assert.deepEqual(outcomes.map((o) => o.notified.length).sort(), [0, 1]);
    assert.equal(rig.hook.requests.length, 1);
  });
});

function _exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}
