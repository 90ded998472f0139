/**
 * The Export button's API: `POST /api/models/:name/export` writes the
 * versioned bundle that `ratchet export` writes (into a fresh temporary
 * folder, so exporting never touches the project) and answers with a
 * download URL (an unguessable id, valid while the workbench runs);
 * `GET /downloads/:id` sends the `.tar.gz`.
 *
 * @module
 */
import { Hono } from "hono";
import { basename, join } from "node:path";
import { z } from "zod";
import { invalid, RatchetError } from "../errors/mod.ts";
import type { Project } from "../project/mod.ts";
import { type ModelRef, parseModelRef, validateModelName } from "../store/mod.ts";

/** Writes a model version's bundle (and its `.tar.gz`) under `out`; `core/export`'s `exportBundle`. */
export type ExportBundle = (
  project: Project,
  ref: ModelRef,
  options: { out: string },
) => Promise<unknown>;

const _Body = z.object({
  version: z.union([z.number().int().positive(), z.enum(["champion", "challenger", "latest"])])
    .optional(),
}).strict();

/**
 * The export routes of `project`, with `exportBundle` doing the work.
 *
 * @example
 * ```ts ignore
 * app.route("/", exportRoutes(project, exportBundle));
 * ```
 */
export function exportRoutes(project: Project, exportBundle?: ExportBundle): Hono {
  const downloads = new Map<string, string>();
  const app = new Hono();
  app.post("/api/models/:name/export", async (c) => {
    const name = validateModelName(c.req.param("name"));
    const body = _Body.safeParse(await c.req.json());
    if (!body.success) {
      throw invalid(`invalid export request: ${body.error.issues[0]?.message ?? "bad body"}`);
    }
    const v = body.data.version;
    const ref = parseModelRef(v === undefined ? name : `${name}@${v}`);
    project.store.load(ref.name, ref.ref); // an unknown model or version: 404 before any work
    const out = await Deno.makeTempDir({ prefix: "ratchet-export-" });
    await (exportBundle ?? await _exportBundle())(project, ref, { out });
    const archive = _archive(out);
    const id = crypto.randomUUID();
    downloads.set(id, archive);
    return c.json({ url: `/downloads/${id}`, file: basename(archive) });
  });
  app.get("/downloads/:id", async (c) => {
    const path = downloads.get(c.req.param("id"));
    if (path === undefined) {
      throw new RatchetError("not_found", "No such download: press Export again");
    }
    const file = await Deno.open(path);
    c.header("Content-Type", "application/gzip");
    c.header("Content-Disposition", `attachment; filename="${basename(path)}"`);
    return c.body(file.readable);
  });
  return app;
}

function _archive(out: string): string {
  for (const e of Deno.readDirSync(out)) {
    if (e.isFile && e.name.endsWith(".tar.gz")) return join(out, e.name);
  }
  throw new RatchetError("internal", `The export wrote no .tar.gz into ${out}`);
}

/** `core/export`'s exportBundle, loaded on first use (it pulls in the bundle's sources). */
async function _exportBundle(): Promise<ExportBundle> {
  return (await import("../export/mod.ts")).exportBundle;
}
