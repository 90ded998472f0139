/**
 * The workbench web app: `createApp(deps) → Hono`, server-rendered pages
 * over a project (models, datasets, notebooks, reports, fixtures) and a JSON
 * API for curation, export and the notebook kernels. Tested with
 * `app.request()`.
 *
 * @module
 */
import { Hono } from "hono";
import { html } from "hono/html";
import { RatchetError } from "../errors/mod.ts";
import type { Project } from "../project/mod.ts";
import { guard } from "./security.ts";
import { page } from "./layout.ts";
import { homePage } from "./home_page.ts";
import { modelPage } from "./model_page.ts";
import { fixturesPage } from "./fixtures_page.ts";
import { datasetPage } from "./dataset_page.ts";
import { fileRoutes } from "./file_routes.ts";
import { backtestRoutes } from "./backtest_routes.ts";
import { curateFixture } from "./curate_fixture.ts";
import { type ExportBundle, exportRoutes } from "./export_routes.ts";
import { notebookRoutes } from "./notebook_routes.ts";
import { NotebookSessions } from "./notebook_sessions.ts";

/** What the app needs. */
export interface WorkbenchDeps {
  /** The project whose models, data and notebooks the pages show. */
  readonly project: Project;
  /** The secret a browser must present. */
  readonly token: string;
  /** Host headers accepted, e.g. `127.0.0.1:8000`, `localhost:8000`; read per request. */
  readonly hosts: readonly string[];
  /** Who curates, for a fixture's provenance; default `$USER`. */
  readonly user?: string;
  /** Writes an export bundle; default `core/export`'s `exportBundle`, loaded on first use. */
  readonly exportBundle?: ExportBundle;
  /** The notebooks' kernels; default one kernel per open notebook, started on first use. */
  readonly sessions?: NotebookSessions;
}

/**
 * Builds the workbench app.
 *
 * @example
 * ```ts
 * import { createApp } from "./create_app.ts";
 * import { openProject } from "../project/mod.ts";
 * const root = Deno.makeTempDirSync();
 * const app = createApp({ project: await openProject(root), token: "t0ken", hosts: ["127.0.0.1:8000"] });
 * const res = await app.request("http://127.0.0.1:8000/", { headers: { authorization: "token t0ken" } });
 * if (res.status !== 200 || !(await res.text()).includes("No models yet")) throw new Error();
 * Deno.removeSync(root);
 * ```
 *
 * @example
 * ```ts ignore
 * const app = createApp({ project, token, hosts: ["127.0.0.1:8000"] });
 * Deno.serve({ hostname: "127.0.0.1", port: 8000 }, app.fetch);
 * ```
 */
export function createApp(deps: WorkbenchDeps): Hono {
  const { project } = deps;
  const user = deps.user ?? Deno.env.get("USER") ?? Deno.env.get("USERNAME") ?? "someone";
  const app = new Hono();
  app.use(guard(deps));
  app.onError((err, c) => {
    const known = err instanceof RatchetError;
    const status: number = known ? err.status : err instanceof SyntaxError ? 400 : 500;
    const message = err instanceof SyntaxError
      ? `The body is not valid JSON: ${err.message}`
      : err.message;
    if (status === 500) console.error(err);
    if (c.req.path.startsWith("/api/")) return c.json({ error: message }, status as 400);
    return c.html(
      page(
        "Error",
        html`
          <p class="error">${message}</p>
          <p><a href="/">Home</a></p>
        `,
      ),
      status as 400,
    );
  });
  app.notFound((c) => {
    if (c.req.path.startsWith("/api/")) return c.json({ error: `No API at ${c.req.path}` }, 404);
    return c.html(
      page(
        "Not found",
        html`
          <p class="error">Nothing at ${c.req.path}.</p>
          <p><a href="/">Home</a></p>
        `,
      ),
      404,
    );
  });

  app.get("/favicon.ico", (c) => c.body(null, 204));
  app.get("/", async (c) => c.html(await homePage(project)));
  app.get("/models/:name", async (c) => c.html(await modelPage(project, c.req.param("name"))));
  app.get("/fixtures", (c) => c.html(fixturesPage(project)));
  app.get("/datasets/:name", (c) => c.html(datasetPage(project.root, c.req.param("name"))));
  app.post("/api/models/:name/fixtures", async (c) => {
    const added = curateFixture(project, c.req.param("name"), await c.req.json(), user);
    return c.json(added, 201);
  });
  app.route("/", fileRoutes(project.root));
  app.route("/", backtestRoutes(project));
  app.route("/", exportRoutes(project, deps.exportBundle));
  app.route("/", notebookRoutes(deps.sessions ?? new NotebookSessions(project.root)));
  return app;
}
