/**
 * Delivering one notice to a webhook: POST the notice as JSON, retry what
 * may succeed later (5xx, 429, network errors, time-outs) with exponential
 * backoff capped at `max_backoff_ms`, honour Retry-After, and never retry a
 * 4xx that says the request itself is wrong. Every attempt carries the same
 * Idempotency-Key, so a receiver can drop the copies at-least-once delivery
 * makes.
 *
 * @module
 */
import { ALARM_DEFAULTS, type WebhookConfig } from "./alarm_config.ts";
import type { AlarmNotice } from "./alarm_event.ts";

/** How a delivery went. */
export interface DeliveryResult {
  /** Whether the channel accepted the notice. */
  ok: boolean;
  /** Attempts made in this call. */
  attempts: number;
  /** Why it failed, for people. */
  error?: string;
}

/** Seams for tests: the HTTP client and the wait between attempts. */
export interface SendWebhookOptions {
  /** The fetch to use; the global one by default. */
  fetch?: typeof fetch;
  /** Waits `ms` before a retry; a real timer by default. */
  sleep?: (ms: number) => Promise<void>;
}

type _Attempt = { ok: true } | { ok: false; retry: boolean; error: string; retryAfterMs?: number };

/**
 * POSTs `notice` to `webhook.url` with `content-type: application/json`,
 * `Idempotency-Key: <id>` and `X-Ratchet-Alarm-Key: <notice.key>`. Never
 * throws: a failure is a result saying why.
 *
 * @example
 * ```ts
 * import { sendWebhook } from "./send_webhook.ts";
 * const notice = {
 *   key: "k", status: "firing" as const, model: "churn", version: 1, check: "nowtest",
 *   subject: "sales", reason: "drift", summary: "psi 0.4", started: "2026-11-27T06:00:00.000Z",
 *   at: "2026-11-27T06:00:00.000Z", details: {},
 * };
 * const statuses = [503, 200];
 * const result = await sendWebhook({ url: "http://hooks.invalid/a" }, notice, "n-1", {
 *   fetch: () => Promise.resolve(new Response(null, { status: statuses.shift() })),
 *   sleep: () => Promise.resolve(),
 * });
 * if (!result.ok || result.attempts !== 2) throw new Error(JSON.stringify(result));
 * ```
 */
export async function sendWebhook(
  webhook: WebhookConfig,
  notice: AlarmNotice,
  id: string,
  options: SendWebhookOptions = {},
): Promise<DeliveryResult> {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const maxAttempts = webhook.max_attempts ?? ALARM_DEFAULTS.max_attempts;
  const timeoutMs = webhook.timeout_ms ?? ALARM_DEFAULTS.timeout_ms;
  const maxBackoff = webhook.max_backoff_ms ?? ALARM_DEFAULTS.max_backoff_ms;
  const body = JSON.stringify(notice);
  let backoff = webhook.backoff_ms ?? ALARM_DEFAULTS.backoff_ms;
  for (let attempt = 1;; attempt++) {
    const result = await _attempt(doFetch, webhook, body, id, notice.key, timeoutMs);
    if (result.ok) return { ok: true, attempts: attempt };
    if (!result.retry) return { ok: false, attempts: attempt, error: result.error };
    if (attempt >= maxAttempts) {
      return {
        ok: false,
        attempts: attempt,
        error: `${result.error} (gave up after ${attempt} attempts)`,
      };
    }
    await sleep(Math.min(maxBackoff, Math.max(backoff, result.retryAfterMs ?? 0)));
    backoff *= 2;
  }
}

async function _attempt(
  doFetch: typeof fetch,
  webhook: WebhookConfig,
  body: string,
  id: string,
  key: string,
  timeoutMs: number,
): Promise<_Attempt> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await doFetch(webhook.url, {
      method: "POST",
      headers: {
        ...webhook.headers,
        "content-type": "application/json",
        "idempotency-key": id,
        "x-ratchet-alarm-key": key,
      },
      body,
      signal,
    });
    // Read the body in every case: it frees the connection, and a 4xx's body says why.
    const text = await response.text();
    if (response.ok) return { ok: true };
    const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
    const excerpt = text.replace(/\s+/g, " ").trim().slice(0, 200);
    const error = excerpt ? `${status}: ${excerpt}` : status;
    const retry = response.status >= 500 || response.status === 429;
    const retryAfterMs = _retryAfterMs(response.headers.get("retry-after"));
    return { ok: false, retry, error, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  } catch (e) {
    const origin = _origin(webhook.url);
    const error = signal.aborted
      ? `no answer from ${origin} within ${timeoutMs} ms`
      : `cannot reach ${origin}: ${String((e as Error).message).split(webhook.url).join(origin)}`;
    return { ok: false, retry: true, error };
  }
}

// Retry-After is either seconds or an HTTP date (RFC 9110 §10.2.3).
function _retryAfterMs(value: string | null): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

// The path and query of a webhook URL often hold its secret (Slack, Teams).
function _origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "the webhook";
  }
}
