/**
 * Delivering one notice by email over SMTP with nodemailer, loaded only when
 * a model has an email channel. One attempt per run: a failed send stays
 * pending and the next run tries again.
 *
 * @module
 */
import type { EmailConfig } from "./alarm_config.ts";
import { alarmEmail } from "./alarm_email.ts";
import type { AlarmNotice } from "./alarm_event.ts";
import type { DeliveryResult } from "./send_webhook.ts";

// Bounds on a server that accepts the connection and then stalls, so a raise
// (which holds the state lock) always ends.
const _TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * Sends `notice` as a plain-text email to `email.to` through `email.smtp`.
 * The password is read from the environment variable `smtp.password_env`
 * names. Never throws: a failure is a result saying why.
 *
 * @example
 * ```ts ignore
 * import { sendEmail } from "./send_email.ts";
 * const result = await sendEmail(
 *   { to: ["ops@example.com"], from: "ratchet@example.com", smtp: { host: "127.0.0.1", port: 2525 } },
 *   notice,
 *   "n-1",
 * );
 * ```
 */
export async function sendEmail(
  email: EmailConfig,
  notice: AlarmNotice,
  id: string,
): Promise<DeliveryResult> {
  const { smtp } = email;
  let auth: { user: string; pass: string } | undefined;
  if (smtp.user !== undefined && smtp.password_env !== undefined) {
    const pass = Deno.env.get(smtp.password_env);
    if (pass === undefined) {
      return {
        ok: false,
        attempts: 0,
        error: `the environment variable ${smtp.password_env} (email.smtp.password_env) is not set`,
      };
    }
    auth = { user: smtp.user, pass };
  }
  const mail = alarmEmail(notice, id);
  let transport;
  try {
    const nodemailer = await import("nodemailer");
    transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure ?? false,
      ..._TIMEOUTS,
      ...(auth ? { auth } : {}),
    });
    await transport.sendMail({
      from: email.from,
      to: email.to,
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
      headers: { "X-Ratchet-Alarm-Key": notice.key },
    });
    return { ok: true, attempts: 1 };
  } catch (e) {
    return {
      ok: false,
      attempts: 1,
      error: `SMTP ${smtp.host}:${smtp.port}: ${(e as Error).message}`,
    };
  } finally {
    transport?.close();
  }
}
