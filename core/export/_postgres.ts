/**
 * Test support: a throwaway PostgreSQL server (initdb + pg_ctl on a Unix
 * socket in a temp folder), to run score.sql in the real engine. Tests
 * using it are skipped where PostgreSQL is not installed, unless
 * RATCHET_REQUIRE_POSTGRES=1.
 *
 * @module
 */

/** Runs SQL and returns what psql prints (unaligned, tuples only). */
export type Psql = (sql: string) => Promise<string>;

const _BIN_DIRS = [
  "/usr/lib/postgresql/17/bin",
  "/usr/lib/postgresql/16/bin",
  "/usr/lib/postgresql/15/bin",
];

function _find(name: string): string | undefined {
  for (const dir of _BIN_DIRS) {
    try {
      Deno.statSync(`${dir}/${name}`);
      return `${dir}/${name}`;
    } catch { /* next */ }
  }
  return undefined;
}

async function _output(cmd: string, args: string[], stdin?: string) {
  const child = new Deno.Command(cmd, {
    args,
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(stdin));
    await w.close();
  }
  const out = await child.output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

/** Whether a server can be started here: the binaries exist, and a non-root user to run them. */
function _available(): { initdb: string; pgCtl: string; psql: string; user?: number } | undefined {
  const initdb = _find("initdb"), pgCtl = _find("pg_ctl"), psql = _find("psql");
  if (!initdb || !pgCtl || !psql) return undefined;
  if (Deno.uid() !== 0) return { initdb, pgCtl, psql };
  // PostgreSQL refuses to run as root: run it as the postgres user, when there is one.
  try {
    const passwd = Deno.readTextFileSync("/etc/passwd").split("\n").find((l) =>
      l.startsWith("postgres:")
    );
    const uid = Number(passwd?.split(":")[2]);
    return Number.isInteger(uid) ? { initdb, pgCtl, psql, user: uid } : undefined;
  } catch {
    return undefined;
  }
}

/** `Deno.test` options that skip where no server can be started (unless RATCHET_REQUIRE_POSTGRES=1). */
export function postgresTest(): { ignore: boolean } {
  return { ignore: !_available() && Deno.env.get("RATCHET_REQUIRE_POSTGRES") !== "1" };
}

/** Starts a server for the duration of `fn`. */
export async function withPostgres(fn: (psql: Psql) => Promise<void>): Promise<void> {
  const bins = _available();
  if (!bins) throw new Error("PostgreSQL is not installed (initdb, pg_ctl, psql)");
  const dir = Deno.makeTempDirSync({ prefix: "ratchet-pg-" });
  const as = (cmd: string, args: string[]) =>
    bins.user === undefined
      ? _output(cmd, args)
      : _output("runuser", ["-u", "postgres", "--", cmd, ...args]);
  try {
    if (bins.user !== undefined) Deno.chownSync(dir, bins.user, null);
    const init = await as(bins.initdb, ["-D", `${dir}/data`, "-A", "trust", "-U", "postgres"]);
    if (init.code !== 0) throw new Error(`initdb failed: ${init.stderr}`);
    const start = await as(bins.pgCtl, [
      "-D",
      `${dir}/data`,
      "-w",
      "-l",
      `${dir}/log`,
      "-o",
      `-k ${dir} -c listen_addresses='' -c fsync=off`,
      "start",
    ]);
    if (start.code !== 0) throw new Error(`pg_ctl start failed: ${start.stderr}`);
    try {
      await fn(async (sql) => {
        const r = await _output(bins.psql, [
          "-h",
          dir,
          "-U",
          "postgres",
          "-X",
          "-q",
          "-A",
          "-t",
          "-v",
          "ON_ERROR_STOP=1",
        ], sql);
        if (r.code !== 0) throw new Error(r.stderr.trim());
        return r.stdout;
      });
    } finally {
      await as(bins.pgCtl, ["-D", `${dir}/data`, "-m", "immediate", "stop"]);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}
