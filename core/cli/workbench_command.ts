/**
 * `ratchet workbench` (`deno task start`): the local web workbench.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { invalid } from "../errors/mod.ts";
import { openProject } from "../project/mod.ts";
import { rootOption } from "./root_option.ts";

/**
 * Builds the `workbench` command.
 *
 * @example
 * ```ts
 * import { workbenchCommand } from "./workbench_command.ts";
 * const help = workbenchCommand().helpInformation();
 * if (!help.includes("--port <port>")) throw new Error(help);
 * ```
 */
export function workbenchCommand(): Command {
  return new Command("workbench")
    .description("Start the local workbench on 127.0.0.1 and print its URL with a one-time token")
    .option("--port <port>", "port to listen on", "8000")
    .option("--token <token>", "use this token instead of a random one (or set RATCHET_TOKEN)")
    .addOption(rootOption())
    .action(async (opts) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw invalid(`invalid --port: ${opts.port}`);
      }
      const project = await openProject(opts.root);
      const token = opts.token ?? Deno.env.get("RATCHET_TOKEN") ??
        Array.from(
          crypto.getRandomValues(new Uint8Array(24)),
          (b) => b.toString(16).padStart(2, "0"),
        ).join("");
      const { createApp } = await import("../workbench/mod.ts");
      const hosts: string[] = [];
      const app = createApp({ project, token, hosts });
      let server: Deno.HttpServer<Deno.NetAddr>;
      const ready = Promise.withResolvers<number>();
      try {
        server = Deno.serve({
          hostname: "127.0.0.1",
          port,
          onListen: ({ port }) => ready.resolve(port),
        }, (req) => app.fetch(req));
      } catch (e) {
        if (e instanceof Deno.errors.AddrInUse) {
          throw invalid(`Port ${port} is in use: start with --port N (e.g. --port 8001)`);
        }
        throw e;
      }
      const actual = await ready.promise;
      hosts.push(`127.0.0.1:${actual}`, `localhost:${actual}`);
      console.log(
        `ratchet workbench on ${project.root}\n  http://127.0.0.1:${actual}/?token=${token}\nPress Ctrl-C to stop.`,
      );
      await server.finished;
    }) as unknown as Command;
}
