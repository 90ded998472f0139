import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

Deno.test("workbench starts on 127.0.0.1, prints a URL with a token, and serves the demo", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "workbench", "--port", "0", "--root", ROOT],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  try {
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let printed = "";
    while (!/token=\w+/.test(printed)) {
      const { value, done } = await reader.read();
      if (done) break;
      printed += value;
    }
    const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=\w+/.exec(printed)?.[0];
    assert.ok(url, printed);
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /rain-tomorrow/);
    const noToken = await fetch(url.replace(/\?token=\w+/, ""));
    assert.equal(noToken.status, 403);
    await noToken.body?.cancel();
    reader.releaseLock();
  } finally {
    child.kill();
    await child.status;
    await child.stdout.cancel().catch(() => {});
    await child.stderr.cancel();
  }
});
