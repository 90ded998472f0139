import assert from "node:assert/strict";
import { join } from "node:path";
import { tarGz } from "./tar_gz.ts";

async function tar(args: string[]): Promise<string> {
  const out = await new Deno.Command("tar", { args, stdout: "piped", stderr: "piped" }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout);
}

Deno.test("tarGz: system tar extracts every file to the same bytes, long and non-ASCII paths included", async () => {
  const long = `${"d".repeat(120)}/${"f".repeat(90)}.txt`; // ustar prefix + name
  const longer = `${"e".repeat(170)}/${"g".repeat(110)}.json`; // only a pax header holds it
  const bytes = new Uint8Array(1500).map((_, i) => (i * 31) % 256);
  const entries = [
    { path: "b" },
    { path: "b/empty.txt", data: new Uint8Array(0) },
    { path: "b/binary.bin", data: bytes },
    { path: "b/ünïcødé ✓.md", data: new TextEncoder().encode("# ✓\n") },
    { path: `b/${long}`, data: new TextEncoder().encode("long\n") },
    { path: `b/${longer}`, data: new TextEncoder().encode("{}\n") },
  ];
  const dir = Deno.makeTempDirSync({ prefix: "ratchet-tar-" });
  try {
    const archive = join(dir, "a.tar.gz");
    Deno.writeFileSync(archive, await tarGz(entries, { mtime: new Date("2030-01-02T03:04:05Z") }));
    await tar(["-xzf", archive, "-C", dir]);
    for (const e of entries.slice(1)) {
      assert.deepEqual(Deno.readFileSync(join(dir, e.path)), e.data, e.path);
    }
    assert(Deno.statSync(join(dir, "b")).isDirectory);
    assert.equal(
      Deno.statSync(join(dir, "b/binary.bin")).mtime?.toISOString(),
      "2030-01-02T03:04:05.000Z",
    );
    const listing = (await tar(["-tzf", archive])).trimEnd().split("\n");
    assert.deepEqual(listing, ["b/", ...entries.slice(1).map((e) => e.path)]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("tarGz: the same entries give the same bytes", async () => {
  const entries = [{ path: "x/" }, { path: "x/a", data: new TextEncoder().encode("a") }];
  assert.deepEqual(await tarGz(entries), await tarGz(entries));
  assert.notDeepEqual(await tarGz(entries), await tarGz(entries, { mtime: new Date(1e12) }));
});
