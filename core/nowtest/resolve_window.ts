/**
 * From a `--window` to the partitions to read and, for time windows, the
 * time range their rows must fall in. Time windows are half-open,
 * `[now − N units, now)`, in UTC; a date counts as its midnight, so
 * `--window 7d --now 2016-01-01` covers 2015-12-25 to 2015-12-31.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import { type DatasetDescriptor, type DatasetPartition, partitionLabel } from "../data/mod.ts";
import type { WindowSpec } from "./window_spec.ts";

/** The rows a now-test judges. */
export interface ResolvedWindow {
  /** `latest`, `partitions`, `days`, `weeks` or `months`. */
  kind: WindowSpec["kind"];
  /** The `--window` text, e.g. `7d`. */
  text: string;
  /** First partition label (partition windows) or start time, inclusive, ISO 8601 (time windows); null when the dataset has no partitions. */
  from: string | null;
  /** Last partition label (partition windows) or end time, exclusive, ISO 8601 (time windows). */
  to: string | null;
  /** The partitions that hold (or may hold) its rows, in label order. */
  partitions: DatasetPartition[];
  /** Time windows only: rows count when `start ≤ time < end` (ISO 8601, UTC). */
  range?: { start: string; end: string };
}

/**
 * Parses `--now`: an ISO 8601 date or date-time. Without a zone it is read
 * in UTC, like the dataset's times.
 *
 * @example
 * ```ts
 * import { parseNow } from "./resolve_window.ts";
 * if (parseNow("2016-01-01T06:00").toISOString() !== "2016-01-01T06:00:00.000Z") throw new Error();
 * let msg = "";
 * try { parseNow("yesterday"); } catch (e) { msg = String(e); }
 * if (!msg.includes("--now")) throw new Error(msg);
 * ```
 */
export function parseNow(text: string): Date {
  const m = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/
    .exec(text);
  const date = m ? new Date(m[1] || !text.includes("T") ? text : `${text}Z`) : undefined;
  if (!date || !Number.isFinite(date.getTime())) {
    throw invalid(
      `Invalid --now ${JSON.stringify(text)}: give an ISO 8601 date or time, e.g. 2016-01-01 ` +
        `or 2016-01-01T06:00:00Z (UTC unless a zone is given)`,
    );
  }
  return date;
}

/**
 * Resolves a window on a dataset. Partition windows take the newest
 * partitions (fewer when the dataset has fewer); time windows take every
 * partition whose period overlaps `[now − N, now)`.
 *
 * @example
 * ```ts
 * import { resolveWindow } from "./resolve_window.ts";
 * import type { DatasetDescriptor } from "../data/mod.ts";
 * const p = (label: string) => ({ label, rows: 30, files: [], imported: "2026-01-01T00:00:00Z" });
 * const d: DatasetDescriptor = {
 *   format: "ratchet.dataset/v1", name: "s", time: "date", grain: "month", key: "month",
 *   columns: [], partitions: [p("2015-10"), p("2015-11"), p("2015-12")], history: [],
 * };
 * const now = new Date("2016-01-01T00:00:00Z");
 * const week = resolveWindow(d, { kind: "days", count: 7, text: "7d" }, now);
 * if (week.partitions.map((x) => x.label).join() !== "2015-12") throw new Error();
 * if (week.range?.start !== "2015-12-25T00:00:00.000Z") throw new Error(week.range?.start);
 * const two = resolveWindow(d, { kind: "partitions", count: 2, text: "2p" }, now);
 * if (two.from !== "2015-11" || two.to !== "2015-12") throw new Error();
 * ```
 */
export function resolveWindow(d: DatasetDescriptor, spec: WindowSpec, now: Date): ResolvedWindow {
  if (spec.kind === "latest" || spec.kind === "partitions") {
    const partitions = d.partitions.slice(-(spec.kind === "latest" ? 1 : spec.count));
    return {
      kind: spec.kind,
      text: spec.text,
      from: partitions[0]?.label ?? null,
      to: partitions.at(-1)?.label ?? null,
      partitions,
    };
  }
  const start = spec.kind === "months"
    ? _monthsBefore(now, spec.count)
    : new Date(now.getTime() - spec.count * (spec.kind === "weeks" ? 7 : 1) * 86_400_000);
  const first = partitionLabel(start, d.grain);
  const last = partitionLabel(new Date(now.getTime() - 1), d.grain);
  const range = { start: start.toISOString(), end: now.toISOString() };
  return {
    kind: spec.kind,
    text: spec.text,
    from: range.start,
    to: range.end,
    partitions: d.partitions.filter((p) => p.label >= first && p.label <= last),
    range,
  };
}

// Calendar months, the day clamped to the month's length: 31 March − 1 month = 28/29 February.
function _monthsBefore(now: Date, months: number): Date {
  const out = new Date(now.getTime());
  const month = now.getUTCMonth() - months;
  const probe = new Date(0);
  probe.setUTCFullYear(now.getUTCFullYear(), month + 1, 0);
  out.setUTCFullYear(now.getUTCFullYear(), month, Math.min(now.getUTCDate(), probe.getUTCDate()));
  return out;
}
