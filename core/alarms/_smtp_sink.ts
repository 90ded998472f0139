/**
 * An SMTP server for tests (`smtp-server` on 127.0.0.1, a port the system
 * picks, no TLS): it records every message it accepts and can refuse the
 * next ones.
 *
 * @module
 */
import { SMTPServer } from "smtp-server";

/** One message the server accepted. */
export interface SinkMail {
  /** The envelope sender. */
  from: string;
  /** The envelope recipients. */
  to: string[];
  /** The login used, if any. */
  user?: string;
  /** The password given with it. */
  password?: string;
  /** Header values by lower-case name, unfolded. */
  headers: Record<string, string>;
  /** The body, with quoted-printable decoded. */
  text: string;
}

/** A running SMTP server. */
export interface SmtpSink {
  /** Its port on 127.0.0.1. */
  port: number;
  /** What it accepted, in order. */
  mails: SinkMail[];
  /** How many of the next messages to refuse with a 451. */
  refuse: number;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Starts the server. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const logins = new Map<string, { user: string; password: string }>();
  const sink: SmtpSink = { port: 0, mails: [], refuse: 0, close: () => Promise.resolve() };
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, session, callback) {
      logins.set(session.id, { user: auth.username ?? "", password: auth.password ?? "" });
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Uint8Array[] = [];
      stream.on("data", (chunk: Uint8Array) => chunks.push(chunk));
      stream.on("end", () => {
        if (sink.refuse > 0) {
          sink.refuse--;
          return callback(Object.assign(new Error("try again later"), { responseCode: 451 }));
        }
        const raw = new TextDecoder().decode(_concat(chunks));
        const login = logins.get(session.id);
        sink.mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          ...(login ? { user: login.user, password: login.password } : {}),
          ..._parse(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  sink.port = (server.server.address() as { port: number }).port;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}

function _concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function _parse(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const headers: Record<string, string> = {};
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.slice(split + 4);
  if (/quoted-printable/i.test(headers["content-transfer-encoding"] ?? "")) {
    const bytes = body.replace(/=\r\n/g, "").replace(
      /=([0-9A-F]{2})/g,
      (_, hex: string) => String.fromCharCode(parseInt(hex, 16)),
    );
    body = new TextDecoder().decode(Uint8Array.from(bytes, (c) => c.charCodeAt(0)));
  }
  return { headers, text: body.replace(/\r\n/g, "\n") };
}
