/**
 * Files the app serves: its own client scripts (`/static/…`, a fixed list)
 * and the project's HTML reports (`/files/reports/…`,
 * `/files/models/<name>/challenges/…`), each checked to stay inside its
 * folder and served under a sandboxing Content-Security-Policy.
 *
 * @module
 */
import { Hono } from "hono";
import { RatchetError } from "../errors/mod.ts";
import { relative, sep } from "node:path";
import { projectFile } from "./project_file.ts";
import { REPORT_CSP } from "./page_csp.ts";
import { staticFile } from "./static_files.ts";

/**
 * The file routes of the project at `root`.
 *
 * @example
 * ```ts
 * import { fileRoutes } from "./file_routes.ts";
 * const res = await fileRoutes(Deno.makeTempDirSync()).request("/static/workbench.js");
 * if (res.status !== 200) throw new Error();
 * ```
 */
export function fileRoutes(root: string): Hono {
  const app = new Hono();
  app.get("/static/:file", async (c) => {
    const file = await staticFile(c.req.param("file"));
    if (!file) throw new RatchetError("not_found", `No static file ${c.req.param("file")}`);
    c.header("Content-Type", file.type);
    c.header("Cache-Control", "no-cache");
    return c.body(file.text);
  });
  app.get("/files/:path{.+}", async (c) => {
    const path = c.req.param("path");
    const real = _report(root, path);
    if (!real.endsWith(".html")) {
      throw new RatchetError("not_found", `Only HTML reports are served, not ${path}`);
    }
    c.header("Content-Type", "text/html; charset=utf-8");
    c.header("Content-Security-Policy", REPORT_CSP);
    return c.body(await Deno.readTextFile(real));
  });
  return app;
}

/** The real path of a report: under `reports/` or a model's `challenges/`, symbolic links resolved. */
function _report(root: string, path: string): string {
  const real = projectFile(root, "", path);
  const inside = relative(Deno.realPathSync(root), real).split(sep).join("/");
  if (inside.startsWith("reports/") || /^models\/[^/]+\/challenges\//.test(inside)) return real;
  throw new RatchetError(
    "not_found",
    `No report at ${path}: reports live under reports/ and models/<name>/challenges/`,
  );
}
