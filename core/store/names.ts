/**
 * Model names, versions and references (`churn`, `churn@3`, `churn@champion`).
 * Names become folder names under `models/`, so anything that could step
 * outside it is refused before a path is ever built.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";

/** The aliases a model can have. */
export const ALIASES = ["champion", "challenger"] as const;
/** An alias of a model version. */
export type Alias = typeof ALIASES[number];

/** What a reference points at: a version number, an alias, or the default. */
export type VersionRef = number | Alias | "latest" | undefined;

/** A parsed `NAME[@VERSION|@alias]`. */
export interface ModelRef {
  /** The model name, already validated. */
  readonly name: string;
  /** The part after `@`: a version, an alias, `latest`, or `undefined` when absent. */
  readonly ref: VersionRef;
}

const _NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Checks a model name: letters, digits, `.`, `_`, `-`, starting with a letter
 * or digit, no `..`, at most 255 bytes. Returns it unchanged.
 *
 * @example
 * ```ts
 * import { validateModelName } from "./names.ts";
 * validateModelName("churn-v2");
 * let refused = false;
 * try { validateModelName("../etc"); } catch { refused = true; }
 * if (!refused) throw new Error();
 * ```
 */
export function validateModelName(name: string): string {
  const bytes = new TextEncoder().encode(name).length;
  if (name.length === 0 || bytes > 255 || !_NAME.test(name) || name.includes("..")) {
    const shown = JSON.stringify(name.length > 60 ? name.slice(0, 60) + "…" : name);
    const why = name.length === 0
      ? "it is empty"
      : bytes > 255
      ? `it is ${bytes} bytes long`
      : name.includes("\0")
      ? "it contains a NUL byte"
      : name.includes("..")
      ? "it contains '..'"
      : /[/\\]/.test(name)
      ? "it contains a path separator"
      : "it contains characters other than letters, digits, '.', '_' and '-' (or starts with one of '.', '_', '-')";
    throw invalid(
      `Invalid model name ${shown}: ${why}. Use letters, digits, '.', '_' and '-', starting with a letter or digit, at most 255 bytes`,
    );
  }
  return name;
}

/**
 * Parses a version: a positive decimal integer without leading zeros.
 *
 * @example
 * ```ts
 * import { parseVersion } from "./names.ts";
 * if (parseVersion("12") !== 12) throw new Error();
 * ```
 */
export function parseVersion(text: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(text)) {
    const shown = JSON.stringify(text.length > 40 ? text.slice(0, 40) + "…" : text);
    throw invalid(
      `Invalid model version ${shown}: versions are whole numbers from 1, e.g. churn@3`,
    );
  }
  return Number(text);
}

/**
 * Parses `NAME`, `NAME@VERSION`, `NAME@champion`, `NAME@challenger` or `NAME@latest`.
 *
 * @example
 * ```ts
 * import { parseModelRef } from "./names.ts";
 * const r = parseModelRef("churn@champion");
 * if (r.name !== "churn" || r.ref !== "champion") throw new Error();
 * if (parseModelRef("churn@3").ref !== 3) throw new Error();
 * ```
 */
export function parseModelRef(text: string): ModelRef {
  const at = text.lastIndexOf("@");
  if (at === -1) return { name: validateModelName(text), ref: undefined };
  const name = validateModelName(text.slice(0, at));
  const ref = text.slice(at + 1);
  if ((ALIASES as readonly string[]).includes(ref) || ref === "latest") {
    return { name, ref: ref as Alias | "latest" };
  }
  if (/^[0-9]+$/.test(ref)) return { name, ref: parseVersion(ref) };
  throw invalid(
    `Invalid model reference ${
      JSON.stringify(text)
    }: after '@' give a version number, champion, challenger or latest`,
  );
}

/**
 * Checks an alias name.
 *
 * @example
 * ```ts
 * import { parseAlias } from "./names.ts";
 * if (parseAlias("champion") !== "champion") throw new Error();
 * ```
 */
export function parseAlias(text: string): Alias {
  if (!(ALIASES as readonly string[]).includes(text)) {
    throw invalid(`Invalid alias ${JSON.stringify(text)}: use ${ALIASES.join(" or ")}`);
  }
  return text as Alias;
}
