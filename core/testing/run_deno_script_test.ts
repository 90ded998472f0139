import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { runDenoScript } from "./run_deno_script.ts";

Deno.test("a script's source runs with its arguments, stdin and cwd, and its file is removed", async () => {
  const cwd = Deno.makeTempDirSync({ prefix: "ratchet-cwd-" });
  try {
    const r = await runDenoScript(
      `const input = await new Response(Deno.stdin.readable).text();
console.log(JSON.stringify({ args: Deno.args, input, cwd: Deno.cwd(), file: import.meta.filename }));`,
      ["a", "b c"],
      { stdin: "some text", cwd },
    );
    assert.ok(r.success, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual([out.args, out.input, out.cwd], [
      ["a", "b c"],
      "some text",
      Deno.realPathSync(cwd),
    ]);
    assert.throws(() => Deno.statSync(out.file), Deno.errors.NotFound);
  } finally {
    Deno.removeSync(cwd, { recursive: true });
  }
});

Deno.test("a module file runs in place; a failing script reports its exit code and stderr", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "ratchet-module-" });
  try {
    const file = join(dir, "fail.ts");
    Deno.writeTextFileSync(file, 'console.error("gave up", Deno.args[0]);\nDeno.exit(3);\n');
    const r = await runDenoScript(pathToFileURL(file), ["early"]);
    assert.deepEqual([r.code, r.success, r.stdout, r.stderr], [3, false, "", "gave up early\n"]);
    assert.ok(Deno.statSync(file).isFile, "a module file given by URL is left alone");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("`test` runs the script as a test file with the repository's config", async () => {
  const r = await runDenoScript(
    `Deno.test("sees the import map", async () => {
  const { z } = await import("zod");
  if (z.number().parse(Deno.env.get("N") === "1" ? 1 : 0) !== 1) throw new Error("N");
});`,
    [],
    { subcommand: "test", env: { N: "1", NO_COLOR: "1" } },
  );
  assert.ok(r.success, r.stdout + r.stderr);
  assert.match(r.stdout, /sees the import map \.\.\. ok/);
});
