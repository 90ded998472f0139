/**
 * The workbench runs user code, so like Jupyter Server it answers only a
 * browser that holds its token, only under a loopback Host name (against DNS
 * rebinding), refuses state-changing requests and WebSockets from other
 * origins, and takes JSON only in its APIs (a cross-site form or `text/plain`
 * POST cannot be JSON without a CORS preflight, which it never answers).
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { timingSafeEqual } from "node:crypto";
import { PAGE_CSP } from "./page_csp.ts";

/** What the guard checks requests against. */
export interface GuardOptions {
  /** The secret a client must present. */
  readonly token: string;
  /**
   * Host headers accepted, e.g. `127.0.0.1:8000`, `localhost:8000`. Read on
   * every request: the server learns its port (so its host names) after listening.
   */
  readonly hosts: readonly string[];
}

/**
 * Name of the cookie that carries the token after the first visit. Cookies
 * are shared by every port of a host, so the port is part of the name: two
 * workbenches on one machine do not log each other out.
 *
 * @example
 * ```ts
 * import { tokenCookie } from "./security.ts";
 * if (tokenCookie("127.0.0.1:8000") !== "ratchet_token_8000") throw new Error();
 * ```
 */
export function tokenCookie(host: string): string {
  const port = /:(\d+)$/.exec(host)?.[1];
  return port ? `ratchet_token_${port}` : "ratchet_token";
}

function _same(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a), y = new TextEncoder().encode(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function _refuse(c: Context, status: 403 | 415, message: string): Response {
  c.header("Content-Security-Policy", PAGE_CSP);
  c.header("X-Content-Type-Options", "nosniff");
  return c.text(message, status);
}

/** A browser's top-level navigation, as opposed to a script or `fetch`. */
function _navigation(c: Context): boolean {
  return c.req.header("sec-fetch-mode") === "navigate" ||
    (c.req.header("accept") ?? "").includes("text/html");
}

/**
 * Middleware: checks, in order, the Host header, the token (`?token=`, the
 * cookie, or `Authorization: token …`), the Origin of WebSockets and of
 * every request that is not a GET or HEAD, and that such requests send
 * `application/json`. A browser that opens the URL with `?token=` gets the
 * token as an HttpOnly, SameSite=Strict cookie and is redirected to the same
 * URL without it, so the token leaves the address bar and the history.
 * Every answer carries a Content-Security-Policy (see `page_csp.ts`) unless
 * its route set a stricter one.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { guard } from "./security.ts";
 * const app = new Hono().use(guard({ token: "t", hosts: ["127.0.0.1:8000"] })).get("/", (c) => c.text("ok"));
 * const denied = await app.request("http://127.0.0.1:8000/");
 * const allowed = await app.request("http://127.0.0.1:8000/", { headers: { authorization: "token t" } });
 * const browser = await app.request("http://127.0.0.1:8000/?token=t", { headers: { accept: "text/html" } });
 * if (denied.status !== 403 || allowed.status !== 200) throw new Error();
 * if (browser.status !== 302 || browser.headers.get("location") !== "/") throw new Error();
 * ```
 */
export function guard(options: GuardOptions): MiddlewareHandler {
  const local = (hostAndPort: string) => options.hosts.includes(hostAndPort);
  return async (c, next) => {
    const url = new URL(c.req.url);
    const host = c.req.header("host") ?? url.host;
    if (!local(host)) {
      return _refuse(
        c,
        403,
        `Host ${host} is not allowed: open the workbench at http://${options.hosts[0]}/`,
      );
    }
    const cookie = tokenCookie(host);
    const fromQuery = url.searchParams.get("token") ?? undefined;
    const fromHeader = /^(?:token|bearer)\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
    const given = fromQuery ?? fromHeader ?? getCookie(c, cookie);
    if (given === undefined || !_same(given, options.token)) {
      return _refuse(
        c,
        403,
        "This workbench needs its token: open the URL that `deno task start` printed (…/?token=…)",
      );
    }
    const method = c.req.method;
    const upgrade = c.req.header("upgrade")?.toLowerCase() === "websocket";
    const changes = method !== "GET" && method !== "HEAD";
    if (upgrade || changes) {
      const origin = c.req.header("origin");
      // Browsers always send Origin with WebSockets and non-GET fetches; a
      // missing one on a non-GET means a client that is not a browser (curl).
      if (
        (origin === undefined && upgrade) ||
        (origin !== undefined && !local(origin.replace(/^https?:\/\//, "")))
      ) {
        return _refuse(c, 403, `Cross-origin request from ${origin ?? "(no Origin)"} refused`);
      }
      if (c.req.header("sec-fetch-site") === "cross-site") {
        return _refuse(c, 403, "Cross-site request refused");
      }
    }
    if (changes) {
      const type = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
      if (type !== "application/json") {
        return _refuse(
          c,
          415,
          `This API takes application/json only, not ${type ?? "a request without a Content-Type"}`,
        );
      }
    }
    if (fromQuery !== undefined && (method === "GET" || method === "HEAD")) {
      setCookie(c, cookie, options.token, { httpOnly: true, sameSite: "Strict", path: "/" });
      if (_navigation(c)) {
        url.searchParams.delete("token");
        return c.redirect(url.pathname + url.search, 302);
      }
    }
    await next();
    if (c.res.status === 101) return; // a WebSocket: its handshake headers are fixed
    const headers = c.res.headers;
    if (!headers.has("Content-Security-Policy")) headers.set("Content-Security-Policy", PAGE_CSP);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
  };
}
