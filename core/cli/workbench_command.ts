/**
 * `ratchet workbench` (`deno task start`): the local web workbench.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { invalid } from "../errors/mod.ts";
import { openProject } from "../project/mod.ts";
import { rootOption } from "./root_option.ts";
import { collect } from "./list_option.ts";

/**
 * Builds the `workbench` command.
 *
 * @example
 * ```ts
 * import { workbenchCommand } from "./workbench_command.ts";
 * const help = workbenchCommand().helpInformation();
 * if (!help.includes("--port <port>") || !help.includes("--host <address>")) throw new Error(help);
 * ```
 */
export function workbenchCommand(): Command {
  return new Command("workbench")
    .description("Start the local workbench on 127.0.0.1 and print its URL with a one-time token")
    .option("--port <port>", "port to listen on (0: any free port)", "8000")
    .option(
      "--host <address>",
      "address to listen on; another than loopback needs --token",
      "127.0.0.1",
    )
    .option(
      "--token <token>",
      "use this token instead of a random one (or set RATCHET_TOKEN); at least 16 characters",
    )
    .option(
      "--allow-host <name>",
      "also accept this Host name (e.g. the machine's name, with --host 0.0.0.0); repeatable",
      collect,
    )
    .addOption(rootOption())
    .addHelpText(
      "after",
      `
The workbench runs notebook code with your permissions, so it defends as
Jupyter Server does: it answers only requests carrying its token (the printed
URL sets it as a cookie), only under a local Host name, and refuses
cross-origin writes.

Examples:
  deno task start
  ratchet workbench --port 0 --root ~/projects/churn`,
    )
    .action(async (opts) => {
      const port = Number(opts.port);
      if (!/^\d+$/.test(opts.port) || port > 65535) {
        throw invalid(`invalid --port: ${opts.port} (expected 0 to 65535)`);
      }
      const { createApp, isLoopback, listenAddress, NotebookSessions } = await import(
        "../workbench/mod.ts"
      );
      const token = opts.token ?? Deno.env.get("RATCHET_TOKEN");
      const address = listenAddress({
        hostname: opts.host,
        ...(token !== undefined ? { token } : {}),
        ...(opts.allowHost ? { allowHosts: opts.allowHost } : {}),
      });
      const project = await openProject(opts.root);
      const hosts: string[] = [];
      const sessions = new NotebookSessions(project.root);
      const app = createApp({ project, token: address.token, hosts, sessions });
      const ready = Promise.withResolvers<number>();
      let server: Deno.HttpServer<Deno.NetAddr>;
      try {
        server = Deno.serve({
          hostname: address.hostname,
          port,
          onListen: ({ port }) => ready.resolve(port),
        }, app.fetch);
      } catch (e) {
        if (e instanceof Deno.errors.AddrInUse) {
          throw invalid(
            `Port ${port} on ${address.hostname} is in use (another workbench?): start with --port N, or --port 0 for any free port`,
          );
        }
        throw e;
      }
      const actual = await ready.promise;
      hosts.push(...address.hostnames.map((h) => `${h}:${actual}`));
      // The URL to open: loopback, unless the workbench listens on one other address only.
      const h = address.hostname;
      const shown = isLoopback(h) || h === "0.0.0.0" || h === "::"
        ? "127.0.0.1"
        : h.includes(":")
        ? `[${h}]`
        : h;
      console.log(
        `ratchet workbench on ${project.root}\n  http://${shown}:${actual}/?token=${address.token}\nPress Ctrl-C to stop.`,
      );
      // Kernels first: that also ends the pages' event streams, which would keep the server open.
      const stop = () => sessions.close().finally(() => server.shutdown());
      Deno.addSignalListener("SIGINT", stop);
      if (Deno.build.os !== "windows") Deno.addSignalListener("SIGTERM", stop);
      await server.finished;
    }) as unknown as Command;
}
