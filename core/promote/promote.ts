/**
 * Promotion: the champion alias moves to a version only on the evidence of
 * its latest challenge (verdict `promote`, against the current champion),
 * or when a person forces it or rolls back to a former champion and says
 * why. Every promotion is logged (`promotions.jsonl`) and written up
 * (`CHANGELOG.md`); `--ratchet` raises the requirements to the new
 * champion, never lowering one.
 *
 * @module
 */
import { relative } from "node:path";
import { latestChallenge, type RecordedChallenge } from "../challenge/mod.ts";
import { invalid, RatchetError } from "../errors/mod.ts";
import type { Project } from "../project/mod.ts";
import { formatValue, saveRequirements } from "../requirements/mod.ts";
import { validateModelName } from "../store/mod.ts";
import { appendChangelog, changelogEntry, changelogPath } from "./changelog.ts";
import type { Promotion, PromotionKind } from "./promotion.ts";
import { appendPromotion, promotionsPath, readPromotions } from "./promotion_log.ts";
import { withPromotionLock } from "./promotion_lock.ts";
import { ratchetPromotion } from "./ratchet_promotion.ts";

/** What to promote. */
export interface PromoteOptions {
  /** The model. */
  name: string;
  /** The version to make champion. */
  version: number;
  /** Raise the requirements to the new champion's baseline less `margin`. */
  ratchet?: boolean;
  /** The ratchet's margin, in metric units (default 0.01). */
  margin?: number;
  /** Why; required with `force` and for a rollback. */
  reason?: string;
  /** Promote without a `promote` verdict (needs `reason`; recorded as forced). */
  force?: boolean;
  /** When (default now). */
  now?: Date;
  /** Who, for the log and the changelog. */
  by?: string;
}

/** What {@linkcode promote} did. */
export interface PromoteResult {
  /** The promotion, as logged. */
  promotion: Promotion;
  /** The changelog, relative to the project folder. */
  changelog: string;
  /** Thresholds the new champion misses (requirements are never lowered for it). */
  warnings: string[];
}

/**
 * Makes `options.version` the champion of `options.name` when allowed:
 *
 * - its latest challenge said `promote` against the current champion;
 * - or it was champion before (a rollback), with a reason;
 * - or `force` with a reason (recorded as forced, naming the verdict it overrode).
 *
 * Everything happens under the model's promotion lock: of two promotions
 * at once, the second sees the first's champion, and evidence gathered
 * against the old champion no longer counts.
 *
 * @example
 * ```ts ignore
 * const { promotion } = await promote(project, { name: "rain-tomorrow", version: 2, ratchet: true });
 * console.log(`${promotion.from} → ${promotion.to}: ${promotion.summary}`);
 * ```
 */
