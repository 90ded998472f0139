/**
 * Turning a path from a URL into a file of the project, refusing every way
 * out of it: `..` segments, their percent-encoded forms (decoded once by the
 * router, so a `%` left over means double encoding), absolute paths,
 * backslashes, NUL, and symbolic links that lead outside.
 *
 * @module
 */
import { join, sep } from "node:path";
import { invalid, RatchetError } from "../errors/mod.ts";

/**
 * The real path of `relative` inside `<root>/<folder>` (`folder` may be
 * `""`, the project itself), which must exist.
 * Refused (400) when it would leave that folder, including through a
 * symbolic link; 404 when it does not exist.
 *
 * @example
 * ```ts
 * import { projectFile } from "./project_file.ts";
 * const root = Deno.realPathSync(Deno.makeTempDirSync());
 * Deno.mkdirSync(`${root}/notebooks`);
 * Deno.writeTextFileSync(`${root}/notebooks/a.md`, "# A");
 * if (projectFile(root, "notebooks", "a.md") !== `${root}/notebooks/a.md`) throw new Error();
 * let msg = "";
 * try { projectFile(root, "notebooks", "../models/x.json"); } catch (e) { msg = String(e); }
 * if (!msg.includes("outside notebooks/")) throw new Error(msg);
 * Deno.removeSync(root, { recursive: true });
 * ```
 */
export function projectFile(root: string, folder: string, relative: string): string {
  const where = folder === "" ? "the project" : `${folder}/ of the project`;
  const refuse = () => invalid(`Path ${JSON.stringify(relative)} is outside ${where}: refused`);
  if (
    relative === "" || relative.startsWith("/") || /[\\\0%]/.test(relative) ||
    relative.split("/").some((s) => s === ".." || s === "." || s === "")
  ) {
    throw refuse();
  }
  let base: string, real: string;
  try {
    base = Deno.realPathSync(join(root, folder));
    real = Deno.realPathSync(join(base, relative));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new RatchetError("not_found", `No file ${join(folder, relative)} in the project`);
    }
    throw e;
  }
  if (!real.startsWith(base + sep)) throw refuse();
  return real;
}
