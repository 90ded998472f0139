import assert from "node:assert/strict";
import { join } from "node:path";
import { expectExit, ratchet, withProject } from "./_ratchet.ts";

const F = "`".repeat(3);

Deno.test("notebook run renders a static page and exits 0", async () => {
  await withProject(async (root) => {
    const nb = join(root, "ok.md");
    Deno.writeTextFileSync(
      nb,
      `# Sums\n\n${F}ts\nconst n = 21\n${F}\n\n${F}ts\nmd\`**\${n * 2}**\`\n${F}\n`,
    );
    const out = join(root, "ok.html");
    const r = expectExit(await ratchet(["notebook", "run", nb, "--html", out, "--root", root]));
    assert.match(r.stdout, /2 cells, 0 failed/);
    const page = Deno.readTextFileSync(out);
    assert.ok(page.includes("<h1>Sums</h1>"), page);
    assert.ok(page.includes("<strong>42</strong>"), page);
  });
});

Deno.test("notebook run exits 1 naming the file and line of a throwing cell", async () => {
  await withProject(async (root) => {
    const nb = join(root, "bad.md");
    const text = `---\ntitle: Bad\n---\n\n${F}ts\nconst a = 1\nconst b = a.nope.deeper\n${F}\n`;
    Deno.writeTextFileSync(nb, text);
    const r = expectExit(await ratchet(["notebook", "run", nb, "--root", root]), 1);
    const line = text.split("\n").indexOf("const b = a.nope.deeper") + 1;
    assert.ok(r.stderr.includes(`${nb}:${line}: TypeError:`), r.stderr);
  });
});

Deno.test("notebook run refuses a missing file and a bad timeout with exit 2", async () => {
  await withProject(async (root) => {
    expectExit(await ratchet(["notebook", "run", join(root, "none.md"), "--root", root]), 2);
    Deno.writeTextFileSync(join(root, "x.md"), "# x\n");
    expectExit(await ratchet(["notebook", "run", join(root, "x.md"), "--timeout", "soon"]), 2);
  });
});
