/**
 * The notebook page and its API. The server turns each request into a typed
 * command (validated, tagged by `type`) and hands it to the notebook's
 * session; the kernel never sees HTTP. Outputs stream to the page as
 * server-sent events, rendered to HTML by the server.
 *
 * @module
 */
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { invalid } from "../errors/mod.ts";
import type { NotebookSessions, SessionEvent } from "./notebook_sessions.ts";
import { notebookPage } from "./notebook_page.ts";
import { tableRows } from "./data_table.ts";

const _id = z.string().min(1).max(100);

/** The commands the notebook API takes, one per `POST /api/notebook/<type>`. */
export const NotebookCommandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("run"), ids: z.array(_id).min(1) }).strict(),
  z.object({ type: z.literal("run_all") }).strict(),
  z.object({
    type: z.literal("edit"),
    id: _id,
    source: z.string().max(1_000_000),
    run: z.boolean().optional(),
  })
    .strict(),
  z.object({ type: z.literal("insert"), after: _id.optional(), source: z.string().max(1_000_000) })
    .strict(),
  z.object({ type: z.literal("delete"), id: _id }).strict(),
  z.object({
    type: z.literal("set_input"),
    id: _id,
    key: z.string().min(1).max(200),
    value: z.union([z.number(), z.string().max(10_000)]),
  }).strict(),
  z.object({ type: z.literal("interrupt") }).strict(),
  z.object({
    type: z.literal("page"),
    id: _id,
    output: z.number().int().nonnegative(),
    offset: z.number().int().nonnegative(),
    limit: z.number().int().min(1).max(1000),
    sort: z.object({ column: z.string().min(1), descending: z.boolean() }).strict().optional(),
  }).strict(),
]);

/** A notebook command. */
export type NotebookCommand = z.infer<typeof NotebookCommandSchema>;

/**
 * The notebook routes: `GET /notebooks/<path>` (the page), `POST
 * /api/notebook/<command>` with `{path, …}` and `GET
 * /api/notebook/events?path=…` (server-sent events).
 *
 * @example
 * ```ts ignore
 * app.route("/", notebookRoutes(new NotebookSessions(project.root)));
 * ```
 */
export function notebookRoutes(sessions: NotebookSessions): Hono {
  const app = new Hono();
  app.get("/notebooks/:path{.+}", async (c) => {
    const session = await sessions.open(c.req.param("path"));
    session.refresh();
    return c.html(await notebookPage(session));
  });

  app.post("/api/notebook/:type", async (c) => {
    const body = await c.req.json() as Record<string, unknown>;
    if (body === null || typeof body !== "object" || typeof body.path !== "string") {
      throw invalid('A notebook command needs {"path": "NOTEBOOK.md", …}');
    }
    const { path, ...rest } = body;
    const parsed = NotebookCommandSchema.safeParse({ ...rest, type: c.req.param("type") });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw invalid(
        `invalid notebook command: ${issue.path.join(".") || "type"}: ${issue.message}`,
      );
    }
    const session = await sessions.open(path);
    const command = parsed.data;
    const k = session.kernel;
    switch (command.type) {
      case "run":
        session.refresh();
        return c.json({ cells: await session.views(await k.run(command.ids)) });
      case "run_all":
        session.refresh();
        return c.json({ cells: await session.views(await k.runAll()) });
      case "edit": {
        const id = session.edit(command.id, command.source);
        const cells = command.run === false ? k.cells : await k.run([id]);
        return c.json({ id, cells: await session.views(cells) });
      }
      case "insert":
        return c.json({ id: session.insert(command.source, command.after) });
      case "delete":
        session.remove(command.id);
        return c.json({ deleted: command.id });
      case "set_input":
        return c.json({
          cells: await session.views(await k.setInput(command.id, command.key, command.value)),
        });
      case "interrupt":
        await k.interrupt();
        return c.json({ cells: await session.views() });
      case "page": {
        const { id, output, offset, limit, sort } = command;
        const page = await k.tablePage(id, output, { offset, limit, ...(sort ? { sort } : {}) });
        const s = page.scoring;
        const scoring = s ? { rows: s.rows, existing: session.fixtureIds(s.name) } : undefined;
        return c.json({
          offset: page.offset,
          total: page.total,
          html: String(await tableRows(page.columns, page.rows, scoring)),
        });
      }
    }
  });

  app.get("/api/notebook/events", async (c) => {
    const session = await sessions.open(c.req.query("path") ?? "");
    return streamSSE(c, async (stream) => {
      const queue: SessionEvent[] = [];
      let wake: (() => void) | undefined;
      const stop = session.subscribe((e) => {
        queue.push(e);
        wake?.();
      });
      stream.onAbort(() => {
        stop();
        wake?.();
      });
      // Every cell's state as of now: what happened between the page and this stream is not lost.
      const cells = await session.views();
      await stream.writeSSE({
        event: "hello",
        data: JSON.stringify({ path: session.path, cells }),
      });
      while (!stream.aborted) {
        const next = queue.shift();
        if (next?.type === "closed") break;
        if (next) {
          await stream.writeSSE({ event: next.type, data: JSON.stringify(next) });
          continue;
        }
        let timer: ReturnType<typeof setTimeout> | undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
          // A comment now and then keeps proxies and the browser from timing out.
          timer = setTimeout(resolve, 15_000);
        });
        clearTimeout(timer);
        wake = undefined;
        if (queue.length === 0 && !stream.aborted) await stream.write(": keep-alive\n\n");
      }
      stop();
    });
  });
  return app;
}
