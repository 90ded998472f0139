/**
 * `models/<name>/CHANGELOG.md`: every change of champion in words, oldest
 * first — date, from → to, the verdict, the evidence file, the reason —
 * for the people who maintain the model and those who audit it.
 *
 * @module
 */
import { join } from "node:path";
import { describeChange } from "../requirements/mod.ts";
import { type ModelStore, writeFileAtomic } from "../store/mod.ts";
import type { Promotion } from "./promotion.ts";

/**
 * The changelog of a model.
 *
 * @example
 * ```ts
 * import { changelogPath } from "./changelog.ts";
 * import { ModelStore } from "../store/mod.ts";
 * if (!changelogPath(new ModelStore("/p"), "churn").endsWith("models/churn/CHANGELOG.md")) throw new Error();
 * ```
 */
export function changelogPath(store: ModelStore, name: string): string {
  return join(store.modelDir(name), "CHANGELOG.md");
}

const _HOW = {
  challenge: "Promoted on the verdict of its challenge",
  forced: "Forced, without a promote verdict",
  rollback: "Rolled back to a former champion",
} as const;

/**
 * A promotion as a changelog section.
 *
 * @example
 * ```ts
 * import { changelogEntry } from "./changelog.ts";
 * const text = changelogEntry({
 *   date: "2026-11-27T10:00:00.000Z", model: "churn", from: 3, to: 4, kind: "challenge",
 *   summary: "roc_auc 0.71 → 0.74", evidence: "models/churn/challenges/x-v4.json", verdict: "promote",
 * });
 * if (!text.startsWith("## 2026-11-27T10:00:00.000Z — v3 → v4") || !text.includes("`models/churn/challenges/x-v4.json`")) {
 *   throw new Error(text);
 * }
 * ```
 */
export function changelogEntry(p: Promotion): string {
  const lines = [
    `## ${p.date} — ${p.from === null ? "no champion" : `v${p.from}`} → v${p.to}`,
    "",
    `- ${_HOW[p.kind]}: ${p.summary}`,
    `- Evidence: ${
      p.evidence ? `\`${p.evidence}\` (verdict ${p.verdict})` : "no challenge recorded"
    }`,
  ];
  if (p.reason) lines.push(`- Reason: ${p.reason.replace(/\s*\n\s*/g, " ")}`);
  if (p.by) lines.push(`- By: ${p.by}`);
  if (p.ratchet) {
    const r = p.ratchet;
    lines.push(
      r.changes.length
        ? `- Requirements ratcheted to v${p.to} measured on ${r.source}, margin ${r.margin}: ${
          r.changes.map(describeChange).join("; ")
        }`
        : `- Requirements: already at least as strict as v${p.to} on ${r.source} less ${r.margin}; unchanged`,
    );
  }
  return lines.join("\n") + "\n";
}

/**
 * Appends a section to the changelog (creating it with a title), replacing
 * the file atomically. Call it under the promotion lock.
 *
 * @example
 * ```ts
 * import { appendChangelog } from "./changelog.ts";
 * const path = `${Deno.makeTempDirSync()}/CHANGELOG.md`;
 * appendChangelog(path, "churn", "## a\n");
 * appendChangelog(path, "churn", "## b\n");
 * const text = Deno.readTextFileSync(path);
 * if (!text.startsWith("# Changelog of churn") || !text.endsWith("## a\n\n## b\n")) throw new Error(text);
 * ```
 */
export function appendChangelog(path: string, name: string, entry: string): void {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
    text =
      `# Changelog of ${name}\n\nEvery change of champion, oldest first, as \`ratchet promote\` ` +
      "recorded it. Each evidence file holds the whole challenge.\n";
  }
  writeFileAtomic(path, `${text.trimEnd()}\n\n${entry}`);
}
