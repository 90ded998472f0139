/**
 * Test helpers: a throw-away copy of the shipped demo project (models, data,
 * notebooks), and an app over it whose requests carry the token.
 *
 * @module
 */
import { join } from "node:path";
import { openProject, type Project } from "../project/mod.ts";
import { createApp, type WorkbenchDeps } from "./create_app.ts";

/** The shipped demo project (the repository itself). */
export const DEMO_ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

/** The Host every test request uses. */
export const HOST = "127.0.0.1:8000";

/** The token of test apps. */
export const TOKEN = "test-token-0123456789";

function _copy(from: string, to: string): void {
  Deno.mkdirSync(to, { recursive: true });
  for (const e of Deno.readDirSync(from)) {
    const a = join(from, e.name), b = join(to, e.name);
    if (e.isDirectory) _copy(a, b);
    else if (e.isFile) Deno.copyFileSync(a, b);
  }
}

/** A fresh copy of the demo's models, data and notebooks in a temporary folder. */
export function demoCopy(): string {
  const root = Deno.makeTempDirSync({ prefix: "ratchet-workbench-" });
  for (const dir of ["models", "data", "notebooks"]) {
    try {
      _copy(join(DEMO_ROOT, dir), join(root, dir));
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
  }
  return root;
}

/** A test app over `root` and a `request` helper that sends the token and JSON. */
export async function testApp(
  root: string,
  deps: Partial<WorkbenchDeps> = {},
): Promise<{
  project: Project;
  request: (path: string, init?: RequestInit & { json?: unknown }) => Promise<Response>;
}> {
  const project = await openProject(root);
  const app = createApp({
    project,
    token: TOKEN,
    hosts: [HOST, "localhost:8000"],
    user: "tester",
    ...deps,
  });
  const request = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has("authorization")) headers.set("authorization", `token ${TOKEN}`);
    const { json, ...rest } = init;
    if (json !== undefined) {
      headers.set("content-type", "application/json");
      headers.set("origin", `http://${HOST}`);
    }
    return Promise.resolve(app.request(`http://${HOST}${path}`, {
      ...rest,
      headers,
      ...(json !== undefined ? { method: rest.method ?? "POST", body: JSON.stringify(json) } : {}),
    }));
  };
  return { project, request };
}
