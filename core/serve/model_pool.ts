/**
 * The models a service answers for: each one's champion (the version its
 * `champion` alias names, else the latest), its challenger when the service
 * runs one in shadow, and other versions compiled on first request.
 * `refresh()` re-reads the aliases and swaps in a new champion whole: a
 * request holds the model object it started with, so a swap never drops or
 * mixes one.
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";
import type { Project } from "../project/mod.ts";
import { type ServedModel, serveModel } from "./served_model.ts";

/** Options of {@linkcode ModelPool.open}. */
export interface ModelPoolOptions {
  /** Models to serve; default: every model of the project. */
  readonly models?: readonly string[] | undefined;
  /** Load each model's challenger too, to predict in shadow. */
  readonly shadow?: boolean | undefined;
}

/** A champion or challenger that `refresh()` replaced. */
export interface ModelChange {
  /** The model. */
  readonly name: string;
  /** Which alias moved. */
  readonly role: "champion" | "challenger";
  /** The version served before; null when there was none. */
  readonly from: number | null;
  /** The version served now; null when the alias was removed. */
  readonly to: number | null;
}

/** What one `refresh()` found. */
export interface RefreshResult {
  /** The swaps made. */
  readonly changes: ModelChange[];
  /** Models that could not be reloaded (they keep their old version), each reported once. */
  readonly errors: string[];
}

/** Versions other than the champion kept compiled, per model. */
const _CACHED_VERSIONS = 8;

/**
 * Loaded models, by name.
 *
 * @example
 * ```ts
 * import { ModelPool } from "./model_pool.ts";
 * import { openProject } from "../project/mod.ts";
 * import { validateArtifactBody } from "../artifact/mod.ts";
 * const root = Deno.makeTempDirSync();
 * const project = await openProject(root);
 * const body = (intercept: number) => validateArtifactBody({
 *   format: "ratchet.model/v1", plugin: { id: "linear", version: "^1.0.0" }, task: "regression",
 *   features: [{ name: "x", type: "number" }], target: { name: "y" },
 *   coefficients: { intercept, weights: [1] },
 *   provenance: { created: "2026-01-01T00:00:00Z", source: "hand-written" },
 * }, "example");
 * project.store.publish("m", body(0));
 * project.store.setAlias("m", "champion", 1);
 * const pool = ModelPool.open(project);
 * project.store.publish("m", body(1));
 * project.store.setAlias("m", "champion", 2);
 * const { changes } = pool.refresh();
 * if (changes[0]?.to !== 2 || pool.champion("m").version !== 2) throw new Error();
 * Deno.removeSync(root, { recursive: true });
 * ```
 */
export class ModelPool {
  /** The project the models come from. */
  readonly project: Project;
  /** Whether challengers are loaded to predict in shadow. */
  readonly shadow: boolean;
  #champions = new Map<string, ServedModel>();
  #challengers = new Map<string, ServedModel>();
  #versions = new Map<string, Map<number, ServedModel>>();
  #errors = new Map<string, string>();

  private constructor(project: Project, shadow: boolean) {
    this.project = project;
    this.shadow = shadow;
  }

  /**
   * Loads the champions (and challengers, with `shadow`) of `models`, or of
   * every model of the project. An unknown or broken model is an error: a
   * service must not start without a model it was asked to serve.
   */
  static open(project: Project, options: ModelPoolOptions = {}): ModelPool {
    const pool = new ModelPool(project, options.shadow ?? false);
    const names = options.models ?? project.store.names();
    if (names.length === 0) {
      throw new RatchetError(
        "not_found",
        `No models to serve in ${project.store.dir}: publish one with \`ratchet models add NAME FILE\``,
      );
    }
    for (const name of names) {
      pool.#champions.set(name, pool.#load(name, project.store.resolve(name, undefined)));
      pool.#versions.set(name, new Map());
      const challenger = pool.shadow ? project.store.aliases(name).challenger : undefined;
      if (challenger !== undefined) pool.#challengers.set(name, pool.#load(name, challenger));
    }
    return pool;
  }

  /** The models served, in the order given. */
  names(): string[] {
    return [...this.#champions.keys()];
  }

  /** The champion of `name`; a model not served is a 404 error listing those that are. */
  champion(name: string): ServedModel {
    const served = this.#champions.get(name);
    if (served === undefined) {
      throw new RatchetError(
        "not_found",
        `No model named ${JSON.stringify(name.slice(0, 100))} is served here; models: ${
          this.names().join(", ")
        }`,
      );
    }
    return served;
  }

  /** The challenger predicting in shadow, if the service runs one for `name`. */
  challenger(name: string): ServedModel | undefined {
    return this.#challengers.get(name);
  }

  /**
   * Version `version` of a served model (a number, as in a URL); unknown
   * versions are 404 errors listing the versions there are.
   */
  version(name: string, version: string | number): ServedModel {
    const champion = this.champion(name);
    const v = typeof version === "number" ? version : Number(version);
    if (!(Number.isSafeInteger(v) && v >= 1 && String(v) === String(version))) {
      throw new RatchetError(
        "not_found",
        `No version ${JSON.stringify(String(version).slice(0, 40))} of ${name}: versions are ` +
          `numbers (${this.project.store.versions(name).join(", ")})`,
      );
    }
    if (v === champion.version) return champion;
    const cache = this.#versions.get(name)!;
    let served = cache.get(v);
    if (served === undefined) {
      served = this.#load(name, this.project.store.resolve(name, v));
      if (cache.size >= _CACHED_VERSIONS) cache.delete(cache.keys().next().value!);
      cache.set(v, served);
    }
    return served;
  }

  /**
   * Re-reads every served model's aliases and swaps in the champion (and
   * challenger) they now name. A version that fails to load is reported and
   * the old one keeps serving.
   */
  refresh(): RefreshResult {
    const changes: ModelChange[] = [];
    const errors: string[] = [];
    for (const name of this.names()) {
      try {
        const current = this.#champions.get(name)!;
        const version = this.project.store.resolve(name, undefined);
        if (version !== current.version) {
          this.#champions.set(name, this.#load(name, version));
          changes.push({ name, role: "champion", from: current.version, to: version });
        }
        if (this.shadow) {
          const before = this.#challengers.get(name);
          const wanted = this.project.store.aliases(name).challenger;
          if (wanted !== before?.version) {
            if (wanted === undefined) this.#challengers.delete(name);
            else this.#challengers.set(name, this.#load(name, wanted));
            changes.push({
              name,
              role: "challenger",
              from: before?.version ?? null,
              to: wanted ?? null,
            });
          }
        }
        this.#errors.delete(name);
      } catch (e) {
        const message = `${name}: ${(e as Error).message}`;
        if (this.#errors.get(name) !== message) errors.push(message);
        this.#errors.set(name, message);
      }
    }
    return { changes, errors };
  }

  #load(name: string, version: number): ServedModel {
    return serveModel(this.project.model({ name, ref: version }));
  }
}
