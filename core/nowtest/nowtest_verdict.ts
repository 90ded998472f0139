/**
 * The now-test's decision and its one-line summary, the line an alarm
 * shows on stderr, in the email subject's context and in the webhook body.
 *
 * @module
 */
import { formatValue } from "../requirements/mod.ts";
import type {
  NowtestReason,
  NowtestResult,
  NowtestVerdict,
  NowtestWindow,
} from "./nowtest_result.ts";

/**
 * A window in words: `2015-12`, `2015-10..2015-12`, or `7d before 2016-01-01`.
 *
 * @example
 * ```ts
 * import { windowLabel } from "./nowtest_verdict.ts";
 * const w = { kind: "days" as const, text: "7d", from: "2015-12-25T00:00:00.000Z", to: "2016-01-01T00:00:00.000Z" };
 * if (windowLabel(w) !== "7d before 2016-01-01") throw new Error(windowLabel(w));
 * if (windowLabel({ kind: "latest", text: "latest", from: "2015-12", to: "2015-12" }) !== "2015-12") throw new Error();
 * ```
 */
export function windowLabel(w: Pick<NowtestWindow, "kind" | "text" | "from" | "to">): string {
  if (w.kind === "latest" || w.kind === "partitions") {
    if (w.from === null) return `${w.text} (no partitions)`;
    return w.from === w.to ? w.from : `${w.from}..${w.to}`;
  }
  return `${w.text} before ${w.to!.replace(/T00:00:00\.000Z$/, "")}`;
}

/**
 * Decides: no rows is `no data`; no labelled row is `no labels` when labels
 * are required; a failed requirement is `requirements`; a PSI above the
 * threshold is `drift`. The summary names the window and what failed.
 *
 * @example
 * ```ts
 * import { nowtestVerdict } from "./nowtest_verdict.ts";
 * const v = nowtestVerdict({
 *   window: { kind: "latest", text: "latest", from: "2015-12", to: "2015-12", partitions: ["2015-12"], rows: 0, labelled: 0 },
 *   requirements: { passed: null, checks: [] },
 *   drift: null,
 * }, { requireLabels: false });
 * if (v.reason !== "no data" || v.summary !== "2015-12: no data (the window has no rows)") throw new Error(v.summary);
 * ```
 */
export function nowtestVerdict(
  result: Pick<NowtestResult, "window" | "requirements" | "drift">,
  options: { requireLabels: boolean },
): NowtestVerdict {
  const { window: w, requirements, drift } = result;
  const reasons: NowtestReason[] = [];
  const parts: string[] = [];
  if (w.rows === 0) {
    reasons.push("no data");
    parts.push("no data (the window has no rows)");
  } else if (w.labelled === 0 && options.requireLabels) {
    reasons.push("no labels");
    parts.push("no labels (none of its rows has a label yet)");
  }
  const failed = requirements.checks.filter((c) => !c.passed);
  if (requirements.passed === false) {
    reasons.push("requirements");
    parts.push(`requirements: ${failed.map((c) => c.message).join("; ")}`);
  }
  const psi = (name: string) => drift!.predictions[name]?.psi ?? drift!.features[name]?.psi ?? null;
  if (drift && drift.exceeded.length > 0) {
    reasons.push("drift");
    const worst = drift.exceeded.slice(0, 3).map((n) => `${n} ${formatValue(psi(n)!)}`);
    const more = drift.exceeded.length > 3 ? ` and ${drift.exceeded.length - 3} more` : "";
    parts.push(`drift: PSI above ${drift.max_psi} on ${worst.join(", ")}${more}`);
  }
  const head = w.rows === 0 ? windowLabel(w) : `${windowLabel(w)} (${w.rows} rows)`;
  if (reasons.length > 0) {
    return { failing: true, reason: reasons[0]!, reasons, summary: `${head}: ${parts.join("; ")}` };
  }
  const met = requirements.passed === null
    ? (requirements.note ?? "requirements not checked")
    : requirements.checks.length === 0
    ? "no requirements"
    : "requirements met";
  return { failing: false, reason: null, reasons, summary: `${head}: ${met}${_largest(result)}` };
}

function _largest(result: Pick<NowtestResult, "drift">): string {
  const entries = [
    ...Object.entries(result.drift?.predictions ?? {}),
    ...Object.entries(result.drift?.features ?? {}),
  ].filter(([, d]) => d.psi !== null);
  if (entries.length === 0) return "";
  const [name, d] = entries.reduce((a, b) => (b[1].psi! > a[1].psi! ? b : a));
  return `; largest PSI ${formatValue(d.psi!)} on ${name} (${d.band})`;
}
