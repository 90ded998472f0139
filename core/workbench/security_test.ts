// Issue 6, part 7: each defence of the workbench, tested through app.request().
import assert from "node:assert/strict";
import { join } from "node:path";
import { demoCopy, HOST, testApp, TOKEN } from "./_test_project.ts";
import { listenAddress } from "./listen_address.ts";
import { tokenCookie } from "./security.ts";

const root = demoCopy();
const { request } = await testApp(root);
addEventListener("unload", () => Deno.removeSync(root, { recursive: true }));

Deno.test("security: binds 127.0.0.1 by default and refuses another address without a chosen token", () => {
  assert.equal(listenAddress({}).hostname, "127.0.0.1");
  assert.throws(() => listenAddress({ hostname: "0.0.0.0" }), /Refusing to listen on 0\.0\.0\.0/);
  assert.throws(() => listenAddress({ hostname: "192.168.1.20" }), /--token T or RATCHET_TOKEN/);
  assert.throws(() => listenAddress({ hostname: "0.0.0.0", token: "short" }), /at least 16/);
  const lan = listenAddress({ hostname: "192.168.1.20", token: "a-token-chosen-on-purpose" });
  assert.equal(lan.token, "a-token-chosen-on-purpose");
  assert.ok(lan.hostnames.includes("192.168.1.20"));
  // Two random tokens differ: the printed one is fresh on every start.
  assert.notEqual(listenAddress({}).token, listenAddress({}).token);
});

Deno.test("security: every request needs the token, even scripts and reports", async () => {
  for (
    const path of [
      "/",
      "/models/rain-tomorrow",
      "/fixtures",
      "/static/workbench.js",
      "/favicon.ico",
    ]
  ) {
    const res = await request(path, { headers: { authorization: "none" } });
    assert.equal(res.status, 403, path);
    assert.match(await res.text(), /needs its token/);
  }
  const wrong = await request("/", { headers: { authorization: "token nope" } });
  assert.equal(wrong.status, 403);
  await wrong.body?.cancel();
  const header = await request("/", {});
  assert.equal(header.status, 200);
  await header.body?.cancel();
  const cookie = await request("/", {
    headers: { authorization: "", cookie: `${tokenCookie(HOST)}=${TOKEN}` },
  });
  assert.equal(cookie.status, 200);
  await cookie.body?.cancel();
  const otherPortsCookie = await request("/", {
    headers: { authorization: "", cookie: `ratchet_token_9999=${TOKEN}` },
  });
  assert.equal(otherPortsCookie.status, 403);
  await otherPortsCookie.body?.cancel();
});

Deno.test("security: the URL token becomes an HttpOnly SameSite=Strict cookie and leaves the URL", async () => {
  const res = await request(`/models/rain-tomorrow?token=${TOKEN}&tab=fixtures`, {
    headers: { authorization: "", accept: "text/html,application/xhtml+xml" },
  });
  assert.equal(res.status, 302);
  assert.equal(res.headers.get("location"), "/models/rain-tomorrow?tab=fixtures");
  const cookie = res.headers.get("set-cookie") ?? "";
  assert.match(cookie, new RegExp(`^${tokenCookie(HOST)}=${TOKEN};`));
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.match(cookie, /Path=\//);
  // A wrong URL token sets nothing.
  const wrong = await request(`/?token=nope`, {
    headers: { authorization: "", accept: "text/html" },
  });
  assert.equal(wrong.status, 403);
  assert.equal(wrong.headers.get("set-cookie"), null);
  await wrong.body?.cancel();
});

Deno.test("security: the Host header must be a local name of this server (DNS rebinding)", async () => {
  for (
    const host of ["evil.example:8000", "127.0.0.1:8001", "127.0.0.1", "attacker.localhost:8000"]
  ) {
    const res = await request("/", { headers: { host } });
    assert.equal(res.status, 403, host);
    assert.match(await res.text(), /is not allowed/);
  }
  const local = await request("/", { headers: { host: "localhost:8000" } });
  assert.equal(local.status, 200);
  await local.body?.cancel();
});

Deno.test("security: state-changing requests from another origin are refused", async () => {
  const row = { row: { season: "winter" }, note: "x" };
  for (
    const headers of [
      { origin: "http://evil.example" } as Record<string, string>,
      { origin: "null" }, // a sandboxed frame
      { origin: "http://127.0.0.1:8001" },
      { origin: `http://${HOST}`, "sec-fetch-site": "cross-site" },
    ]
  ) {
    const res = await request("/api/models/rain-tomorrow/fixtures", {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify(row),
    });
    assert.equal(res.status, 403, JSON.stringify(headers));
    await res.body?.cancel();
  }
});

Deno.test("security: WebSocket handshakes must come from this origin", async () => {
  const ws = { upgrade: "websocket", connection: "Upgrade", "sec-websocket-version": "13" };
  for (const origin of [undefined, "http://evil.example", "null"]) {
    const res = await request("/api/notebook/events", {
      headers: { ...ws, ...(origin ? { origin } : {}) },
    });
    assert.equal(res.status, 403, String(origin));
    assert.match(await res.text(), /Cross-origin request/);
  }
});

Deno.test("security: APIs take application/json only (no cross-site form or text/plain POST)", async () => {
  const body = JSON.stringify({ row: { season: "winter" } });
  for (
    const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      undefined,
    ]
  ) {
    const res = await request("/api/models/rain-tomorrow/fixtures", {
      method: "POST",
      headers: { origin: `http://${HOST}`, ...(type ? { "content-type": type } : {}) },
      body,
    });
    assert.equal(res.status, 415, String(type));
    assert.match(await res.text(), /application\/json only/);
  }
  // What a cross-site form would send: refused for its origin before its type is looked at.
  const form = await request("/api/models/rain-tomorrow/export", {
    method: "POST",
    headers: { origin: "http://evil.example", "content-type": "text/plain" },
    body,
  });
  assert.equal(form.status, 403);
  await form.body?.cancel();
  // Nothing was written by any of them.
  assert.doesNotMatch(
    Deno.readTextFileSync(join(root, "models/rain-tomorrow/fixtures.jsonl")),
    /tester/,
  );
});

