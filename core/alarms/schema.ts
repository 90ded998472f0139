/**
 * The zod schema of `models/<name>/alarms.json`: the single source of its
 * runtime checks and of `schema/alarms.schema.json`.
 *
 * @module
 */
import { z } from "zod";

// Set by ratchet on every POST; a configured value would break deduplication.
const _RESERVED_HEADERS = ["content-type", "idempotency-key", "x-ratchet-alarm-key"];

const _httpUrl = z.string().refine((s) => {
  try {
    const url = new URL(s);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}, "expected an http:// or https:// URL");

const _headers = z.record(z.string(), z.string()).superRefine((headers, ctx) => {
  for (const [name, value] of Object.entries(headers)) {
    if (_RESERVED_HEADERS.includes(name.toLowerCase())) {
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: `ratchet sets ${name} itself; remove it from the headers`,
      });
      continue;
    }
    try {
      new Headers([[name, value]]);
    } catch {
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: "not a valid HTTP header (name a token, value without line breaks)",
      });
    }
  }
});

const _address = z.string().refine(
  (s) => /^[^\s@<>]+@[^\s@<>]+$/.test(s) || /^[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>$/.test(s),
  "expected an email address, e.g. ops@example.com or Ops <ops@example.com>",
);

const _ms = z.number().int().min(0);

/** The webhook channel. */
export const WebhookConfigSchema = z.strictObject({
  url: _httpUrl.describe("where notices are POSTed as JSON"),
  headers: _headers.optional().describe("extra request headers, e.g. a routing key"),
  timeout_ms: _ms.min(1).optional().describe("per attempt, default 5000"),
  max_attempts: z.number().int().min(1).max(100).optional().describe(
    "attempts per run before the notice is kept for the next run, default 5",
  ),
  backoff_ms: _ms.optional().describe(
    "wait before the first retry, doubled each retry, default 500",
  ),
  max_backoff_ms: _ms.optional().describe(
    "the cap on any wait, Retry-After included, default 8000",
  ),
}).superRefine((w, ctx) => {
  if (
    w.backoff_ms !== undefined && w.max_backoff_ms !== undefined && w.backoff_ms > w.max_backoff_ms
  ) {
    ctx.addIssue({
      code: "custom",
      path: ["max_backoff_ms"],
      message:
        `${w.max_backoff_ms} is below backoff_ms ${w.backoff_ms}; the cap must be at least the first wait`,
    });
  }
});

/** The SMTP server email goes through. */
export const SmtpConfigSchema = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean().optional().describe(
    "TLS from the start (port 465); otherwise STARTTLS when offered",
  ),
  user: z.string().min(1).optional(),
  password_env: z.string().regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    "expected the NAME of an environment variable, e.g. RATCHET_SMTP_PASSWORD",
  ).optional().describe("the environment variable holding the password; never the password itself"),
}).superRefine((s, ctx) => {
  if ((s.user === undefined) !== (s.password_env === undefined)) {
    ctx.addIssue({
      code: "custom",
      path: [s.user === undefined ? "user" : "password_env"],
      message: "give both user and password_env to log in, or neither",
    });
  }
});

/** The email channel. */
export const EmailConfigSchema = z.strictObject({
  to: z.array(_address).min(1, "give at least one recipient"),
  from: _address,
  smtp: SmtpConfigSchema,
});

/** When drift alone makes a now-test fail. */
export const DriftConfigSchema = z.strictObject({
  max_psi: z.number().positive().refine(Number.isFinite, "expected a finite number").optional()
    .describe(
      "a PSI above this on the predictions or any feature fails the now-test (reason drift); without it drift is reported, not alarmed",
    ),
});

/** An alarms file. */
export const AlarmConfigSchema = z.strictObject({
  webhook: WebhookConfigSchema.optional(),
  email: EmailConfigSchema.optional(),
  repeat_after_hours: z.number().positive().refine(Number.isFinite, "expected a finite number")
    .optional().describe("re-notify a still-firing alarm after this long, default 24"),
  drift: DriftConfigSchema.optional(),
});