export async function promote(project: Project, options: PromoteOptions): Promise<PromoteResult> {
  const { name, version } = options;
  validateModelName(name);
  const reason = options.reason?.trim();
  if (options.reason !== undefined && !reason) {
    throw invalid("--reason must say why, in words");
  }
  if (options.force && !reason) {
    throw invalid(
      `--force needs --reason: say why ${name}@${version} is promoted without a promote verdict`,
    );
  }
  const store = project.store;
  store.resolve(name, version); // an unknown model or version fails here, naming what exists
  return await withPromotionLock(store.modelDir(name), async () => {
    const from = store.aliases(name).champion ?? null;
    if (from === version) {
      throw new RatchetError(
        "conflict",
        `${name}@${version} is already the champion; nothing to do`,
      );
    }
    const evidence = latestChallenge(store, name, version);
    const logPath = promotionsPath(store, name);
    const former = readPromotions(logPath).some((p) => p.from === version || p.to === version);
    const kind = _kind(name, version, from, evidence, former, options.force === true, reason);
    const date = (options.now ?? new Date()).toISOString();
    const summary = _summary(kind, from, evidence);
    const plan = options.ratchet
      ? await ratchetPromotion(project, name, version, evidence?.result, {
        date,
        reason: `promotion of ${name}@${version}${from === null ? "" : ` (from v${from})`}` +
          (reason ? `: ${reason}` : ""),
        ...(options.margin === undefined ? {} : { margin: options.margin }),
        ...(options.by ? { by: options.by } : {}),
      })
      : undefined;
    const promotion: Promotion = {
      date,
      model: name,
      from,
      to: version,
      kind,
      summary,
      ...(reason ? { reason } : {}),
      ...(options.by ? { by: options.by } : {}),
      ...(evidence ? { evidence: evidence.path, verdict: evidence.result.verdict } : {}),
      ...(plan
        ? {
          ratchet: {
            margin: plan.margin,
            source: plan.source,
            changes: plan.result.entry?.changes ?? [],
          },
        }
        : {}),
    };
    // The decision first: should a later write fail, the champion has moved and says so.
    store.setAlias(name, "champion", version);
    if (plan?.result.entry) saveRequirements(plan.path, plan.result.requirements);
    appendPromotion(logPath, promotion);
    const changelog = changelogPath(store, name);
    appendChangelog(changelog, name, changelogEntry(promotion));
    return {
      promotion,
      changelog: relative(store.root, changelog),
      warnings: plan?.shortfalls ?? [],
    };
  });
}

function _kind(
  name: string,
  version: number,
  champion: number | null,
  evidence: RecordedChallenge | undefined,
  former: boolean,
  force: boolean,
  reason: string | undefined,
): PromotionKind {
  const ref = `${name}@${version}`;
  const verdict = evidence?.result.verdict;
  const current = evidence !== undefined && evidence.result.champion === champion;
  if (verdict === "promote" && current) return "challenge";
  if (former) {
    if (reason) return "rollback";
    throw invalid(
      `Rolling back to ${ref}, a former champion, needs --reason: say why, e.g. ` +
        `--reason "v${champion} mispredicts …"`,
    );
  }
  if (force) return "forced";
  const anyway = ` or promote it anyway with --force --reason "…" (recorded as forced)`;
  if (evidence === undefined) {
    throw new RatchetError(
      "conflict",
      `${ref} has no challenge: run \`ratchet challenge ${name} --candidate ${version}\` first,${anyway}`,
    );
  }
  if (verdict === "promote") {
    throw new RatchetError(
      "conflict",
      `The latest challenge of ${ref} (${evidence.path}) compared it with v${evidence.result.champion}, ` +
        `but the champion is now ${
          champion === null ? "none" : `v${champion}`
        }: challenge it again,${anyway}`,
    );
  }
  throw new RatchetError(
    "conflict",
    `The latest challenge of ${ref} (${evidence.path}) said reject: ${
      evidence.result.reasons.join("; ")
    }. Fix that and challenge again,${anyway}`,
  );
}

function _summary(
  kind: PromotionKind,
  from: number | null,
  evidence: RecordedChallenge | undefined,
): string {
  const r = evidence?.result;
  if (!r) return kind === "rollback" ? "back to a former champion" : "no challenge on record";
  const p = r.primary;
  const f = (x: number | null) => (x === null ? "—" : formatValue(x));
  const signed = (x: number) => (x > 0 ? "+" : "") + formatValue(x);
  const ci = p.ci
    ? `, ${Math.round(p.confidence * 100)}% interval [${signed(p.ci[0])}, ${signed(p.ci[1])}]`
    : "";
  const stale = r.champion !== from ? ` (challenged against v${r.champion})` : "";
  const said = kind === "challenge" ? "" : `latest challenge said ${r.verdict}${stale}: `;
  return `${said}${p.metric} ${f(p.champion)} → ${f(p.candidate)}` +
    `${p.diff === null ? "" : ` (${signed(p.diff)}${ci})`}; better in ${p.partitions_better} ` +
    `partitions, worse in ${p.partitions_worse}; ${r.rules.filter((x) => x.passed).length} of ` +
    `${r.rules.length} rules met`;
}
