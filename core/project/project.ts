/**
 * A ratchet project: the folder holding `models/`, `data/` and `notebooks/`,
 * with its model store and the plugins it can use.
 *
 * @module
 */
import { resolve } from "node:path";
import { RatchetError } from "../errors/mod.ts";
import { PluginRegistry } from "../contract/mod.ts";
import { type ModelRef, ModelStore } from "../store/mod.ts";
import { type CompiledModel, compileModel } from "../model/mod.ts";
import { builtinPlugins } from "../../plugins/mod.ts";

/** An opened project folder. */
export interface Project {
  /** Absolute path of the project folder. */
  readonly root: string;
  /** The versioned models under `<root>/models`. */
  readonly store: ModelStore;
  /** The built-in plugins plus those in `<root>/plugins/`. */
  readonly registry: PluginRegistry;
  /** Loads, verifies and compiles a model version. */
  model(ref: ModelRef): CompiledModel;
}

/**
 * Opens a project folder: built-in plugins plus `<root>/plugins/<id>/mod.ts`.
 *
 * @example
 * ```ts
 * import { openProject } from "./project.ts";
 * const root = Deno.makeTempDirSync();
 * const project = await openProject(root);
 * if (!project.registry.has("linear") || project.store.names().length !== 0) throw new Error();
 * Deno.removeSync(root);
 * ```
 */
export async function openProject(root = "."): Promise<Project> {
  const abs = resolve(root);
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(abs);
  } catch {
    throw new RatchetError("not_found", `Project folder ${abs} does not exist (check --root)`);
  }
  if (!info.isDirectory) throw new RatchetError("invalid", `--root ${abs} is not a folder`);
  const store = new ModelStore(abs);
  const registry = await PluginRegistry.load(builtinPlugins, abs);
  return {
    root: abs,
    store,
    registry,
    model: (ref) => compileModel(store.load(ref.name, ref.ref), registry),
  };
}
