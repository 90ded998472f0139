/**
 * A webhook receiver for tests, on 127.0.0.1 with a port the system picks:
 * it records every request and answers from a script (a status, a status
 * with headers and body, or `hang` for never answering).
 *
 * @module
 */

/** One request the sink received. */
export interface SinkRequest {
  /** The method. */
  method: string;
  /** The request headers. */
  headers: Headers;
  /** The parsed JSON body. */
  body: Record<string, unknown>;
  /** The status it was answered with (`0` for hang). */
  answered: number;
}

/** How the sink answers one request. */
export type SinkReply = number | "hang" | {
  status: number;
  headers?: Record<string, string>;
  body?: string;
};

/** A running sink. */
export interface HttpSink {
  /** The URL to POST to. */
  url: string;
  /** What it received, in order. */
  requests: SinkRequest[];
  /** The answers still to give, in order; 200 once it is empty. Push to it. */
  replies: SinkReply[];
  /** Stops the server, releasing hung requests. */
  close(): Promise<void>;
}

/** Starts a sink; `delayMs` delays every answer (to make raises overlap). */
export function startHttpSink(
  replies: SinkReply[] = [],
  options: { delayMs?: number } = {},
): HttpSink {
  const requests: SinkRequest[] = [];
  const hung = new Set<() => void>();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (req) => {
      const body = await req.json();
      const reply = replies.shift() ?? 200;
      const entry: SinkRequest = {
        method: req.method,
        headers: req.headers,
        body,
        answered: reply === "hang" ? 0 : typeof reply === "number" ? reply : reply.status,
      };
      requests.push(entry);
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (reply === "hang") {
        await new Promise<void>((resolve) => hung.add(resolve));
        return new Response("too late", { status: 504 });
      }
      if (typeof reply === "number") return new Response(`status ${reply}`, { status: reply });
      return new Response(reply.body ?? "", { status: reply.status, headers: reply.headers });
    },
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}/hooks/s3cr3t-token`,
    requests,
    replies,
    async close() {
      for (const release of hung) release();
      await server.shutdown();
    },
  };
}
