/**
 * `models/<name>/alarms.json`: where a model's alarms go besides stderr.
 * Read strictly (no duplicate keys, no NaN) and checked by the zod schema;
 * a missing file means stderr only. Secrets never live in it: the SMTP
 * password comes from the environment variable the file names.
 *
 * @module
 */
import { join } from "node:path";
import type { z } from "zod";
import { invalid, RatchetError } from "../errors/mod.ts";
import { formatPath, parseJson } from "../json/mod.ts";
import { AlarmConfigSchema } from "./schema.ts";

/** The webhook channel of an alarms file. */
export interface WebhookConfig {
  /** Where notices are POSTed as JSON. */
  url: string;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** Time limit of one attempt; default 5000. */
  timeout_ms?: number;
  /** Attempts per run before the notice is kept for the next run; default 5. */
  max_attempts?: number;
  /** Wait before the first retry, doubled for each further one; default 500. */
  backoff_ms?: number;
  /** Cap on any wait, a server's Retry-After included; default 8000. */
  max_backoff_ms?: number;
}

/** The SMTP server of the email channel. */
export interface SmtpConfig {
  /** Host name or address. */
  host: string;
  /** Port, e.g. 25, 587 or 465. */
  port: number;
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  secure?: boolean;
  /** The login, given together with `password_env`. */
  user?: string;
  /** The environment variable holding the password; never the password itself. */
  password_env?: string;
}

/** The email channel of an alarms file. */
export interface EmailConfig {
  /** Recipients. */
  to: string[];
  /** The sender. */
  from: string;
  /** The server. */
  smtp: SmtpConfig;
}

/** When drift alone makes a now-test fail. */
export interface DriftConfig {
  /** A PSI above this on the predictions or any feature fails (reason `drift`); unset: drift is reported only. */
  max_psi?: number;
}

/** A model's alarm channels and timing. Stderr and the exit code are always on. */
export interface AlarmConfig {
  /** POST each notice as JSON. */
  webhook?: WebhookConfig;
  /** Send each notice as a plain-text email. */
  email?: EmailConfig;
  /** Re-notify a still-firing alarm after this long (Alertmanager's repeat_interval); default 24. */
  repeat_after_hours?: number;
  /** The now-test's drift threshold. */
  drift?: DriftConfig;
}

/** The defaults of the optional settings, applied where they are used. */
export const ALARM_DEFAULTS = {
  timeout_ms: 5000,
  max_attempts: 5,
  backoff_ms: 500,
  max_backoff_ms: 8000,
  repeat_after_hours: 24,
} as const;

/**
 * Checks a parsed alarms document, naming the JSON path of every problem.
 *
 * @example
 * ```ts
 * import { validateAlarmConfig } from "./alarm_config.ts";
 * const c = validateAlarmConfig({ webhook: { url: "https://hooks.example/alarm" } }, "alarms.json");
 * if (c.webhook?.url !== "https://hooks.example/alarm") throw new Error();
 * let msg = "";
 * try {
 *   validateAlarmConfig({ email: { to: ["a@b.c"], from: "r@b.c", smtp: { host: "h", port: 25, password: "x" } } }, "alarms.json");
 * } catch (e) { msg = String(e); }
 * if (!msg.includes("$.email.smtp.password") || !msg.includes("password_env")) throw new Error(msg);
 * ```
 */
export function validateAlarmConfig(value: unknown, source: string): AlarmConfig {
  const result = AlarmConfigSchema.safeParse(value);
  if (!result.success) {
    throw invalid(`Invalid alarms file ${source}: ${_describe(result.error)}`);
  }
  return result.data;
}

/**
 * Reads `<modelDir>/alarms.json`. A missing file is `{}`: alarms go to
 * stderr (and the exit code) only.
 *
 * @example
 * ```ts
 * import { loadAlarmConfig } from "./alarm_config.ts";
 * const dir = Deno.makeTempDirSync();
 * if (Object.keys(loadAlarmConfig(dir)).length !== 0) throw new Error();
 * Deno.writeTextFileSync(`${dir}/alarms.json`, '{"repeat_after_hours": 6}');
 * if (loadAlarmConfig(dir).repeat_after_hours !== 6) throw new Error();
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function loadAlarmConfig(modelDir: string): AlarmConfig {
  const path = join(modelDir, "alarms.json");
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return {};
    throw new RatchetError("invalid", `Cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
  return validateAlarmConfig(parseJson(text, { source: path }), path);
}

function _describe(error: z.ZodError): string {
  const lines = error.issues.flatMap((issue) => {
    const path = issue.path as (string | number)[];
    if (issue.code !== "unrecognized_keys") return [`${formatPath(path)}: ${issue.message}`];
    return issue.keys.map((key) =>
      key === "password" || key === "pass"
        ? `${
          formatPath([...path, key])
        }: never put a password in a file; put it in an environment variable and name that variable in password_env`
        : `${formatPath([...path, key])}: unknown key ${JSON.stringify(key)}`
    );
  });
  const more = lines.length > 5 ? ` (and ${lines.length - 5} more)` : "";
  return lines.slice(0, 5).join("; ") + more;
}

// The interfaces above are spelled out for readers; this stops compiling the
// moment the schema accepts something they do not describe.
const _fits: (v: z.infer<typeof AlarmConfigSchema>) => AlarmConfig = (v) => v;
