/**
 * The `--root DIR` option every command takes.
 *
 * @module
 */
import { Option } from "@commander-js/extra-typings";

/**
 * `--root <dir>`: the project folder holding models/, data/ and notebooks/.
 *
 * @example
 * ```ts
 * import { rootOption } from "./root_option.ts";
 * const root = rootOption();
 * if (root.flags !== "--root <dir>" || root.defaultValue !== ".") throw new Error();
 * ```
 */
export function rootOption() {
  return new Option("--root <dir>", "project folder holding models/, data/ and notebooks/").default(
    ".",
  );
}
