/**
 * The workbench runs user code, so like Jupyter Server it answers only a
 * browser that holds its token, only under a loopback Host name (against DNS
 * rebinding), and refuses state-changing requests from other origins.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { timingSafeEqual } from "node:crypto";

/** Name of the cookie that carries the token after the first visit. */
export const TOKEN_COOKIE = "ratchet_token";

function _same(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a), y = new TextEncoder().encode(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Middleware: checks Host, Origin and the token (`?token=`, the cookie, or
 * `Authorization: token …`). A valid `?token=` sets the cookie.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { guard } from "./security.ts";
 * const app = new Hono().use(guard({ token: "t", hosts: ["127.0.0.1:8000"] })).get("/", (c) => c.text("ok"));
 * const denied = await app.request("http://127.0.0.1:8000/");
 * const allowed = await app.request("http://127.0.0.1:8000/?token=t");
 * if (denied.status !== 403 || allowed.status !== 200) throw new Error();
 * ```
 */
export function guard(options: { token: string; hosts: readonly string[] }): MiddlewareHandler {
  // Read per request: the server learns its port (and so its host names) after listening.
  const hosts = { has: (h: string) => options.hosts.includes(h) };
  return async (c, next) => {
    const host = c.req.header("host") ?? new URL(c.req.url).host;
    if (!hosts.has(host)) {
      return c.text(
        `Host ${host} is not allowed: open the workbench at http://${options.hosts[0]}/`,
        403,
      );
    }
    const method = c.req.method;
    if (method !== "GET" && method !== "HEAD") {
      const origin = c.req.header("origin");
      if (origin !== undefined && !hosts.has(origin.replace(/^https?:\/\//, ""))) {
        return c.text(`Cross-origin request from ${origin} refused`, 403);
      }
    }
    const fromQuery = c.req.query("token");
    const fromHeader = c.req.header("authorization")?.replace(/^token\s+/i, "");
    const given = fromQuery ?? fromHeader ?? getCookie(c, TOKEN_COOKIE);
    if (given === undefined || !_same(given, options.token)) {
      return c.text(
        "This workbench needs its token: open the URL that `deno task start` printed (…/?token=…)",
        403,
      );
    }
    if (fromQuery !== undefined) {
      setCookie(c, TOKEN_COOKIE, options.token, { httpOnly: true, sameSite: "Strict", path: "/" });
    }
    await next();
  };
}
