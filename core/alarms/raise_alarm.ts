/**
 * What happens with a check's verdict: a line on stderr, then, under the
 * model's alarm-state lock, the state change and the deliveries it calls
 * for. The intent is on disk before anything is sent and the result right
 * after each channel answers, so a crash or a channel that is down means a
 * retry on the next run (at-least-once; the stable key and the per-notice
 * id let receivers drop the copies), never a lost or a repeated alarm.
 *
 * @module
 */
import { type AlarmConfig, loadAlarmConfig } from "./alarm_config.ts";
import { type AlarmVerdict, normalizeVerdict } from "./alarm_event.ts";
import { ALARM_CHANNELS, type AlarmChannel, type PendingDelivery } from "./alarm_state.ts";
import { applyVerdict } from "./apply_verdict.ts";
import { withAlarmState } from "./locked_alarm_state.ts";
import { sendEmail } from "./send_email.ts";
import { type DeliveryResult, sendWebhook } from "./send_webhook.ts";

/** Seams for tests and callers that print elsewhere. */
export interface RaiseAlarmOptions {
  /** The time of the verdict; now by default. Repeats are timed with it. */
  now?: Date;
  /** The HTTP client of the webhook; the global fetch by default. */
  fetch?: typeof fetch;
  /** The wait between webhook attempts; a real timer by default. */
  sleep?: (ms: number) => Promise<void>;
  /** Where the one-line alarm goes; `console.error` by default. */
  stderr?: (line: string) => void;
}

/** One delivery made during a raise. */
export interface AlarmDelivery {
  /** The channel. */
  channel: AlarmChannel;
  /** Whether it accepted the notice; when not, the notice stays pending for the next run. */
  ok: boolean;
  /** Attempts made in this raise. */
  attempts: number;
  /** Why it failed. */
  error?: string;
}

/** What a raise did. */
export interface AlarmOutcome {
  /** `firing` for a failing verdict, `resolved` when it closed an active alarm, else `ok`. */
  status: "firing" | "resolved" | "ok";
  /** The deliveries made: new notices and retries of pending ones. */
  notified: AlarmDelivery[];
  /** Whether a still-firing alarm was notified again because `repeat_after_hours` passed. */
  repeated: boolean;
}

/**
 * Raises (or resolves) the alarm of `verdict` for the model in `modelDir`
 * through the channels of `<modelDir>/alarms.json`. A failing verdict always
 * prints `ALARM <model>@<version> <check> <subject>: <summary>` on stderr,
 * resolving prints `RESOLVED …`; setting the exit code is the caller's job.
 *
 * @example
 * ```ts
 * import { raiseAlarm } from "./raise_alarm.ts";
 * const dir = Deno.makeTempDirSync();
 * const lines: string[] = [];
 * const verdict = {
 *   model: "churn", version: 3, check: "nowtest", subject: "sales", failing: true,
 *   reason: "no data", summary: "no rows in 2026-11", details: { rows: 0 },
 * };
 * const first = await raiseAlarm(dir, verdict, { stderr: (l) => lines.push(l) });
 * if (first.status !== "firing" || lines[0] !== "ALARM churn@3 nowtest sales: no rows in 2026-11") {
 *   throw new Error(lines.join("\n"));
 * }
 * const passed = await raiseAlarm(dir, { ...verdict, failing: false }, { stderr: (l) => lines.push(l) });
 * if (passed.status !== "resolved") throw new Error();
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export async function raiseAlarm(
  modelDir: string,
  verdict: AlarmVerdict,
  options: RaiseAlarmOptions = {},
): Promise<AlarmOutcome> {
  const v = normalizeVerdict(verdict);
  const stderr = options.stderr ?? ((line: string) => console.error(line));
  const head = `${v.model}@${v.version} ${v.check} ${v.subject}: ${v.summary}`;
  // First, before anything that can fail: the one channel that always works.
  if (v.failing) stderr(`ALARM ${head}`);
  const config = loadAlarmConfig(modelDir);
  const now = options.now ?? new Date();
  return await withAlarmState(modelDir, async (locked) => {
    const step = applyVerdict(locked.state, v, config, now);
    if (step.status === "resolved") stderr(`RESOLVED ${head}`);
    const record = locked.state.alarms[step.key];
    if (!record) return { status: step.status, notified: [], repeated: false };
    const due = ALARM_CHANNELS.filter((c) => record.channels[c]?.pending);
    if (step.status !== "ok" || due.length > 0) locked.save();
    const notified = await Promise.all(due.map(async (channel): Promise<AlarmDelivery> => {
      const pending = record.channels[channel]!.pending!;
      const result = await _deliver(channel, config, pending, options);
      if (result.ok) {
        if (pending.notice.status === "firing") {
          record.channels[channel] = { notified: now.toISOString() };
        } else delete record.channels[channel];
      } else {
        pending.attempts += result.attempts;
        if (result.error !== undefined) pending.last_error = result.error;
        stderr(
          `alarm ${channel} delivery failed, kept for the next run (${v.model} ${v.check} ${v.subject}): ${result.error}`,
        );
      }
      locked.save();
      return { channel, ...result };
    }));
    return { status: step.status, notified, repeated: step.repeated };
  });
}

async function _deliver(
  channel: AlarmChannel,
  config: AlarmConfig,
  pending: PendingDelivery,
  options: RaiseAlarmOptions,
): Promise<DeliveryResult> {
  try {
    if (channel === "webhook") {
      return await sendWebhook(config.webhook!, pending.notice, pending.id, {
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.sleep ? { sleep: options.sleep } : {}),
      });
    }
    return await sendEmail(config.email!, pending.notice, pending.id);
  } catch (e) {
    // The senders report failures as results; anything else is a bug, but the
    // alarm must still be kept pending rather than lost with the exception.
    return { ok: false, attempts: 1, error: `unexpected: ${(e as Error).message}` };
  }
}
