/**
 * Reading a request body as JSON within limits: the content type first
 * (415), the declared length (413 before a byte is read), the bytes as they
 * stream in (413 as soon as a chunked body passes the limit, whatever it
 * would have sent after), then the shape of the text (400) and finally
 * `JSON.parse`.
 *
 * @module
 */
import { invalid, RatchetError } from "../errors/mod.ts";
import { scanJson } from "./scan_json.ts";
import type { ServiceLimits } from "./service_limits.ts";
import { requestHeader, takeBodyNow } from "./take_body_now.ts";

const _JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * The parsed JSON body of `request`. Refuses, as a `RatchetError` carrying
 * the status: a content type other than JSON (415), a body longer than
 * `maxBodyBytes` (413, without reading it), a body that is not valid UTF-8
 * JSON or nests too deeply, has too many keys or a non-finite number (400).
 *
 * @example
 * ```ts
 * import { readJsonBody } from "./read_json_body.ts";
 * import { DEFAULT_LIMITS } from "./service_limits.ts";
 * const ok = new Request("http://x/", { method: "POST", body: '{"a": 1}', headers: { "content-type": "application/json" } });
 * if ((await readJsonBody(ok, DEFAULT_LIMITS) as { a: number }).a !== 1) throw new Error();
 * const csv = new Request("http://x/", { method: "POST", body: "a\n1", headers: { "content-type": "text/csv" } });
 * let status = 0;
 * try { await readJsonBody(csv, DEFAULT_LIMITS); } catch (e) { status = (e as { status: number }).status; }
 * if (status !== 415) throw new Error(String(status));
 * ```
 */
export async function readJsonBody(request: Request, limits: ServiceLimits): Promise<unknown> {
  return parseJsonText(await readBodyText(request, limits), limits);
}

/**
 * The text of a JSON body, before it is parsed: the content type, length
 * and UTF-8 checks of {@linkcode readJsonBody}, without the parse (which
 * {@linkcode parseJsonText} does, unless a learned request template reads
 * the text first). A string when the whole body is already in memory (the
 * common case for a small request), so that the caller can answer without
 * a promise; a promise of it otherwise. Throws the 415 and 413 at once.
 *
 * @example
 * ```ts
 * import { readBodyText } from "./read_json_body.ts";
 * import { DEFAULT_LIMITS } from "./service_limits.ts";
 * const ok = new Request("http://x/", { method: "POST", body: '{"a": 1}', headers: { "content-type": "application/json; charset=utf-8" } });
 * if (await readBodyText(ok, DEFAULT_LIMITS) !== '{"a": 1}') throw new Error();
 * ```
 */
export function readBodyText(request: Request, limits: ServiceLimits): string | Promise<string> {
  const type = requestHeader(request, "content-type");
  if (type !== "application/json" && (type === null || !_JSON_TYPE.test(type))) {
    throw new RatchetError(
      "unsupported",
      `The request body must be JSON: send Content-Type: application/json` +
        (type === null ? " (none was given)" : ` (not ${type.slice(0, 80)})`),
    );
  }
  const declared = requestHeader(request, "content-length");
  if (declared === null) return _readChunked(request, limits.maxBodyBytes);
  if (Number(declared) > limits.maxBodyBytes) {
    throw _tooLarge(limits.maxBodyBytes, `Content-Length: ${declared}`);
  }
  // The server reads no more than a declared length, so either read is bounded. Most
  // bodies have arrived with their headers: taken at once, the caller can answer without
  // a promise. (Touching `request.body` would turn Deno's one-op read into a stream.)
  const now = takeBodyNow(request);
  if (now !== undefined) return typeof now === "string" ? now : _decode(now);
  return request.arrayBuffer().then((buffer) => _decode(new Uint8Array(buffer)));
}

/**
 * JSON text within the shape limits, parsed: refuses text that nests too
 * deeply, has too many keys or a non-finite number, or is not JSON (400).
 *
 * @example
 * ```ts
 * import { parseJsonText } from "./read_json_body.ts";
 * import { DEFAULT_LIMITS } from "./service_limits.ts";
 * if ((parseJsonText('{"a": [1]}', DEFAULT_LIMITS) as { a: number[] }).a[0] !== 1) throw new Error();
 * let msg = "";
 * try { parseJsonText('{"a": 1e999}', DEFAULT_LIMITS); } catch (e) { msg = String(e); }
 * if (!msg.includes("overflows")) throw new Error(msg);
 * ```
 */
export function parseJsonText(text: string, limits: ServiceLimits): unknown {
  scanJson(text, limits);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw invalid(
      text.trim() === ""
        ? "The request body is empty: send a JSON object"
        : `The request body is not valid JSON: ${(e as Error).message.slice(0, 200)}`,
    );
  }
}

/** A body without a declared length, counted as it arrives and dropped once over the limit. */
async function _readChunked(request: Request, max: number): Promise<string> {
  const body = request.body;
  if (body === null) return "";
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > max) {
      reader.cancel().catch(() => {});
      throw _tooLarge(max, "the chunked body went past it");
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return _decode(chunks[0]!);
  const all = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return _decode(all);
}

const _utf8 = new TextDecoder("utf-8", { fatal: true }), _lenient = new TextDecoder("utf-8");

function _decode(bytes: Uint8Array): string {
  // The lenient decoder is about three times as quick; only text holding a replacement
  // character (sent as such, or made of bad bytes) needs the strict one's verdict.
  const text = _lenient.decode(bytes);
  if (!text.includes("\uFFFD")) return text;
  try {
    return _utf8.decode(bytes);
  } catch {
    throw invalid("The request body is not valid UTF-8: JSON must be sent as UTF-8");
  }
}

function _tooLarge(max: number, why: string): RatchetError {
  return new RatchetError(
    "too_large",
    `The request body is over the limit of ${max} bytes (${why}): ` +
      `split the rows into several requests`,
  );
}