Deno.test("security: paths that leave the project are refused, encoded or through a symlink", async () => {
  Deno.mkdirSync(join(root, "reports"), { recursive: true });
  Deno.writeTextFileSync(join(root, "reports", "ok.html"), "<title>fine</title>");
  const outside = Deno.makeTempDirSync();
  Deno.writeTextFileSync(join(outside, "secret.html"), "<p>secret</p>");
  Deno.symlinkSync(join(outside, "secret.html"), join(root, "reports", "link.html"));
  Deno.symlinkSync(outside, join(root, "reports", "dir"));
  assert.equal((await request("/files/reports/ok.html")).status, 200);
  for (
    const path of [
      "/files/reports/..%2f..%2f..%2fetc%2fpasswd",
      "/files/reports/%2e%2e%2fmodels%2frain-tomorrow%2fversions%2f1.json",
      "/files/reports/%252e%252e%252f%252e%252e%252fetc%252fpasswd", // double-encoded
      "/files/..%2fetc%2fpasswd",
      "/files/reports/..%5c..%5cetc%5cpasswd",
      "/files/reports/ok.html%00.txt",
      "/files/reports/link.html",
      "/files/reports/dir/secret.html",
      "/files/%2fetc%2fpasswd",
    ]
  ) {
    const res = await request(path);
    assert.equal(res.status, 400, path);
    const text = await res.text();
    assert.match(text, /outside (the project|reports\/)|refused/, path);
    assert.doesNotMatch(text, /secret<\/p>|root:/);
  }
  // The URL parser folds plain and %2e dot segments before routing: never a file outside.
  for (
    const path of ["/files/reports/../../etc/passwd", "/files/reports/%2e%2e/%2e%2e/etc/passwd"]
  ) {
    const res = await request(path);
    assert.notEqual(res.status, 200, path);
    await res.body?.cancel();
  }
  Deno.removeSync(outside, { recursive: true });
});

Deno.test("security: reports are served in a sandbox, pages forbid foreign scripts and framing", async () => {
  Deno.mkdirSync(join(root, "reports"), { recursive: true });
  Deno.writeTextFileSync(
    join(root, "reports", "evil.html"),
    `<title>x</title><script>fetch("/api/models/rain-tomorrow/fixtures",{method:"POST"})</script>`,
  );
  const report = await request("/files/reports/evil.html");
  assert.equal(report.status, 200);
  const csp = report.headers.get("content-security-policy") ?? "";
  assert.match(csp, /^sandbox;/);
  assert.doesNotMatch(csp, /allow-same-origin|allow-scripts/);
  assert.match(csp, /default-src 'none'/);
  await report.body?.cancel();
  const home = await request("/");
  const page = home.headers.get("content-security-policy") ?? "";
  assert.match(page, /script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.match(page, /frame-ancestors 'none'/);
  assert.equal(home.headers.get("x-content-type-options"), "nosniff");
  assert.equal(home.headers.get("referrer-policy"), "no-referrer");
  await home.body?.cancel();
});
