/**
 * What the kernel's worker may do. Deno grants a worker its own permissions
 * only when worker options are enabled (`--unstable-worker-options`, or
 * `"unstable": ["worker-options"]` in deno.json); without them, asking for
 * them ends the whole process. So the sandbox is used only when it is
 * known to be enabled.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath as fromFileUrl } from "node:url";

/** The worker's permissions: the host's, the sandbox, or explicit ones. */
export type KernelPermissions = "inherit" | "sandbox" | Deno.PermissionOptionsObject;

/**
 * The sandbox: read the project folder, nothing else (SQL, back-tests and
 * writing fixtures go through the host).
 *
 * @example
 * ```ts
 * import { sandboxPermissions } from "./worker_permissions.ts";
 * const p = sandboxPermissions("/srv/project");
 * if (p.write !== false || JSON.stringify(p.read) !== '["/srv/project"]') throw new Error();
 * ```
 */
export function sandboxPermissions(root: string): Deno.PermissionOptionsObject {
  return {
    read: [root],
    write: false,
    net: false,
    env: false,
    run: false,
    ffi: false,
    sys: false,
    import: false,
  };
}

/**
 * Whether this process can give a worker its own permissions: the flag is
 * on the command line, or the deno.json Deno reads enables it. Deno finds
 * that file from the main module (`deno run`) or the current folder
 * (`deno test`), so both must lead to a deno.json that enables it; when in
 * doubt the answer is no (the worker then has the host's permissions).
 *
 * @example
 * ```ts
 * import { workerPermissionsEnabled } from "./worker_permissions.ts";
 * if (typeof workerPermissionsEnabled() !== "boolean") throw new Error();
 * ```
 */
export function workerPermissionsEnabled(): boolean {
  let args: string[];
  try {
    args = Deno.readTextFileSync("/proc/self/cmdline").split("\0");
  } catch {
    return false; // not Linux, or not allowed to look: stay with the host's permissions
  }
  if (args.some((a) => a === "--unstable-worker-options" || a === "--unstable")) return true;
  if (args.some((a) => a === "--no-config" || a === "-c" || a.startsWith("--config"))) return false;
  const main = Deno.mainModule.startsWith("file:")
    ? dirname(fromFileUrl(Deno.mainModule))
    : undefined;
  return main !== undefined && _enables(main) && _enables(Deno.cwd());
}

/** Whether the nearest deno.json(c) from `start` upwards lists worker-options as unstable. */
function _enables(start: string): boolean {
  for (let dir = start;; dir = dirname(dir)) {
    for (const name of ["deno.json", "deno.jsonc"]) {
      let text: string;
      try {
        text = Deno.readTextFileSync(join(dir, name));
      } catch {
        continue;
      }
      try {
        const unstable = (JSON.parse(text) as { unstable?: unknown }).unstable;
        return Array.isArray(unstable) && unstable.includes("worker-options");
      } catch {
        return false; // JSONC with comments: do not guess
      }
    }
    if (dirname(dir) === dir) return false;
  }
}
