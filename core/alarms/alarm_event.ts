/**
 * What a check hands to the alarms (a verdict) and what the alarms send (a
 * notice). A notice carries a stable key, the same for every notice of one
 * alarm identity (model, check, subject), so a receiver can deduplicate
 * repeats and match a `resolved` notice to the `firing` one, as PagerDuty's
 * `dedup_key` and Alertmanager's group key do.
 *
 * @module
 */
import { z } from "zod";
import { invalid } from "../errors/mod.ts";
import { canonicalJson, sha256Hex } from "../json/mod.ts";
import { validateModelName } from "../store/mod.ts";

/** Why a check failed: the usual reasons, or any other word the check chooses. */
export type AlarmReason = "requirements" | "drift" | "no data" | (string & Record<never, never>);

/** What a check (e.g. the now-test) decided about one subject. */
export interface AlarmVerdict {
  /** The model's name. */
  model: string;
  /** The model version that was checked. */
  version: number;
  /** Which check decided, e.g. `nowtest`. */
  check: string;
  /** What was checked, e.g. the dataset's name. */
  subject: string;
  /** Whether the check failed: `true` raises (or keeps) the alarm, `false` resolves it. */
  failing: boolean;
  /** Why it failed; `no data` when the newest window was empty. */
  reason: AlarmReason;
  /** One line for people; line breaks are replaced by spaces. */
  summary: string;
  /** The JSON the check produced (metrics, shortfalls, window, …). */
  details: unknown;
}

/** One message about an alarm, as the webhook receives it (the JSON body) and email shows it. */
export interface AlarmNotice {
  /** Stable dedup key: the same for every notice of one (model, check, subject). */
  key: string;
  /** `firing` while the check fails, `resolved` once a later run passes. */
  status: "firing" | "resolved";
  /** The model's name. */
  model: string;
  /** The model version of the verdict this notice reports. */
  version: number;
  /** Which check raised the alarm. */
  check: string;
  /** What was checked. */
  subject: string;
  /** Why the alarm fired (for `resolved`: the reason that no longer holds). */
  reason: AlarmReason;
  /** One line: the verdict's summary. */
  summary: string;
  /** When this alarm started firing (ISO 8601). */
  started: string;
  /** When this notice was issued (ISO 8601); for `resolved`, when the check passed. */
  at: string;
  /** The JSON the check produced. */
  details: unknown;
}

const _oneLine = (s: string) => s.replace(/[\p{Cc}\u2028\u2029]+/gu, " ").trim();
const _text = z.string().transform(_oneLine).pipe(z.string().min(1, "must not be empty"));

// Strings made single-line (stderr, email subjects), `details` plain JSON.
const _verdictSchema = z.object({
  model: z.string().refine((s) => {
    try {
      return validateModelName(s) === s;
    } catch {
      return false;
    }
  }, "expected a model name (letters, digits, '.', '_', '-')"),
  version: z.number().int().min(1),
  check: _text,
  subject: _text,
  failing: z.boolean(),
  reason: _text,
  summary: z.string().transform(_oneLine),
  details: z.unknown().transform(_plainJson),
});

// Details go into a JSON file and a JSON body: NaN, undefined, Dates, class
// instances become what JSON makes of them once, here, not differently per channel.
function _plainJson(details: unknown): unknown {
  const text = JSON.stringify(details);
  return text === undefined ? null : JSON.parse(text);
}

/**
 * Checks a verdict and normalises it: strings on one line, `details` plain
 * JSON. Throws a RatchetError naming the field otherwise.
 *
 * @example
 * ```ts
 * import { normalizeVerdict } from "./alarm_event.ts";
 * const v = normalizeVerdict({
 *   model: "churn", version: 3, check: "nowtest", subject: "sales", failing: true,
 *   reason: "drift", summary: "psi 0.4\non income", details: { psi: 0.4, n: NaN },
 * });
 * if (v.summary !== "psi 0.4 on income" || (v.details as { n: unknown }).n !== null) throw new Error();
 * ```
 */
export function normalizeVerdict(verdict: AlarmVerdict): AlarmVerdict {
  const result = _verdictSchema.safeParse(verdict);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5).map((i) =>
      `${i.path.map(String).join(".") || "verdict"}: ${i.message}`
    );
    throw invalid(`Invalid alarm verdict: ${issues.join("; ")}`);
  }
  return result.data;
}

/**
 * The stable dedup key of an alarm identity: 32 hex digits of the SHA-256 of
 * (model, check, subject). Versions, reasons and times do not change it, so
 * every notice about one alarm carries the same key.
 *
 * @example
 * ```ts
 * import { alarmKey } from "./alarm_event.ts";
 * const a = alarmKey({ model: "churn", check: "nowtest", subject: "sales" });
 * if (!/^[0-9a-f]{32}$/.test(a)) throw new Error(a);
 * if (a === alarmKey({ model: "churn", check: "nowtest", subject: "returns" })) throw new Error();
 * ```
 */
export function alarmKey(identity: { model: string; check: string; subject: string }): string {
  return sha256Hex(canonicalJson([identity.model, identity.check, identity.subject])).slice(0, 32);
}
