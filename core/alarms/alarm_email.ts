/**
 * The email of a notice: a subject a mail filter can sort on and a plain
 * text body with everything a person needs to act, details included.
 *
 * @module
 */
import type { AlarmNotice } from "./alarm_event.ts";

/** The parts of an alarm email that depend on the notice. */
export interface AlarmEmail {
  /** `[ratchet] FIRING <model> <check> <subject>: <reason>` or `[ratchet] RESOLVED …`. */
  subject: string;
  /** Plain text: summary, version, times, key, notice id and the details as indented JSON. */
  text: string;
  /** The Message-ID, built from the notice id so every retry carries the same one. */
  messageId: string;
}

/**
 * Formats the email of a notice.
 *
 * @example
 * ```ts
 * import { alarmEmail } from "./alarm_email.ts";
 * const mail = alarmEmail({
 *   key: "0123abcd", status: "firing", model: "churn", version: 3, check: "nowtest",
 *   subject: "sales", reason: "requirements", summary: "roc_auc 0.61 < min 0.7",
 *   started: "2026-11-27T06:00:00.000Z", at: "2026-11-27T06:00:00.000Z", details: { roc_auc: 0.61 },
 * }, "n-1");
 * if (mail.subject !== "[ratchet] FIRING churn nowtest sales: requirements") throw new Error(mail.subject);
 * if (!mail.text.includes('  "roc_auc": 0.61')) throw new Error(mail.text);
 * ```
 */
export function alarmEmail(notice: AlarmNotice, id: string): AlarmEmail {
  const word = notice.status === "firing" ? "FIRING" : "RESOLVED";
  const subject =
    `[ratchet] ${word} ${notice.model} ${notice.check} ${notice.subject}: ${notice.reason}`;
  const rows: [string, string][] = [
    ["model", `${notice.model}@${notice.version}`],
    ["check", notice.check],
    ["subject", notice.subject],
    ["reason", notice.reason],
    ["started", notice.started],
    [notice.status === "firing" ? "notified" : "resolved", notice.at],
    ["key", notice.key],
    ["notice", id],
  ];
  const text = [
    `${word}: ${notice.summary}`,
    "",
    ...rows.map(([name, value]) => `${(name + ":").padEnd(10)}${value}`),
    "",
    "details:",
    JSON.stringify(notice.details, null, 2) ?? "null",
    "",
  ].join("\n");
  return { subject, text, messageId: `<${id}@alarm.ratchet>` };
}
