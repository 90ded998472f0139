/**
 * Partition labels: `2001-01-31` (day), `2001-W05` (ISO 8601 week, in its
 * ISO week-year), `2001-01` (month), `2001-Q1` (quarter), `2001` (year).
 * Labels of one grain sort as text in time order, so ranges compare them
 * as strings. Dates are read in UTC.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import type { Grain } from "./dataset.ts";

const _DAY_MS = 86_400_000;

const _EXAMPLES: Record<Grain, string> = {
  day: "2001-01-31",
  week: "2001-W05",
  month: "2001-01",
  quarter: "2001-Q1",
  year: "2001",
};

const _PATTERNS: Record<Grain, RegExp> = {
  day: /^(\d{4})-(\d{2})-(\d{2})$/,
  week: /^(\d{4})-W(\d{2})$/,
  month: /^(\d{4})-(\d{2})$/,
  quarter: /^(\d{4})-Q(\d)$/,
  year: /^(\d{4})$/,
};

const _pad = (n: number, width: number) => String(n).padStart(width, "0");

/**
 * An example label of a grain, for messages.
 *
 * @example
 * ```ts
 * import { labelExample } from "./partition_label.ts";
 * if (labelExample("quarter") !== "2001-Q1") throw new Error();
 * ```
 */
export function labelExample(grain: Grain): string {
  return _EXAMPLES[grain];
}

/** The ISO 8601 week-year and week of a UTC day number (days since 1970-01-01). */
function _isoWeek(day: number): [year: number, week: number] {
  const weekday = (new Date(day * _DAY_MS).getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date((day - weekday + 3) * _DAY_MS); // a week belongs to its Thursday's year
  const year = thursday.getUTCFullYear();
  const dayOfYear = Math.round((thursday.getTime() - Date.UTC(year, 0, 1)) / _DAY_MS);
  return [year, Math.floor(dayOfYear / 7) + 1];
}

function _weeksIn(year: number): number {
  const day = Math.round(Date.UTC(year, 11, 28) / _DAY_MS); // 28 December is always in the last week
  return _isoWeek(day)[1];
}

/**
 * The label of the partition that holds `date` (read in UTC).
 *
 * @example
 * ```ts
 * import { partitionLabel } from "./partition_label.ts";
 * const d = new Date("2001-01-31T12:00:00Z");
 * const labels = ["day", "week", "month", "quarter", "year"].map((g) => partitionLabel(d, g as never));
 * if (labels.join() !== "2001-01-31,2001-W05,2001-01,2001-Q1,2001") throw new Error(labels.join());
 * // 1 January 2005 is a Saturday: it belongs to the last ISO week of 2004
 * if (partitionLabel(new Date("2005-01-01"), "week") !== "2004-W53") throw new Error();
 * ```
 */
export function partitionLabel(date: Date, grain: Grain): string {
  const time = date.getTime();
  const year = date.getUTCFullYear();
  if (!Number.isFinite(time) || year < 1 || year > 9999) {
    throw invalid(
      `Cannot label ${
        Number.isFinite(time) ? date.toISOString() : "an invalid date"
      }: partition labels cover the years 0001 to 9999`,
    );
  }
  const month = date.getUTCMonth() + 1;
  switch (grain) {
    case "day":
      return `${_pad(year, 4)}-${_pad(month, 2)}-${_pad(date.getUTCDate(), 2)}`;
    case "week": {
      const [y, w] = _isoWeek(Math.floor(time / _DAY_MS));
      return `${_pad(y, 4)}-W${_pad(w, 2)}`;
    }
    case "month":
      return `${_pad(year, 4)}-${_pad(month, 2)}`;
    case "quarter":
      return `${_pad(year, 4)}-Q${Math.ceil(month / 3)}`;
    case "year":
      return _pad(year, 4);
  }
}

/**
 * Checks that `text` is a valid label of `grain` (`2024-13` and the empty
 * string are not) and returns it. The error names the label and shows the
 * expected form.
 *
 * @example
 * ```ts
 * import { parsePartitionLabel } from "./partition_label.ts";
 * if (parsePartitionLabel("2004-W53", "week") !== "2004-W53") throw new Error();
 * let msg = "";
 * try { parsePartitionLabel("2024-13", "month"); } catch (e) { msg = String(e); }
 * if (!msg.includes('"2024-13"') || !msg.includes("2001-01")) throw new Error(msg);
 * ```
 */
export function parsePartitionLabel(text: string, grain: Grain): string {
  const fail = (why: string) =>
    invalid(
      `Invalid ${grain} label ${JSON.stringify(text)}: ${why}; expected a label like ${
        _EXAMPLES[grain]
      }`,
    );
  if (text === "") throw fail("it is empty");
  const m = _PATTERNS[grain].exec(text);
  if (!m) throw fail("it does not have the form of a " + grain);
  const year = Number(m[1]);
  const part = Number(m[2]);
  if (year < 1) throw fail("years start at 0001");
  if (grain === "month" && (part < 1 || part > 12)) throw fail(`month ${m[2]} is not 01 to 12`);
  if (grain === "quarter" && (part < 1 || part > 4)) throw fail(`quarter ${m[2]} is not 1 to 4`);
  if (grain === "week" && (part < 1 || part > _weeksIn(year))) {
    throw fail(`week ${m[2]} is not 01 to ${_weeksIn(year)} (ISO weeks of ${m[1]})`);
  }
  if (grain === "day") {
    const d = new Date(Date.UTC(year, part - 1, Number(m[3])));
    if (part < 1 || part > 12 || d.getUTCMonth() !== part - 1) throw fail("no such day");
  }
  return text;
}

/**
 * The SQL expression (DuckDB) that labels a DATE or TIMESTAMP expression
 * the way {@linkcode partitionLabel} does.
 *
 * @example
 * ```ts
 * import { partitionLabelSql } from "./partition_label.ts";
 * if (!partitionLabelSql('"date"', "week").includes("isoyear")) throw new Error();
 * ```
 */
export function partitionLabelSql(time: string, grain: Grain): string {
  const year = `lpad(CAST(year(${time}) AS VARCHAR), 4, '0')`;
  const two = (e: string) => `lpad(CAST(${e} AS VARCHAR), 2, '0')`;
  switch (grain) {
    case "day":
      return `${year} || '-' || ${two(`month(${time})`)} || '-' || ${two(`day(${time})`)}`;
    case "week":
      return `lpad(CAST(isoyear(${time}) AS VARCHAR), 4, '0') || '-W' || ${two(`week(${time})`)}`;
    case "month":
      return `${year} || '-' || ${two(`month(${time})`)}`;
    case "quarter":
      return `${year} || '-Q' || CAST(quarter(${time}) AS VARCHAR)`;
    case "year":
      return year;
  }
}
