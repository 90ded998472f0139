import assert from "node:assert/strict";
import { BACKGROUND_NICE, threadNice } from "./background_priority.ts";

Deno.test("a worker lowers its own priority, and only its own", async () => {
  if (Deno.build.os !== "linux") return;
  const before = threadNice();
  const worker = new Worker(
    `data:text/javascript,import { lowerThreadPriority, threadNice } from ${
      JSON.stringify(new URL("./background_priority.ts", import.meta.url).href)
    };
    const before = threadNice();
    const lowered = lowerThreadPriority();
    self.postMessage({ before, lowered, after: threadNice() });`,
    { type: "module" },
  );
  try {
    const seen = await new Promise<{ before: number; lowered: boolean; after: number }>((r) =>
      worker.onmessage = (e) => r(e.data)
    );
    assert.deepEqual(seen, { before, lowered: true, after: BACKGROUND_NICE });
    assert.equal(threadNice(), before, "the thread answering requests keeps its priority");
  } finally {
    worker.terminate();
  }
});
