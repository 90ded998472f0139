/**
 * Reading artifact documents: strict JSON, the zod schema, and the hash.
 *
 * @module
 */
import type { z } from "zod";
import { invalid, RatchetError } from "../errors/mod.ts";
import { canonicalJson, formatPath, parseJson, sha256Hex } from "../json/mod.ts";
import type { Artifact, ArtifactBody } from "./artifact.ts";
import { ArtifactBodySchema, ArtifactSchema } from "./schema.ts";

/**
 * Formats the first zod issue as `$.features[2].type: …`, the way every
 * ratchet error names a place in a document.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { describeZodError } from "./validate_artifact.ts";
 * const result = z.object({ rows: z.number() }).safeParse({ rows: "ten" });
 * if (result.success) throw new Error();
 * const msg = describeZodError(result.error, "churn.json");
 * if (!msg.startsWith("Invalid model artifact churn.json: $.rows: ")) throw new Error(msg);
 * ```
 */
export function describeZodError(error: z.ZodError, source: string): string {
  const lines = error.issues.slice(0, 5).map((issue) => {
    const path = formatPath(issue.path as (string | number)[]);
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : "";
  return `Invalid model artifact ${source}: ${lines.join("; ")}${more}`;
}

/**
 * Checks an unpublished artifact (as the scikit-learn exporter or `train`
 * writes it). Name, version and sha256, if present, are ignored: publishing
 * assigns them.
 *
 * @example
 * ```ts
 * import { validateArtifactBody } from "./validate_artifact.ts";
 * let msg = "";
 * try { validateArtifactBody({ format: "ratchet.model/v1" }, "x.json"); } catch (e) { msg = String(e); }
 * if (!msg.includes("$.plugin")) throw new Error(msg);
 * ```
 */
export function validateArtifactBody(value: unknown, source: string): ArtifactBody {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const { name: _n, version: _v, sha256: _s, ...rest } = value as Record<string, unknown>;
    value = rest;
  }
  const result = ArtifactBodySchema.safeParse(value);
  if (!result.success) throw invalid(describeZodError(result.error, source));
  return result.data;
}

/**
 * SHA-256 of an artifact's canonical JSON without its `sha256` key.
 *
 * @example
 * ```ts
 * import { artifactHash } from "./validate_artifact.ts";
 * if (artifactHash({ b: 1, a: 2, sha256: "x" }) !== artifactHash({ a: 2, b: 1 })) throw new Error();
 * ```
 */
export function artifactHash(artifact: Readonly<Record<string, unknown>>): string {
  const { sha256: _ignored, ...rest } = artifact;
  return sha256Hex(canonicalJson(rest));
}

/**
 * Gives an artifact body its identity: name, version and hash.
 *
 * @example
 * ```ts
 * import { artifactHash, sealArtifact, validateArtifactBody } from "./validate_artifact.ts";
 * const body = validateArtifactBody({
 *   format: "ratchet.model/v1",
 *   plugin: { id: "linear", version: "^1.0.0" },
 *   task: "regression",
 *   features: [{ name: "x", type: "number" }],
 *   target: { name: "y" },
 *   coefficients: { intercept: 1, weights: [2] },
 *   provenance: { created: "2026-01-01T00:00:00Z", source: "hand-written" },
 * }, "example");
 * const artifact = sealArtifact(body, "churn", 3);
 * if (artifact.version !== 3 || artifact.sha256 !== artifactHash(artifact)) throw new Error();
 * ```
 */
export function sealArtifact(body: ArtifactBody, name: string, version: number): Artifact {
  const unsealed = { ...body, name, version };
  return { ...unsealed, sha256: artifactHash(unsealed) };
}

/**
 * Parses a published artifact file and verifies its hash: a file edited on
 * disk is refused, naming both hashes.
 *
 * @example
 * ```ts
 * import { parsePublishedArtifact, sealArtifact, validateArtifactBody } from "./validate_artifact.ts";
 * const body = validateArtifactBody({
 *   format: "ratchet.model/v1",
 *   plugin: { id: "linear", version: "^1.0.0" },
 *   task: "regression",
 *   features: [{ name: "x", type: "number" }],
 *   target: { name: "y" },
 *   coefficients: { intercept: 1, weights: [2] },
 *   provenance: { created: "2026-01-01T00:00:00Z", source: "hand-written" },
 * }, "example");
 * const text = JSON.stringify(sealArtifact(body, "churn", 1));
 * if (parsePublishedArtifact(text, "churn/1.json").name !== "churn") throw new Error();
 * let msg = "";
 * try { parsePublishedArtifact(text.replace('"weights":[2]', '"weights":[3]'), "churn/1.json"); } catch (e) { msg = String(e); }
 * if (!msg.includes("was changed after publication")) throw new Error(msg);
 * ```
 */
export function parsePublishedArtifact(text: string, source: string): Artifact {
  const json = parseJson(text, { source });
  const result = ArtifactSchema.safeParse(json);
  if (!result.success) throw invalid(describeZodError(result.error, source));
  const artifact = result.data;
  const actual = artifactHash(json as Record<string, unknown>);
  if (actual !== artifact.sha256) {
    throw new RatchetError(
      "conflict",
      `Model artifact ${source} was changed after publication: its content hashes to sha256 ${
        actual.slice(0, 12)
      }… ` +
        `but it records ${
          artifact.sha256.slice(0, 12)
        }…. Published versions are immutable: restore the file ` +
        `(e.g. git checkout -- ${source}) and publish changes as a new version with \`ratchet models add\``,
    );
  }
  return artifact;
}
