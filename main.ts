/**
 * ratchet's entry point: the CLI. `deno run -A main.ts --help` lists the
 * commands; `deno task start` runs the workbench on this folder.
 *
 * @module
 */
import { runCli } from "./core/cli/mod.ts";

if (import.meta.main) {
  Deno.exit(await runCli(Deno.args));
}
