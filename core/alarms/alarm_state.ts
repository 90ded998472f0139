/**
 * `models/<name>/alarm-state.json`: what the alarms of a model remember
 * between runs, so a restart neither repeats an alarm nor loses one. Per
 * alarm key: whether it fires, since when, when it last notified, the
 * notice each channel still has to receive, and the history of transitions.
 * Written by ratchet only, atomically; read strictly.
 *
 * @module
 */
import { join } from "node:path";
import { z } from "zod";
import { RatchetError } from "../errors/mod.ts";
import { formatPath, parseJson } from "../json/mod.ts";
import type { AlarmNotice } from "./alarm_event.ts";

/** The tag of the state file's format. */
export const ALARM_STATE_FORMAT = "ratchet.alarm-state/v1";

/** A channel notices go out on (stderr is not one: it never fails and needs no state). */
export type AlarmChannel = "webhook" | "email";

/** The channels in the order they are reported. */
export const ALARM_CHANNELS: readonly AlarmChannel[] = ["webhook", "email"];

/** A notice a channel has not confirmed yet: written before sending, removed after success. */
export interface PendingDelivery {
  /** The notice's id, sent as Idempotency-Key (webhook) and Message-ID (email); kept across retries. */
  id: string;
  /** The notice, exactly as every retry sends it. */
  notice: AlarmNotice;
  /** When it was queued. */
  since: string;
  /** Attempts so far, over all runs. */
  attempts: number;
  /** Why the last attempt failed. */
  last_error?: string;
}

/** What one channel knows about one alarm. */
export interface ChannelState {
  /** When this channel last accepted a `firing` notice of the current episode. */
  notified?: string;
  /** The notice it still has to receive. */
  pending?: PendingDelivery;
}

/** One change of an alarm: it started firing, was repeated, or resolved. */
export interface AlarmTransition {
  /** When. */
  at: string;
  /** What happened. */
  event: "firing" | "repeated" | "resolved";
  /** The version of the verdict. */
  version: number;
  /** The verdict's reason. */
  reason: string;
  /** The verdict's summary. */
  summary: string;
}

/** The state of one alarm identity (model, check, subject). */
export interface AlarmRecord {
  /** The model. */
  model: string;
  /** The check. */
  check: string;
  /** The subject. */
  subject: string;
  /** `firing` while active; `resolved` once a later run passed. */
  status: "firing" | "resolved";
  /** When the current (or last) episode started firing. */
  started: string;
  /** When the last `firing` notice was issued; repeats count from here. */
  last_notified: string;
  /** The reason of the last failing verdict. */
  reason: string;
  /** Per channel: notified or not, and what is pending. */
  channels: Partial<Record<AlarmChannel, ChannelState>>;
  /** The latest transitions, oldest first (at most {@linkcode ALARM_HISTORY_LIMIT}). */
  history: AlarmTransition[];
}

/** The whole state file. */
export interface AlarmState {
  /** Always {@linkcode ALARM_STATE_FORMAT}. */
  format: typeof ALARM_STATE_FORMAT;
  /** Per alarm key. */
  alarms: Record<string, AlarmRecord>;
}

/** How many transitions each alarm keeps. */
export const ALARM_HISTORY_LIMIT = 50;

// Repeats are timed from these: a time that does not parse would never repeat.
const _iso = z.string().refine((s) => Number.isFinite(Date.parse(s)), "expected an ISO 8601 time");

const _notice = z.strictObject({
  key: z.string().min(1),
  status: z.enum(["firing", "resolved"]),
  model: z.string().min(1),
  version: z.number().int().min(1),
  check: z.string().min(1),
  subject: z.string().min(1),
  reason: z.string().min(1),
  summary: z.string(),
  started: z.string().min(1),
  at: z.string().min(1),
  details: z.unknown(),
});

const _pending = z.strictObject({
  id: z.string().min(1),
  notice: _notice,
  since: _iso,
  attempts: z.number().int().min(0),
  last_error: z.string().optional(),
});

const _channel = z.strictObject({
  notified: _iso.optional(),
  pending: _pending.optional(),
});

const _stateSchema = z.strictObject({
  format: z.literal(ALARM_STATE_FORMAT),
  alarms: z.record(
    z.string(),
    z.strictObject({
      model: z.string(),
      check: z.string(),
      subject: z.string(),
      status: z.enum(["firing", "resolved"]),
      started: _iso,
      last_notified: _iso,
      reason: z.string(),
      channels: z.strictObject({ webhook: _channel.optional(), email: _channel.optional() }),
      history: z.array(z.strictObject({
        at: _iso,
        event: z.enum(["firing", "repeated", "resolved"]),
        version: z.number().int().min(1),
        reason: z.string(),
        summary: z.string(),
      })),
    }),
  ),
});

/**
 * Where a model's alarm state lives.
 *
 * @example
 * ```ts
 * import { alarmStatePath } from "./alarm_state.ts";
 * if (alarmStatePath("/srv/models/churn") !== "/srv/models/churn/alarm-state.json") throw new Error();
 * ```
 */
export function alarmStatePath(modelDir: string): string {
  return join(modelDir, "alarm-state.json");
}

/**
 * Reads a state file; a missing one is the empty state. A file that is not
 * valid state is refused with the path of the problem: alarms must not
 * silently forget what they sent.
 *
 * @example
 * ```ts
 * import { readAlarmState } from "./alarm_state.ts";
 * const dir = Deno.makeTempDirSync();
 * if (Object.keys(readAlarmState(`${dir}/alarm-state.json`).alarms).length !== 0) throw new Error();
 * Deno.removeSync(dir);
 * ```
 */
export function readAlarmState(path: string): AlarmState {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return { format: ALARM_STATE_FORMAT, alarms: {} };
    throw e;
  }
  const fix = "ratchet writes this file itself: undo the hand edit, or move the file aside " +
    "(the next run then starts afresh and may notify again)";
  let json;
  try {
    json = parseJson(text, { source: path });
  } catch (e) {
    throw new RatchetError("invalid", `${(e as Error).message}. ${fix}`, { cause: e });
  }
  const result = _stateSchema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 3).map((i) =>
      `${formatPath(i.path as (string | number)[])}: ${i.message}`
    );
    throw new RatchetError("invalid", `Invalid alarm state ${path}: ${issues.join("; ")}. ${fix}`);
  }
  return result.data as AlarmState;
}
