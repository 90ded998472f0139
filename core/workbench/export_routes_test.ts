// Issue 6, part 5: the Export button's API writes the bundle `ratchet export` writes and offers it.
import assert from "node:assert/strict";
import { join } from "node:path";
import { demoCopy, testApp } from "./_test_project.ts";

const root = demoCopy();
const { request, project } = await testApp(root);
addEventListener("unload", () => Deno.removeSync(root, { recursive: true }));

/** The names of the files in a .tar.gz (ustar headers, 512-byte blocks). */
async function tarNames(bytes: Uint8Array): Promise<string[]> {
  const tar = new Uint8Array(
    await new Response(
      new Blob([bytes as BufferSource]).stream().pipeThrough(new DecompressionStream("gzip")),
    )
      .arrayBuffer(),
  );
  const names: string[] = [];
  const text = (a: number, b: number) =>
    new TextDecoder().decode(tar.subarray(a, b)).replace(/\0.*$/s, "");
  for (let at = 0; at + 512 <= tar.length;) {
    const name = text(at, at + 100);
    if (name === "") break;
    assert.equal(text(at + 257, at + 262), "ustar", `a ustar header at ${at}`);
    const prefix = text(at + 345, at + 500);
    names.push(prefix ? `${prefix}/${name}` : name);
    const size = parseInt(text(at + 124, at + 136).trim() || "0", 8);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return names;
}

Deno.test("export: POST makes the bundle and a download URL serves its .tar.gz", async () => {
  const before = [...Deno.readDirSync(root)].map((e) => e.name).sort();
  // The version the model page's Export button names: the champion.
  const version = project.store.resolve("rain-tomorrow", "champion");
  const res = await request("/api/models/rain-tomorrow/export", { json: { version } });
  assert.equal(res.status, 200, await res.clone().text());
  const { url, file } = await res.json();
  assert.equal(file, `rain-tomorrow-${version}.tar.gz`);
  assert.match(url, /^\/downloads\/[0-9a-f-]{36}$/);
  const download = await request(url);
  assert.equal(download.status, 200);
  assert.equal(download.headers.get("content-type"), "application/gzip");
  assert.equal(download.headers.get("content-disposition"), `attachment; filename="${file}"`);
  const bytes = new Uint8Array(await download.arrayBuffer());
  assert.deepEqual([bytes[0], bytes[1]], [0x1f, 0x8b], "gzip magic");
  const names = await tarNames(bytes);
  for (
    const f of ["model.json", "predictor.js", "selftest.js", "fixtures.jsonl", "manifest.json"]
  ) {
    assert.ok(
      names.some((n) => n.endsWith(`rain-tomorrow-${version}/${f}`)),
      `${f} in ${names.join(", ")}`,
    );
  }
  // The project is left as it was: the bundle was written elsewhere.
  assert.deepEqual([...Deno.readDirSync(root)].map((e) => e.name).sort(), before);
  assert.equal((await request("/downloads/00000000-0000-0000-0000-000000000000")).status, 404);
});

Deno.test("export: unknown models and versions are 404, bad bodies 400, GET is not export", async () => {
  const ghost = await request("/api/models/ghost/export", { json: {} });
  assert.equal(ghost.status, 404);
  assert.match((await ghost.json()).error, /ghost/);
  const version = await request("/api/models/rain-tomorrow/export", { json: { version: 7 } });
  assert.equal(version.status, 404);
  await version.body?.cancel();
  const bad = await request("/api/models/rain-tomorrow/export", {
    json: { version: "x", out: "/tmp" },
  });
  assert.equal(bad.status, 400);
  await bad.body?.cancel();
  const get = await request("/api/models/rain-tomorrow/export");
  assert.equal(get.status, 404);
  await get.body?.cancel();
});

Deno.test("export: a version that fails its fixtures is refused with the reason", async () => {
  const file = join(root, "models/temp-tomorrow/fixtures.jsonl");
  const lines = Deno.readTextFileSync(file).trimEnd().split("\n");
  const first = JSON.parse(lines[0]!);
  const input = { ...first.input, temp_max: 12.345 };
  const { fixtureId } = await import("../fixtures/mod.ts");
  const broken = {
    ...first,
    id: fixtureId(input),
    mode: "contract",
    input,
    expect: { prediction: -1000 },
    tolerance: 0.1,
  };
  Deno.writeTextFileSync(file, [...lines, JSON.stringify(broken)].join("\n") + "\n");
  const res = await request("/api/models/temp-tomorrow/export", { json: {} });
  assert.ok(res.status >= 400 && res.status < 500, String(res.status));
  assert.match((await res.json()).error, /fixtures fail/);
});
