/**
 * A request's body and headers without waiting, when Deno already holds
 * them: the hot routes then answer synchronously, which lets `Deno.serve`
 * send the response on its native fast path (about 2 µs a request less than
 * a handler that awaits `request.arrayBuffer()`, a quarter of the service's
 * own cost per prediction).
 *
 * The public API has no synchronous body read, so this reaches into the
 * request's internal state as Deno 2.9 keeps it (the symbol-keyed inner
 * request, its `body` and `header(name)`). Every step is feature-detected:
 * where the internals differ, or the body has not fully arrived, or was
 * touched already, the answer is `undefined` (or the public `Headers`) and
 * the caller takes the ordinary asynchronous path, which gives the same
 * result. `take_body_now_test.ts` proves under the pinned Deno that the
 * fast path is really taken, so an upgrade that changes the internals fails
 * a test instead of silently slowing the service.
 *
 * @module
 */

/** The inner request as far as it is read here; every member may be missing. */
interface _Inner {
  readonly body?: unknown;
  header?: unknown;
}

/** A body as Deno holds it in memory: bytes (from the network) or a string (a `Request` built from one). */
interface _StaticBody {
  readonly streamOrStatic?: { readonly body?: unknown; readonly consumed?: unknown };
  consume?: unknown;
}

let _symbol: symbol | null | undefined;

function _inner(request: Request): _Inner | undefined {
  if (_symbol === undefined) {
    _symbol = Object.getOwnPropertySymbols(request).find((s) => s.description === "request") ??
      null;
  }
  if (_symbol === null) return undefined;
  const inner = (request as unknown as Record<symbol, unknown>)[_symbol];
  return typeof inner === "object" && inner !== null ? inner as _Inner : undefined;
}

/**
 * The whole body of `request` if Deno already holds all of it and nothing
 * has read it: its bytes, or its text for a `Request` built from a string.
 * Taking it consumes the body (`request.bodyUsed` turns true). `undefined`
 * when the body is still streaming in, was read or locked already, or the
 * runtime keeps requests differently: then read it the public way.
 *
 * @example
 * ```ts
 * import { takeBodyNow } from "./take_body_now.ts";
 * const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
 *   const now = takeBodyNow(request);
 *   return new Response(now instanceof Uint8Array ? `now ${now.length}` : "later");
 * });
 * const res = await fetch(`http://127.0.0.1:${server.addr.port}/`, { method: "POST", body: "12345" });
 * console.log(await res.text()); // "now 5" under Deno 2.9
 * await server.shutdown();
 * ```
 */
export function takeBodyNow(request: Request): Uint8Array | string | undefined {
  let body: _StaticBody | null | undefined;
  try {
    body = _inner(request)?.body as _StaticBody | null | undefined;
  } catch {
    return undefined;
  }
  if (body === null) return "";
  const held = body?.streamOrStatic;
  if (
    held === undefined || held instanceof ReadableStream || held.consumed !== false ||
    typeof body!.consume !== "function"
  ) return undefined;
  const bytes = held.body;
  if (!(bytes instanceof Uint8Array) && typeof bytes !== "string") return undefined;
  (body!.consume as () => unknown).call(body);
  return bytes;
}

/**
 * The value of one request header, as `request.headers.get(name)` gives it
 * for a single header line, read without building the whole `Headers` list
 * where Deno allows (a server request); `name` in lower case.
 *
 * @example
 * ```ts
 * import { requestHeader } from "./take_body_now.ts";
 * const request = new Request("http://x/", { headers: { "Content-Type": "application/json" } });
 * if (requestHeader(request, "content-type") !== "application/json") throw new Error();
 * if (requestHeader(request, "content-length") !== null) throw new Error();
 * ```
 */
export function requestHeader(request: Request, name: string): string | null {
  const inner = _inner(request);
  if (typeof inner?.header === "function") {
    try {
      const value = (inner.header as (name: string) => unknown).call(inner, name);
      if (value === null || typeof value === "string") return value;
    } catch {
      // A closed or otherwise different request: the public headers answer.
    }
  }
  return request.headers.get(name);
}
