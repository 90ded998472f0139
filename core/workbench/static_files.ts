/**
 * The workbench's client code: a few small scripts in `static/`, served as
 * they are (no bundler). Only the names listed here are served.
 *
 * @module
 */

const _FILES: Record<string, string> = {
  "workbench.js": "text/javascript; charset=utf-8",
  "notebook.js": "text/javascript; charset=utf-8",
};

const _cache = new Map<string, string>();

/**
 * The text and content type of static file `name`, or undefined for any
 * name not listed.
 *
 * @example
 * ```ts
 * import { staticFile } from "./static_files.ts";
 * const js = await staticFile("workbench.js");
 * if (!js || !js.type.startsWith("text/javascript") || await staticFile("../mod.ts")) throw new Error();
 * ```
 */
export async function staticFile(
  name: string,
): Promise<{ text: string; type: string } | undefined> {
  const type = Object.hasOwn(_FILES, name) ? _FILES[name] : undefined;
  if (type === undefined) return undefined;
  let text = _cache.get(name);
  if (text === undefined) {
    const url = new URL(`./static/${name}`, import.meta.url);
    text = url.protocol === "file:"
      ? await Deno.readTextFile(url)
      : await (await fetch(url)).text();
    _cache.set(name, text);
  }
  return { text, type };
}
