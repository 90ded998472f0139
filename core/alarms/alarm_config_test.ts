import assert from "node:assert/strict";
import { RatchetError } from "../errors/mod.ts";
import { loadAlarmConfig } from "./alarm_config.ts";

function withAlarmsFile<T>(text: string | undefined, fn: (dir: string) => T): T {
  const dir = Deno.makeTempDirSync();
  try {
    if (text !== undefined) Deno.writeTextFileSync(`${dir}/alarms.json`, text);
    return fn(dir);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

function refused(text: string, ...fragments: string[]): void {
  withAlarmsFile(text, (dir) => {
    assert.throws(() => loadAlarmConfig(dir), (e: unknown) => {
      assert.ok(e instanceof RatchetError, String(e));
      assert.ok(e.message.includes(`${dir}/alarms.json`), e.message);
      for (const f of fragments) assert.ok(e.message.includes(f), `${e.message} lacks ${f}`);
      return true;
    });
  });
}

const smtp = { host: "smtp.example.test", port: 587 };
const email = { to: ["oncall@example.test"], from: "ratchet@example.test", smtp };

Deno.test("loadAlarmConfig: no alarms.json means stderr only", () => {
  assert.deepEqual(withAlarmsFile(undefined, loadAlarmConfig), {});
});

Deno.test("loadAlarmConfig reads every setting as written", () => {
  const config = {
    webhook: {
      url: "https://hooks.example.test/ratchet",
      headers: { "X-Route": "ml" },
      timeout_ms: 2000,
      max_attempts: 3,
      backoff_ms: 100,
      max_backoff_ms: 1000,
    },
    email: {
      ...email,
      smtp: { ...smtp, secure: false, user: "ratchet", password_env: "SMTP_PASSWORD" },
    },
    repeat_after_hours: 4,
    drift: { max_psi: 0.25 },
  };
  assert.deepEqual(withAlarmsFile(JSON.stringify(config), loadAlarmConfig), config);
});

Deno.test("loadAlarmConfig refuses a password in the file and points to password_env", () => {
  refused(
    JSON.stringify({ email: { ...email, smtp: { ...smtp, user: "u", password: "hunter2" } } }),
    "$.email.smtp.password",
    "password_env",
  );
  refused(
    JSON.stringify({ email: { ...email, smtp: { ...smtp, user: "u" } } }),
    "$.email.smtp.password_env",
    "give both user and password_env",
  );
  refused(
    JSON.stringify({ email: { ...email, smtp: { ...smtp, user: "u", password_env: "hunter 2" } } }),
    "$.email.smtp.password_env",
    "NAME of an environment variable",
  );
});

Deno.test("loadAlarmConfig refuses what would break delivery, naming the path", () => {
  refused('{"webhook": {"url": "ftp://x.test/a"}}', "$.webhook.url", "http");
  refused(
    '{"webhook": {"url": "https://x.test", "headers": {"Idempotency-Key": "x"}}}',
    "ratchet sets",
  );
  refused('{"webhook": {"url": "https://x.test", "headers": {"a b": "x"}}}', "$.webhook.headers");
  refused('{"webhook": {"url": "https://x.test", "max_attempts": 0}}', "$.webhook.max_attempts");
  refused(
    '{"webhook": {"url": "https://x.test", "backoff_ms": 900, "max_backoff_ms": 100}}',
    "$.webhook.max_backoff_ms",
  );
  refused(JSON.stringify({ email: { ...email, to: [] } }), "$.email.to", "at least one");
  refused(JSON.stringify({ email: { ...email, to: ["not an address"] } }), "$.email.to[0]");
  refused('{"repeat_after_hours": 0}', "$.repeat_after_hours");
  refused('{"drift": {"max_psi": 0}}', "$.drift.max_psi");
  refused('{"drift": {"max_psi": "0.25"}}', "$.drift.max_psi");
  refused('{"drift": {"psi": 0.25}}', '$.drift.psi: unknown key "psi"');
  refused('{"slack": {}}', '$.slack: unknown key "slack"');
});

Deno.test("loadAlarmConfig reads strictly: duplicate keys and NaN are refused", () => {
  refused('{"repeat_after_hours": 1, "repeat_after_hours": 2}', "duplicate key");
  refused('{"repeat_after_hours": NaN}', "NaN");
});
