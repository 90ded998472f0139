/**
 * Exporting a model version as a bundle: `ratchet export` and the
 * workbench's Export button.
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";
import { checkFixtures, fixturesPath, parseFixtures } from "../fixtures/mod.ts";
import { parseJson } from "../json/mod.ts";
import type { Project } from "../project/mod.ts";
import { requirementsPath } from "../requirements/mod.ts";
import type { ModelRef } from "../store/mod.ts";
import { renderBundle } from "./render_bundle.ts";
import type { SqlDialect } from "./score_sql.ts";
import { writeBundle, type WrittenBundle } from "./write_bundle.ts";

/** Options of {@linkcode exportBundle}. */
export interface ExportOptions {
  /** The folder to write the bundle and its archive into (created if needed). */
  readonly out: string;
  /** Also write score.sql, a scoring query in this dialect. */
  readonly sql?: SqlDialect | undefined;
  /** The source commit to record; default: the project's `git rev-parse HEAD`, null outside git. */
  readonly commit?: string | null | undefined;
  /** The date to record (default: now). */
  readonly now?: Date | undefined;
}

/**
 * Exports a model version as `<out>/<name>-<version>/` and
 * `<out>/<name>-<version>.tar.gz`: model.json, a self-contained
 * predictor.js and its predictor.d.ts, requirements.json, fixtures.jsonl
 * and selftest.js, README.md, score.sql with `sql`, and manifest.json.
 * Only a version that meets its fixtures is exported. Exporting the same
 * bundle again changes nothing; a different bundle already in its place is
 * refused. Prints nothing.
 *
 * @example
 * ```ts ignore
 * const project = await openProject(".");
 * const { dir, tarball, manifest } = await exportBundle(project, parseModelRef("rain-tomorrow"), { out: "dist" });
 * ```
 */
export async function exportBundle(
  project: Project,
  ref: ModelRef,
  options: ExportOptions,
): Promise<WrittenBundle> {
  const model = project.model(ref);
  const { name, version, sha256 } = model.artifact as Required<typeof model.artifact>;
  const artifact = Deno.readFileSync(project.store.versionPath(name, version));
  const stored = parseJson(new TextDecoder().decode(artifact)) as { sha256?: unknown };
  if (stored.sha256 !== sha256) {
    throw new RatchetError(
      "conflict",
      `${model.label} changed on disk while it was being exported; export it again`,
    );
  }
  const fixturesFile = fixturesPath(project.store, name);
  const fixtures = _readOptional(fixturesFile);
  const text = fixtures && new TextDecoder().decode(fixtures);
  const failed = text
    ? checkFixtures(model, parseFixtures(text, fixturesFile)).filter((r) => r.status === "failed")
    : [];
  if (failed.length > 0) {
    throw new RatchetError(
      "invalid",
      `Cannot export ${model.label}: ${failed.length} of its fixtures fail (${
        failed.slice(0, 5).map((r) => r.id).join(", ")
      }${failed.length > 5 ? ", …" : ""}); a bundle holds a version that passed its tests. ` +
        `See \`ratchet fixtures check ${model.label}\``,
    );
  }
  const commit = options.commit !== undefined ? options.commit : await sourceCommit(project.root);
  const bundle = renderBundle(
    model,
    {
      artifact,
      requirements: _readOptional(requirementsPath(project.store, name)),
      fixtures: text,
    },
    { sql: options.sql, commit, created: (options.now ?? new Date()).toISOString() },
  );
  return await writeBundle(options.out, bundle);
}

/**
 * The git commit a folder is checked out at (`git rev-parse HEAD`), or
 * null when it is not in a git repository or git is not installed.
 *
 * @example
 * ```ts
 * import { sourceCommit } from "./export_bundle.ts";
 * const empty = Deno.makeTempDirSync();
 * if (await sourceCommit(empty) !== null) throw new Error();
 * Deno.removeSync(empty);
 * ```
 */
export async function sourceCommit(dir: string): Promise<string | null> {
  try {
    const { success, stdout } = await new Deno.Command("git", {
      args: ["rev-parse", "HEAD"],
      cwd: dir,
      stdout: "piped",
      stderr: "null",
    }).output();
    const commit = new TextDecoder().decode(stdout).trim();
    return success && /^[0-9a-f]{40,64}$/.test(commit) ? commit : null;
  } catch {
    return null; // git is not installed
  }
}

function _readOptional(path: string): Uint8Array | undefined {
  try {
    return Deno.readFileSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
}
