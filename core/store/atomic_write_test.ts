import assert from "node:assert/strict";
import { join } from "node:path";
import { writePiecesSynced } from "./atomic_write.ts";

Deno.test("writePiecesSynced: every piece in order, a pause after each group before the next is made", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "ratchet-pieces-" });
  try {
    const events: string[] = [];
    const pieces = function* (): Generator<Uint8Array[]> {
      for (let g = 0; g < 3; g++) {
        events.push(`make ${g}`);
        yield [new Uint8Array([g, g]), new Uint8Array(70_000).fill(g + 1)];
      }
    };
    const path = join(dir, "part.bin");
    await writePiecesSynced(path, pieces(), () => {
      events.push("pause");
      return Promise.resolve();
    });
    assert.deepEqual(events, ["make 0", "pause", "make 1", "pause", "make 2", "pause"]);
    const bytes = Deno.readFileSync(path);
    assert.equal(bytes.length, 3 * 70_002);
    for (let g = 0; g < 3; g++) {
      const at = g * 70_002;
      assert.deepEqual([...bytes.subarray(at, at + 3)], [g, g, g + 1]);
      assert.equal(bytes[at + 70_001], g + 1);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("writePiecesSynced refuses a file that exists and leaves no partial file when making a piece fails", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "ratchet-pieces-" });
  try {
    const taken = join(dir, "taken.bin");
    Deno.writeTextFileSync(taken, "keep");
    await assert.rejects(
      writePiecesSynced(taken, [[new Uint8Array([1])]], () => Promise.resolve()),
      Deno.errors.AlreadyExists,
    );
    assert.equal(Deno.readTextFileSync(taken), "keep");
    const path = join(dir, "part.bin");
    const failing = function* (): Generator<Uint8Array[]> {
      yield [new Uint8Array([1, 2, 3])];
      throw new Error("Column x holds fewer than 3 rows");
    };
    await assert.rejects(
      writePiecesSynced(path, failing(), () => Promise.resolve()),
      /Column x holds fewer than 3 rows/,
    );
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["taken.bin"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
