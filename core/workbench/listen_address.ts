/**
 * Where the workbench listens and which token it asks for. It runs code, so
 * it binds a loopback address unless told otherwise, and it refuses another
 * address unless the token was chosen on purpose (`--token` or
 * `RATCHET_TOKEN`): a random one printed to a console is no protection for a
 * port others can reach.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";

/** What to listen on. */
export interface ListenAddress {
  /** The address to bind. */
  hostname: string;
  /** The token clients must present. */
  token: string;
  /** Host names (without port) that the Host header may carry: loopback names, the address, `allowHosts`. */
  hostnames: string[];
}

/**
 * True for `127.0.0.1` (any `127.*`), `::1` and `localhost`.
 *
 * @example
 * ```ts
 * import { isLoopback } from "./listen_address.ts";
 * if (!isLoopback("127.0.0.1") || !isLoopback("::1") || isLoopback("0.0.0.0")) throw new Error();
 * ```
 */
export function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "::1" || hostname === "[::1]" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * Checks the address and picks the token: the given one, else a random one
 * (24 bytes, hex). Another address than loopback without a given token is
 * refused with the way to give one.
 *
 * @example
 * ```ts
 * import { listenAddress } from "./listen_address.ts";
 * const local = listenAddress({});
 * if (local.hostname !== "127.0.0.1" || local.token.length !== 48) throw new Error();
 * let msg = "";
 * try { listenAddress({ hostname: "0.0.0.0" }); } catch (e) { msg = String(e); }
 * if (!msg.includes("--token")) throw new Error(msg);
 * const lan = listenAddress({ hostname: "0.0.0.0", token: "long-secret-chosen-by-me", allowHosts: ["box.lan"] });
 * if (lan.hostnames.at(-1) !== "box.lan") throw new Error();
 * ```
 */
export function listenAddress(
  options: { hostname?: string; token?: string; allowHosts?: readonly string[] },
): ListenAddress {
  const hostname = options.hostname ?? "127.0.0.1";
  const given = options.token;
  if (given !== undefined && !/^[\x21-\x7e]{16,}$/.test(given)) {
    throw invalid(
      "invalid token: use at least 16 printable characters without spaces (e.g. `openssl rand -hex 24`)",
    );
  }
  if (!isLoopback(hostname) && given === undefined) {
    throw invalid(
      `Refusing to listen on ${hostname} with a random token: anyone who can reach that address could run code. ` +
        "Give a token on purpose (--token T or RATCHET_TOKEN=T), or leave --host at 127.0.0.1",
    );
  }
  const token = given ?? Array.from(
    crypto.getRandomValues(new Uint8Array(24)),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
  const hostnames = ["127.0.0.1", "localhost", "[::1]"];
  if (!isLoopback(hostname) && hostname !== "0.0.0.0" && hostname !== "::") {
    hostnames.push(hostname.includes(":") ? `[${hostname}]` : hostname);
  }
  // A wildcard address has no name of its own: the names it is reached by are given.
  for (const name of options.allowHosts ?? []) hostnames.push(name);
  return { hostname, token, hostnames };
}
