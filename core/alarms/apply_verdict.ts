/**
 * How one verdict changes the alarm state, following Alertmanager's
 * delivery rules: a new alarm notifies every channel; a still-firing one
 * stays quiet until `repeat_after_hours` has passed since the last
 * notification; a passing check sends `resolved` to the channels that were
 * (or may have been) told it fired. Nothing is sent here: the notices are
 * queued as pending deliveries, which the caller writes to disk before
 * sending, so a crash between the two retries instead of losing the alarm.
 *
 * @module
 */
import { ALARM_DEFAULTS, type AlarmConfig } from "./alarm_config.ts";
import { alarmKey, type AlarmNotice, type AlarmVerdict } from "./alarm_event.ts";
import {
  ALARM_CHANNELS,
  ALARM_HISTORY_LIMIT,
  type AlarmChannel,
  type AlarmRecord,
  type AlarmState,
  type AlarmTransition,
} from "./alarm_state.ts";

/** What a verdict did to the state. */
export interface AlarmStep {
  /** The alarm's key. */
  key: string;
  /** `firing` for a failing verdict; `resolved` when it closed an active alarm; `ok` otherwise. */
  status: "firing" | "resolved" | "ok";
  /** Whether a still-firing alarm was notified again because `repeat_after_hours` passed. */
  repeated: boolean;
}

/**
 * Applies a (normalised) verdict to `state` in place and queues the notices
 * it calls for. Channels that are no longer configured lose what they had
 * pending: there is nowhere to send it.
 *
 * @example
 * ```ts
 * import { applyVerdict } from "./apply_verdict.ts";
 * import type { AlarmState } from "./alarm_state.ts";
 * const state: AlarmState = { format: "ratchet.alarm-state/v1", alarms: {} };
 * const config = { webhook: { url: "http://127.0.0.1:9/hook" } };
 * const verdict = {
 *   model: "churn", version: 3, check: "nowtest", subject: "sales", failing: true,
 *   reason: "no data", summary: "the newest window is empty", details: null,
 * };
 * const step = applyVerdict(state, verdict, config, new Date("2026-11-27T06:00:00Z"));
 * const pending = state.alarms[step.key]?.channels.webhook?.pending;
 * if (step.status !== "firing" || pending?.notice.reason !== "no data") throw new Error();
 * const again = applyVerdict(state, verdict, config, new Date("2026-11-27T07:00:00Z"));
 * if (again.repeated) throw new Error("repeated after an hour");
 * ```
 */
export function applyVerdict(
  state: AlarmState,
  verdict: AlarmVerdict,
  config: AlarmConfig,
  now: Date,
): AlarmStep {
  const key = alarmKey(verdict);
  const at = now.toISOString();
  const configured = ALARM_CHANNELS.filter((c) => config[c] !== undefined);
  const existing = state.alarms[key];
  if (existing) {
    for (const c of ALARM_CHANNELS) if (!configured.includes(c)) delete existing.channels[c];
  }
  if (!verdict.failing) {
    if (existing?.status !== "firing") return { key, status: "ok", repeated: false };
    return _resolve(existing, key, verdict, configured, at);
  }
  if (existing?.status !== "firing") {
    const record: AlarmRecord = {
      model: verdict.model,
      check: verdict.check,
      subject: verdict.subject,
      status: "firing",
      started: at,
      last_notified: at,
      reason: verdict.reason,
      channels: {},
      history: existing?.history ?? [],
    };
    state.alarms[key] = record;
    _remember(record, "firing", verdict, at);
    _queue(record, configured, _notice(key, "firing", verdict, record, at), at);
    return { key, status: "firing", repeated: false };
  }
  existing.reason = verdict.reason;
  const repeatMs = (config.repeat_after_hours ?? ALARM_DEFAULTS.repeat_after_hours) * 3_600_000;
  if (configured.length > 0 && now.getTime() - Date.parse(existing.last_notified) >= repeatMs) {
    existing.last_notified = at;
    _remember(existing, "repeated", verdict, at);
    _queue(existing, configured, _notice(key, "firing", verdict, existing, at), at);
    return { key, status: "firing", repeated: true };
  }
  // A channel added to alarms.json while the alarm fires has not heard of it yet.
  const unaware = configured.filter((c) => !existing.channels[c]);
  _queue(existing, unaware, _notice(key, "firing", verdict, existing, at), at);
  return { key, status: "firing", repeated: false };
}

function _resolve(
  record: AlarmRecord,
  key: string,
  verdict: AlarmVerdict,
  configured: AlarmChannel[],
  at: string,
): AlarmStep {
  record.status = "resolved";
  _remember(record, "resolved", verdict, at);
  // A firing notice still pending may have arrived before a crash kept us
  // from recording it: such a channel gets the resolved notice too, so that
  // no receiver is left with an alarm that never ends.
  const told = configured.filter((c) => record.channels[c] !== undefined);
  const notice = _notice(key, "resolved", { ...verdict, reason: record.reason }, record, at);
  _queue(record, told, notice, at);
  return { key, status: "resolved", repeated: false };
}

function _notice(
  key: string,
  status: AlarmNotice["status"],
  verdict: AlarmVerdict,
  record: AlarmRecord,
  at: string,
): AlarmNotice {
  return {
    key,
    status,
    model: verdict.model,
    version: verdict.version,
    check: verdict.check,
    subject: verdict.subject,
    reason: verdict.reason,
    summary: verdict.summary,
    started: record.started,
    at,
    details: verdict.details,
  };
}

// One id per notice, shared by its channels and kept across retries: the
// receiver's idempotency key. Random, so a state file moved aside cannot
// make a new notice reuse an old id.
function _queue(record: AlarmRecord, channels: AlarmChannel[], notice: AlarmNotice, at: string) {
  const id = crypto.randomUUID();
  for (const c of channels) {
    const notified = record.channels[c]?.notified;
    record.channels[c] = {
      ...(notified === undefined ? {} : { notified }),
      pending: { id, notice, since: at, attempts: 0 },
    };
  }
}

function _remember(
  record: AlarmRecord,
  event: AlarmTransition["event"],
  verdict: AlarmVerdict,
  at: string,
): void {
  record.history.push({
    at,
    event,
    version: verdict.version,
    reason: verdict.reason,
    summary: verdict.summary,
  });
  record.history.splice(0, Math.max(0, record.history.length - ALARM_HISTORY_LIMIT));
}
