import assert from "node:assert/strict";
import { openProject } from "../project/mod.ts";
import { createApp } from "./create_app.ts";

const ROOT = new URL("../../", import.meta.url).pathname; // the shipped demo project
const HOST = "127.0.0.1:8000";

/** Page text with the white space between tags removed, so tests do not depend on formatting. */
async function text(res: Response | Promise<Response>): Promise<string> {
  return (await (await res).text()).replace(/>\s+</g, "><").replace(/\s+/g, " ");
}

async function app() {
  return createApp({ project: await openProject(ROOT), token: "secret", hosts: [HOST] });
}

Deno.test("workbench: the token is required, and a valid ?token= sets an HttpOnly cookie", async () => {
  const a = await app();
  assert.equal((await a.request(`http://${HOST}/`)).status, 403);
  assert.equal((await a.request(`http://${HOST}/?token=wrong`)).status, 403);
  const ok = await a.request(`http://${HOST}/?token=secret`);
  assert.equal(ok.status, 200);
  assert.match(
    ok.headers.get("set-cookie") ?? "",
    /ratchet_token=secret; Path=\/; HttpOnly; SameSite=Strict/,
  );
  const viaCookie = await a.request(`http://${HOST}/`, {
    headers: { cookie: "ratchet_token=secret" },
  });
  assert.equal(viaCookie.status, 200);
  const viaHeader = await a.request(`http://${HOST}/`, {
    headers: { authorization: "token secret" },
  });
  assert.equal(viaHeader.status, 200);
});

Deno.test("workbench: other Host names are refused (DNS rebinding) and cross-origin writes too", async () => {
  const a = await app();
  const rebound = await a.request(`http://evil.example:8000/?token=secret`, {
    headers: { host: "evil.example:8000" },
  });
  assert.equal(rebound.status, 403);
  assert.match(await rebound.text(), /Host evil\.example:8000 is not allowed/);
  const post = await a.request(`http://${HOST}/?token=secret`, {
    method: "POST",
    headers: { origin: "http://evil.example" },
  });
  assert.equal(post.status, 403);
});

Deno.test("workbench: the home page lists the demo's models with their aliases, and plugins", async () => {
  const a = await app();
  const html = await text(a.request(`http://${HOST}/?token=secret`));
  assert.match(
    html,
    /<a href="\/models\/rain-tomorrow">rain-tomorrow<\/a><\/td><td>1<\/td><td>—<\/td>/,
  );
  assert.match(html, /<a href="\/models\/temp-tomorrow">temp-tomorrow<\/a><\/td><td>1<\/td>/);
  for (
    const id of [
      "linear",
      "logistic",
      "decision_tree",
      "random_forest",
      "gradient_boosting",
      "gaussian_nb",
    ]
  ) {
    assert.ok(html.includes(`<td>${id}</td>`), id);
  }
});

Deno.test("workbench: the model page shows versions and features; unknown models are 404, bad names 400", async () => {
  const a = await app();
  const page = await a.request(`http://${HOST}/models/rain-tomorrow?token=secret`);
  assert.equal(page.status, 200);
  const html = await text(page);
  assert.match(html, /<td>1<\/td><td>champion<\/td><td>logistic/);
  assert.match(html, /<td>weather<\/td><td>category<\/td><td>drizzle, fog, rain, snow, sun<\/td>/);
  // The champion's requirement checks and fixture results, computed live.
  assert.match(html, /<span class="pass">pass<\/span><\/td><td>roc_auc<\/td><td>mean 0\.\d+/);
  assert.match(html, /Fixtures <small>version 1: (\d+) of \1 pass<\/small>/);
  assert.match(html, /<code>f_[0-9a-f]{12}<\/code><\/td><td>contrived<\/td>/);
  assert.equal((await a.request(`http://${HOST}/models/ghost?token=secret`)).status, 404);
  assert.equal((await a.request(`http://${HOST}/models/a%00b?token=secret`)).status, 400);
  assert.equal((await a.request(`http://${HOST}/models/a%5Cb?token=secret`)).status, 400);
  // The URL parser resolves %2e%2e segments before routing: this is the home page, not a traversal.
  assert.match(
    await (await a.request(`http://${HOST}/models/%2e%2e?token=secret`)).text(),
    /<h2>Models<\/h2>/,
  );
});
