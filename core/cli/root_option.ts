/**
 * The `--root DIR` option every command takes.
 *
 * @module
 */
import { Option } from "@commander-js/extra-typings";

/** `--root <dir>`: the project folder holding models/, data/ and notebooks/. */
export function rootOption() {
  return new Option("--root <dir>", "project folder holding models/, data/ and notebooks/").default(
    ".",
  );
}
