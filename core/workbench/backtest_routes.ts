/**
 * The model page's "Run back-test" button: `POST
 * /api/models/:name/backtest` runs the back-test that `ratchet backtest
 * --report` runs and writes its report under `reports/`, where the home
 * page finds a model's last back-test.
 *
 * @module
 */
import { Hono } from "hono";
import { join } from "node:path";
import { z } from "zod";
import { invalid } from "../errors/mod.ts";
import type { Project } from "../project/mod.ts";
import { parseModelRef, validateModelName, writeFileAtomic } from "../store/mod.ts";
import { readRequirements, requirementsPath } from "../requirements/mod.ts";
import { validateDatasetName } from "../data/mod.ts";
import { urlPath } from "./report_link.ts";

const _Body = z.object({
  dataset: z.string().min(1),
  version: z.number().int().positive().optional(),
}).strict();

/**
 * The back-test route of `project`.
 *
 * @example
 * ```ts ignore
 * app.route("/", backtestRoutes(project));
 * ```
 */
export function backtestRoutes(project: Project): Hono {
  const app = new Hono();
  app.post("/api/models/:name/backtest", async (c) => {
    const name = validateModelName(c.req.param("name"));
    const body = _Body.safeParse(await c.req.json());
    if (!body.success) {
      throw invalid(`invalid back-test request: ${body.error.issues[0]?.message ?? "bad body"}`);
    }
    const dataset = validateDatasetName(body.data.dataset);
    const ref = parseModelRef(body.data.version ? `${name}@${body.data.version}` : name);
    const [{ backtestWithEngine }, { backtestReport }] = await Promise.all([
      import("../backtest/mod.ts"),
      import("../report/mod.ts"),
    ]);
    const result = await backtestWithEngine(project, ref, dataset, { engine: "auto" });
    const requirements = readRequirements(requirementsPath(project.store, name), {
      task: result.task,
    });
    const file = `backtest-${name}-${result.version}-${dataset}.html`;
    Deno.mkdirSync(join(project.root, "reports"), { recursive: true });
    writeFileAtomic(
      join(project.root, "reports", file),
      await backtestReport(result, requirements ? { requirements } : {}),
    );
    return c.json({
      passed: result.passed,
      url: `/files/reports/${urlPath(file)}`,
      report: `reports/${file}`,
      failed: result.requirements.checks.filter((k) => !k.passed).map((k) => k.message),
    });
  });
  return app;
}
