/**
 * What every `ratchet requirements …` subcommand starts from: the project,
 * the model's folder and requirements file, and a way to measure a version
 * on the rows the requirements name.
 *
 * @module
 */
import { isAbsolute, relative, resolve } from "node:path";
import { invalid } from "../errors/mod.ts";
import { evaluateTable, type Evaluation } from "../evaluate/mod.ts";
import type { CompiledModel } from "../model/mod.ts";
import { openProject, type Project } from "../project/mod.ts";
import { type EvaluationInput, requirementsPath } from "../requirements/mod.ts";
import { validateModelName, type VersionRef } from "../store/mod.ts";
import { readTable } from "../table/mod.ts";

/** A model's requirements, as a subcommand sees them. */
export interface RequirementsContext {
  /** The opened project. */
  project: Project;
  /** The model name. */
  name: string;
  /** `models/<name>/`. */
  modelDir: string;
  /** `models/<name>/requirements.json`. */
  path: string;
  /** Who runs the command, for the history (the login name, when known). */
  by?: string;
}

/**
 * Opens the project and names the model's requirements file. `name` must be
 * a bare model name: the requirements belong to the model, not a version.
 *
 * @example
 * ```ts
 * import { requirementsContext } from "./requirements_context.ts";
 * const root = Deno.makeTempDirSync();
 * const ctx = await requirementsContext(root, "churn");
 * if (!ctx.path.endsWith("models/churn/requirements.json")) throw new Error(ctx.path);
 * Deno.removeSync(root);
 * ```
 */
export async function requirementsContext(
  root: string,
  name: string,
): Promise<RequirementsContext> {
  if (name.includes("@")) {
    throw invalid(
      `Give the model name alone (${
        name.slice(0, name.lastIndexOf("@"))
      }), not ${name}: requirements belong to the model and are measured on its champion`,
    );
  }
  validateModelName(name);
  const project = await openProject(root);
  const by = _login();
  return {
    project,
    name,
    modelDir: project.store.modelDir(name),
    path: requirementsPath(project.store, name),
    ...(by ? { by } : {}),
  };
}

/**
 * Compiles a version (the champion when `ref` is undefined) and evaluates it
 * on the input, per partition.
 *
 * @example
 * ```ts ignore
 * const { model, evaluation } = await measureVersion(ctx, undefined, { path: "holdout.csv", source: "holdout.csv" });
 * ```
 */
export async function measureVersion(
  ctx: RequirementsContext,
  ref: VersionRef,
  input: EvaluationInput,
): Promise<{ model: CompiledModel; evaluation: Evaluation }> {
  const model = ctx.project.model({ name: ctx.name, ref });
  const table = await readTable(input.path);
  const evaluation = evaluateTable(model, table, {
    ...(input.target === undefined ? {} : { target: input.target }),
    ...(input.partitionBy === undefined ? {} : { partitionBy: input.partitionBy }),
  });
  return { model, evaluation };
}

/**
 * How a file the user named is recorded: relative to the project folder
 * when inside it, else absolute; `stdin` for `-`.
 *
 * @example
 * ```ts
 * import { recordedPath } from "./requirements_context.ts";
 * if (recordedPath("/p", "/p/data/holdout.csv") !== "data/holdout.csv") throw new Error();
 * if (recordedPath("/p", "/elsewhere/h.csv") !== "/elsewhere/h.csv") throw new Error();
 * ```
 */
export function recordedPath(root: string, path: string): string {
  if (path === "-") return "stdin";
  const abs = resolve(path);
  const rel = relative(root, abs);
  return rel === "" || rel.split(/[\\/]/)[0] === ".." || isAbsolute(rel) ? abs : rel;
}

function _login(): string | undefined {
  try {
    return Deno.env.get("USER") || Deno.env.get("USERNAME") || undefined;
  } catch {
    return undefined; // no --allow-env: the history just does not say who
  }
}
