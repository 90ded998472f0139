import assert from "node:assert/strict";
import { requestHeader, takeBodyNow } from "./take_body_now.ts";

/** What a handler saw of one request: its result, and the body read the public way afterwards. */
interface Seen {
  now: Uint8Array | string | undefined;
  used: boolean;
  later: string;
  type: string | null;
  length: string | null;
  headers: [string | null, string | null];
}

/**
 * Serves one request, sends it with `send(port, taken)` (`taken` settles
 * once the handler has tried to take the body), and returns what the
 * handler saw.
 */
async function serveOnce(
  send: (port: number, taken: Promise<void>) => Promise<void>,
): Promise<Seen> {
  const seen = Promise.withResolvers<Seen>(), taken = Promise.withResolvers<void>();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const type = requestHeader(req, "content-type"), length = requestHeader(req, "content-length");
    const now = takeBodyNow(req);
    taken.resolve();
    const used = req.bodyUsed;
    const later = now === undefined ? await req.text() : "";
    seen.resolve({
      now,
      used,
      later,
      type,
      length,
      headers: [req.headers.get("content-type"), req.headers.get("content-length")],
    });
    return new Response("ok");
  });
  try {
    await send(server.addr.port, taken.promise);
    return await seen.promise;
  } finally {
    await server.shutdown();
  }
}

/**
 * Writes `first` to a raw connection, then, once the handler has tried to
 * take the body, `rest`; reads the answer to the end.
 */
async function raw(port: number, taken: Promise<void>, first: string, rest: string): Promise<void> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    await conn.write(new TextEncoder().encode(first));
    await taken;
    await conn.write(new TextEncoder().encode(rest));
    const reply = new Uint8Array(4096);
    await conn.read(reply);
  } finally {
    conn.close();
  }
}

Deno.test("a body that came with its headers is taken at once, as bytes, and counts as read", async () => {
  const body = '{"features": {"x": "é"}}';
  const seen = await serveOnce(async (port) => {
    const res = await fetch(`http://127.0.0.1:${port}/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    await res.body?.cancel();
  });
  assert.ok(seen.now instanceof Uint8Array, "the fast path of the pinned Deno is taken");
  assert.equal(new TextDecoder().decode(seen.now), body);
  assert.equal(seen.used, true);
  assert.deepEqual([seen.type, seen.length], seen.headers);
  assert.deepEqual(seen.headers, [
    "application/json",
    String(new TextEncoder().encode(body).length),
  ]);
});

Deno.test("a body still on its way is left to the public read, which gets all of it", async () => {
  const body = '{"features": {"x": 1}}';
  const head = `POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n` +
    `content-length: ${body.length}\r\nconnection: close\r\n\r\n`;
  const seen = await serveOnce((port, taken) =>
    raw(port, taken, head + body.slice(0, 5), body.slice(5))
  );
  assert.equal(seen.now, undefined);
  assert.equal(seen.used, false);
  assert.equal(seen.later, body);
  assert.equal(seen.length, String(body.length));
});

Deno.test("a chunked body is left to the public read", async () => {
  const head = `POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n` +
    `transfer-encoding: chunked\r\nconnection: close\r\n\r\n`;
  const seen = await serveOnce((port, taken) =>
    raw(port, taken, head + '3\r\n{"a\r\n', '4\r\n": 1\r\n1\r\n}\r\n0\r\n\r\n')
  );
  assert.equal(seen.now, undefined);
  assert.equal(seen.later, '{"a": 1}');
  assert.equal(seen.length, null);
});

Deno.test("a body read already, a stream and a request built from a string", async () => {
  const read = new Request("http://x/", { method: "POST", body: "abc" });
  await read.text();
  assert.equal(takeBodyNow(read), undefined, "read already");
  const stream = new Request("http://x/", {
    method: "POST",
    body: new Blob(["abc"]).stream(),
  });
  assert.equal(takeBodyNow(stream), undefined, "a stream is read the public way");
  assert.equal(await stream.text(), "abc");
  const text = new Request("http://x/", { method: "POST", body: "abc" });
  assert.equal(takeBodyNow(text), "abc", "a string body is taken as the string");
  assert.equal(text.bodyUsed, true);
  const bytes = new Request("http://x/", { method: "POST", body: new Uint8Array([97, 98]) });
  assert.deepEqual(takeBodyNow(bytes), new Uint8Array([97, 98]));
  assert.equal(takeBodyNow(bytes), undefined, "taken once");
  assert.equal(takeBodyNow(new Request("http://x/")), "", "a GET has no body: empty");
});

Deno.test("requestHeader answers as Headers does, on any Request", () => {
  const request = new Request("http://x/", {
    method: "POST",
    headers: { "Content-Type": "text/csv", "content-length": "3" },
    body: "a,b",
  });
  assert.equal(requestHeader(request, "content-type"), "text/csv");
  assert.equal(requestHeader(request, "content-length"), "3");
  assert.equal(requestHeader(request, "x-missing"), null);
});
