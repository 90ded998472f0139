import assert from "node:assert/strict";
import { RatchetError } from "../errors/mod.ts";
import { readJsonBody } from "./read_json_body.ts";
import { DEFAULT_LIMITS, serviceLimits } from "./service_limits.ts";

/** A body that yields `chunk`-byte pieces, `count` of them (forever when Infinity), counting pulls. */
function counted(chunk: number, count = Infinity) {
  const state = { pulls: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulls++;
      if (state.pulls > count) controller.close();
      else controller.enqueue(new Uint8Array(chunk).fill(0x20));
    },
    cancel() {
      state.cancelled = true;
    },
  }, { highWaterMark: 0 });
  return { stream, state };
}

async function status(request: Request, limits = DEFAULT_LIMITS): Promise<[number, string]> {
  try {
    await readJsonBody(request, limits);
    return [200, ""];
  } catch (e) {
    assert.ok(e instanceof RatchetError, String(e));
    return [e.status, e.message];
  }
}

const post = (body: BodyInit | null, headers: Record<string, string>) =>
  new Request("http://service/v1/models/m/predict", { method: "POST", body, headers });

Deno.test("only JSON content types are read; any other is 415 naming it", async () => {
  for (
    const type of ["application/json", "application/json; charset=utf-8", "application/x+json"]
  ) {
    assert.deepEqual(await status(post('{"a": 1}', { "content-type": type })), [200, ""], type);
  }
  for (const type of ["text/plain", "text/csv", "application/jsonx", "multipart/form-data"]) {
    const [code, message] = await status(post('{"a": 1}', { "content-type": type }));
    assert.equal(code, 415, type);
    assert.match(message, /must be JSON: send Content-Type: application\/json \(not /);
  }
  const [code, message] = await status(new Request("http://s/", { method: "POST", body: "{}" }));
  assert.equal(code, 415);
  assert.ok(message.includes("text/plain") || message.includes("none was given"), message);
});

Deno.test("a declared Content-Length over the limit is 413 before a byte is read", async () => {
  const { stream, state } = counted(1024);
  const [code, message] = await status(
    post(stream, { "content-type": "application/json", "content-length": "2000000" }),
  );
  assert.equal(code, 413);
  assert.match(message, /over the limit of 1048576 bytes \(Content-Length: 2000000\)/);
  assert.equal(state.pulls, 0, "nothing was read");
});

Deno.test("a chunked body that never ends is cut off once past the limit: 413", async () => {
  const limits = serviceLimits({ maxBodyBytes: 100_000 });
  const { stream, state } = counted(16_384);
  const [code, message] = await status(
    post(stream, { "content-type": "application/json" }),
    limits,
  );
  assert.equal(code, 413);
  assert.match(message, /over the limit of 100000 bytes \(the chunked body went past it\)/);
  assert.ok(state.pulls <= 8, `read ${state.pulls} chunks of 16 KiB for a 100 kB limit`);
  assert.ok(state.cancelled, "the rest of the body is cancelled");
});

Deno.test("a chunked body within the limit is read whole", async () => {
  const { stream } = counted(1000, 5);
  assert.deepEqual(await status(post(stream, { "content-type": "application/json" })), [
    400,
    "The request body is empty: send a JSON object",
  ]);
  const body = new Blob(['{"rows": [', '{"x": 1}', "]}"]).stream();
  const value = await readJsonBody(
    post(body, { "content-type": "application/json" }),
    DEFAULT_LIMITS,
  );
  assert.deepEqual(value, { rows: [{ x: 1 }] });
});

Deno.test("invalid UTF-8, an empty body and malformed JSON are 400 with a reason", async () => {
  const json = { "content-type": "application/json" };
  const [utf8, why] = await status(post(Uint8Array.of(0x7b, 0xff, 0x7d), json));
  assert.deepEqual([utf8, why], [
    400,
    "The request body is not valid UTF-8: JSON must be sent as UTF-8",
  ]);
  assert.deepEqual(await status(post("", json)), [
    400,
    "The request body is empty: send a JSON object",
  ]);
  const [bad, message] = await status(post('{"features": {"x": 1,}}', json));
  assert.equal(bad, 400);
  assert.match(message, /^The request body is not valid JSON: /);
});

Deno.test("a replacement character sent as valid UTF-8 is text like any other", async () => {
  const json = { "content-type": "application/json" };
  const request = post(new TextEncoder().encode('{"level": "\uFFFD"}'), json);
  assert.deepEqual(await readJsonBody(request, DEFAULT_LIMITS), { level: "\uFFFD" });
  // The same character made of bad bytes (a lone continuation byte) is refused.
  const [bad] = await status(post(Uint8Array.of(0x22, 0x80, 0x22), json));
  assert.equal(bad, 400);
});
