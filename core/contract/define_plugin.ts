/**
 * Declaring a plugin: checks the declaration once, at load, and merges its
 * tags over the defaults.
 *
 * @module
 */
import semver from "semver";
import { invalid } from "../errors/mod.ts";
import { DEFAULT_TAGS, type Plugin, type PluginDefinition, TASKS } from "./plugin.ts";

/** Plugin ids: lower case letters, digits and `_`, starting with a letter. */
export const PLUGIN_ID = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * Checks a plugin declaration and fills its tags. A plugin module's default
 * export is `definePlugin({...})`.
 *
 * @example
 * ```ts
 * import { definePlugin } from "./define_plugin.ts";
 * const mean = definePlugin<number>({
 *   id: "constant", version: "1.0.0", description: "predicts a constant", tasks: ["regression"],
 *   parse: (c) => Number(c),
 *   compile: (c) => ({
 *     width: 1,
 *     predictBatch: (_cols, n, out = new Float64Array(n)) => out.fill(c, 0, n),
 *     predictRow: (_row, out = new Float64Array(1)) => (out[0] = c, out),
 *   }),
 * });
 * if (mean.tags.handles_missing !== false) throw new Error();
 * ```
 */
export function definePlugin<C>(definition: PluginDefinition<C>): Plugin<C> {
  return validatePlugin(definition, "plugin") as Plugin<C>;
}

/**
 * Checks that a value (a module's default export) is a usable plugin, naming
 * what is wrong; `where` says where it came from (a file path).
 *
 * @example
 * ```ts
 * import { validatePlugin } from "./define_plugin.ts";
 * let msg = "";
 * try { validatePlugin({ id: "Churn Model" }, "plugins/churn/mod.ts"); } catch (e) { msg = String(e); }
 * if (!msg.includes("Invalid plugin in plugins/churn/mod.ts: id")) throw new Error(msg);
 * ```
 */
export function validatePlugin(value: unknown, where: string): Plugin {
  const p = value as Partial<PluginDefinition<unknown>> | null;
  const bad = (what: string) => invalid(`Invalid plugin in ${where}: ${what}`);
  if (p === null || typeof p !== "object") {
    throw bad("the module's default export must be definePlugin({...})");
  }
  if (typeof p.id !== "string" || !PLUGIN_ID.test(p.id)) {
    throw bad(
      `id ${
        JSON.stringify(p.id)
      } must be lower case letters, digits and '_', starting with a letter`,
    );
  }
  if (typeof p.version !== "string" || !semver.valid(p.version)) {
    throw bad(
      `version ${JSON.stringify(p.version)} of ${p.id} is not a semantic version like 1.0.0`,
    );
  }
  if (!Array.isArray(p.tasks) || p.tasks.length === 0 || !p.tasks.every((t) => TASKS.includes(t))) {
    throw bad(`tasks of ${p.id} must be a non-empty list of ${TASKS.join(", ")}`);
  }
  for (const fn of ["parse", "compile"] as const) {
    if (typeof p[fn] !== "function") throw bad(`${p.id} has no ${fn}() function`);
  }
  for (const fn of ["fit", "toSQL", "toJS"] as const) {
    if (p[fn] !== undefined && typeof p[fn] !== "function") {
      throw bad(`${p.id}.${fn} must be a function`);
    }
  }
  if (p.fit && !p.params) {
    throw bad(`${p.id} has fit() but declares no params (use params: {} for none)`);
  }
  for (const key of Object.keys(p.tags ?? {})) {
    if (!Object.hasOwn(DEFAULT_TAGS, key)) {
      throw bad(
        `unknown tag ${key} on ${p.id}; known tags: ${Object.keys(DEFAULT_TAGS).join(", ")}`,
      );
    }
  }
  return Object.freeze({
    ...p,
    description: p.description ?? "",
    tags: Object.freeze({ ...DEFAULT_TAGS, ...p.tags }),
  }) as Plugin;
}
