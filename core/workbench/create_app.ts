/**
 * The workbench web app: `createApp(deps) → Hono`, server-rendered pages
 * over a project (models, versions, plugins). Tested with `app.request()`.
 *
 * @module
 */
import { Hono } from "hono";
import { html } from "hono/html";
import { RatchetError } from "../errors/mod.ts";
import type { Project } from "../project/mod.ts";
import { validateModelName } from "../store/mod.ts";
import { guard } from "./security.ts";
import { page } from "./layout.ts";
import { modelStatus } from "./model_status.ts";
import { fixturesSection, requirementsSection } from "./model_sections.ts";

/** What the app needs. */
export interface WorkbenchDeps {
  /** The project whose models and plugins the pages show. */
  readonly project: Project;
  /** The secret a browser must present. */
  readonly token: string;
  /** Host headers accepted, e.g. `127.0.0.1:8000`, `localhost:8000`. */
  readonly hosts: readonly string[];
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
 * const res = await app.request("http://127.0.0.1:8000/?token=t0ken");
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
  const app = new Hono();
  app.use(guard(deps));
  app.onError((err, c) => {
    const status = err instanceof RatchetError ? err.status : 500;
    return c.html(
      page(
        "Error",
        html`
          <p class="error">${err.message}</p>
          <p><a href="/">Home</a></p>
        `,
      ),
      status as 400,
    );
  });

  app.get("/", (c) => {
    const store = project.store;
    const models = store.names().map((name) => {
      const versions = store.versions(name);
      const aliases = store.aliases(name);
      const latest = store.load(name, "latest");
      return { name, versions, aliases, latest };
    });
    return c.html(page(
      "ratchet",
      html`
        <h1>ratchet <small>${project.root}</small></h1>
                <h2>Models</h2>
                ${models.length === 0
                  ? html`<p>No models yet. Publish one with <code>ratchet models add NAME FILE</code>.</p>`
                  : html`
                    <table>
                      <thead>
                        <tr>
                          <th>model</th>
                          <th>champion</th>
                          <th>challenger</th>
                          <th>latest</th>
                          <th>versions</th>
                          <th>plugin</th>
                          <th>task</th>
                        </tr>
                      </thead>
                      <tbody>
                                ${models.map((m) =>
                                  html`
                                    <tr>
                                      <td><a href="/models/${m.name}">${m.name}</a></td>
                                      <td>${m.aliases.champion ?? "—"}</td>
                                      <td>${m.aliases.challenger ?? "—"}</td>
                                      <td>${m.latest.version}</td>
                                      <td>${m.versions.length}</td>
                                      <td>${m.latest.plugin.id}</td>
                                      <td>${m.latest.task}</td>
                                    </tr>
                                  `
                                )}</tbody>
                    </table>
                  `}
                <h2>Plugins</h2>
                <table>
          <thead>
            <tr>
              <th>plugin</th>
              <th>version</th>
              <th>tasks</th>
              <th>fit</th>
              <th>description</th>
            </tr>
          </thead>
          <tbody>
                ${project.registry.list().map((p) =>
                  html`
                    <tr>
                      <td>${p.id}</td>
                      <td>${p.version}</td>
                      <td>${p.tasks.join(", ")}</td>
                      <td>${p.fit ? "yes" : "no"}</td>
                      <td>${p.description}</td>
                    </tr>
                  `
                )}</tbody>
        </table>
      `,
    ));
  });

  app.get("/models/:name", async (c) => {
    const name = validateModelName(c.req.param("name"));
    const store = project.store;
    const aliases = store.aliases(name);
    const versions = store.versions(name).map((v) => store.load(name, v)).reverse();
    if (versions.length === 0) throw new RatchetError("not_found", `No model named ${name}`);
    const current = store.load(name, undefined);
    const status = await modelStatus(project, name, current.version);
    return c.html(page(
      name,
      html`
        <p><a href="/">← all models</a></p>
                <h1>${name}</h1>
                <p>${current.description ?? ""}</p>
                <h2>Versions</h2>
                <table>
          <thead>
            <tr>
              <th>version</th>
              <th>alias</th>
              <th>plugin</th>
              <th>created</th>
              <th>source</th>
              <th>sha256</th>
            </tr>
          </thead>
          <tbody>
                ${versions.map((a) => {
                  const tags = Object.entries(aliases).filter(([, v]) => v === a.version).map((
                    [k],
                  ) => k).join(", ");
                  return html`
                    <tr>
                      <td>${a.version}</td>
                      <td>${tags || "—"}</td>
                      <td>${a.plugin.id} ${a.plugin.version}</td>
                      <td>${a.provenance.created}</td>
                      <td>${a.provenance.source}${a.provenance.estimator
                        ? ` (${a.provenance.estimator})`
                        : ""}</td>
                      <td><code>${a.sha256.slice(0, 12)}…</code></td>
                    </tr>
                  `;
                })}</tbody>
        </table>
                ${requirementsSection(name, status)}
                ${fixturesSection(name, status)}
                <h2>Features of version ${current.version}</h2>
                <table>
          <thead>
            <tr>
              <th>feature</th>
              <th>type</th>
              <th>levels</th>
            </tr>
          </thead>
          <tbody>
                ${current.features.map((f) =>
                  html`
                    <tr>
                      <td>${f.name}</td>
                      <td>${f.type}</td>
                      <td>${(f.levels ?? []).join(", ")}</td>
                    </tr>
                  `
                )}
                </tbody>
        </table>
                <p>Target <b>${current.target.name}</b>${current.target.labels
                  ? `: ${current.target.labels.join(", ")}`
                  : ""}</p>
      `,
    ));
  });
  return app;
}
