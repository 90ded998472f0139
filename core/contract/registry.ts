/**
 * The plugin registry: the built-in plugins plus any folder a user drops into
 * `<root>/plugins/<id>/mod.ts`.
 *
 * @module
 */
import semver from "semver";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { RatchetError } from "../errors/mod.ts";
import type { Plugin } from "./plugin.ts";
import { validatePlugin } from "./define_plugin.ts";

/**
 * Looks plugins up by id and version range.
 *
 * @example
 * ```ts
 * import { PluginRegistry } from "./registry.ts";
 * const registry = new PluginRegistry([]);
 * let msg = "";
 * try { registry.get("nope"); } catch (e) { msg = String(e); }
 * if (!msg.includes("Unknown plugin nope")) throw new Error(msg);
 * ```
 */
export class PluginRegistry {
  #plugins = new Map<string, Plugin>();

  /** A registry holding `plugins` (registered as built-in); ids must be distinct. */
  constructor(plugins: readonly Plugin[]) {
    for (const p of plugins) this.add(p, "built-in");
  }

  /** Adds a plugin; an id may be registered once. */
  add(plugin: Plugin, where: string): void {
    const existing = this.#plugins.get(plugin.id);
    if (existing && existing !== plugin) {
      throw new RatchetError(
        "conflict",
        `Plugin ${plugin.id} from ${where} clashes with the plugin of the same id already loaded; rename its folder and id`,
      );
    }
    this.#plugins.set(plugin.id, plugin);
  }

  /** All plugins, sorted by id. */
  list(): Plugin[] {
    return [...this.#plugins.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Whether a plugin with this id is loaded. */
  has(id: string): boolean {
    return this.#plugins.has(id);
  }

  /**
   * The plugin `id`, checked against a semver `range` when given. `forWhat`
   * names the model asking, for the error message.
   */
  get(id: string, range?: string, forWhat?: string): Plugin {
    const plugin = this.#plugins.get(id);
    const who = forWhat ? ` (needed by ${forWhat})` : "";
    if (!plugin) {
      const known = this.list().map((p) => p.id).join(", ") || "none";
      throw new RatchetError(
        "not_found",
        `Unknown plugin ${id}${who}. Installed plugins: ${known}. A third-party plugin goes in plugins/${id}/mod.ts`,
      );
    }
    if (range !== undefined) {
      if (!semver.validRange(range)) {
        throw new RatchetError(
          "invalid",
          `Invalid plugin version range ${JSON.stringify(range)}${who}: use e.g. ^1.0.0`,
        );
      }
      if (!semver.satisfies(plugin.version, range)) {
        throw new RatchetError(
          "conflict",
          `Plugin ${id} is version ${plugin.version}, which does not satisfy ${range}${who}. ` +
            `Install a compatible version of the plugin or re-export the model for ${id}@${plugin.version}`,
        );
      }
    }
    return plugin;
  }

  /**
   * The built-in plugins plus those in `<root>/plugins/<id>/mod.ts`. A folder
   * whose module is not a valid plugin is an error naming the file.
   */
  static async load(builtins: readonly Plugin[], root?: string): Promise<PluginRegistry> {
    const registry = new PluginRegistry(builtins);
    if (root === undefined) return registry;
    const dir = join(resolve(root), "plugins");
    let entries: Deno.DirEntry[];
    try {
      entries = [...Deno.readDirSync(dir)];
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return registry;
      throw e;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (!entry.isDirectory || entry.name.startsWith("_") || entry.name.startsWith(".")) continue;
      const file = join(dir, entry.name, "mod.ts");
      try {
        Deno.statSync(file);
      } catch {
        continue;
      }
      if (builtins.some((b) => b.id === entry.name)) continue; // the built-in folder itself
      const mod = await import(pathToFileURL(file).href);
      const plugin = validatePlugin(mod.default, file);
      if (plugin.id !== entry.name) {
        throw new RatchetError(
          "invalid",
          `Invalid plugin in ${file}: its id ${plugin.id} must equal its folder name ${entry.name}`,
        );
      }
      registry.add(plugin, file);
    }
    return registry;
  }
}
