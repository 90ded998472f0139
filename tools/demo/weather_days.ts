/**
 * The demo's real data: Seattle's daily weather 2012–2015 (NOAA, via the
 * `vega-datasets` npm package, BSD-3-Clause; the data is a U.S. Government
 * work), turned into one row per day with what is known that evening and
 * what happened the next day.
 *
 * @module
 */
import { invalid } from "../../core/errors/mod.ts";
import { readCsv } from "../../core/table/mod.ts";
import { csvField } from "../../core/predict/mod.ts";

/** One day, with yesterday's rain and tomorrow's outcome. */
export interface WeatherDay {
  /** The day, `2014-02-09`. */
  date: string;
  /** Its month, `2014-02`: the partition of back-tests and requirements. */
  month: string;
  /** winter (Dec–Feb), spring, summer, autumn. */
  season: "winter" | "spring" | "summer" | "autumn";
  /** Rain or snow today, mm. */
  precipitation: number;
  /** Rain or snow yesterday, mm. */
  precipitation_yesterday: number;
  /** Highest temperature today, °C. */
  temp_max: number;
  /** Lowest temperature today, °C. */
  temp_min: number;
  /** Mean wind speed today, m/s. */
  wind: number;
  /** Today's weather as recorded: drizzle, fog, rain, snow or sun. */
  weather: string;
  /** Did it rain or snow tomorrow? `yes` or `no`. */
  rain_tomorrow: "yes" | "no";
  /** Tomorrow's highest temperature, °C. */
  temp_max_tomorrow: number;
}

const _SEASONS = [
  "winter",
  "winter",
  "spring",
  "spring",
  "spring",
  "summer",
  "summer",
  "summer",
  "autumn",
  "autumn",
  "autumn",
  "winter",
] as const;

/**
 * Derives the days that have both a yesterday and a tomorrow in the file.
 *
 * @example
 * ```ts
 * import { weatherDays } from "./weather_days.ts";
 * const csv = "date,precipitation,temp_max,temp_min,wind,weather\n" +
 *   "2012-01-01,0.0,12.8,5.0,4.7,drizzle\n2012-01-02,10.9,10.6,2.8,4.5,rain\n2012-01-03,0.8,11.7,7.2,2.3,rain\n";
 * const [day] = weatherDays(csv);
 * if (day!.date !== "2012-01-02" || day!.precipitation_yesterday !== 0 || day!.rain_tomorrow !== "yes") throw new Error();
 * ```
 */
export function weatherDays(csv: string, source = "seattle-weather.csv"): WeatherDay[] {
  const t = readCsv(csv, source);
  const col = (name: string) => {
    const c = t.column(name);
    if (!c) throw invalid(`${source} has no column ${name}`);
    return c as readonly (string | null)[];
  };
  const date = col("date"), precipitation = col("precipitation"), tempMax = col("temp_max");
  const tempMin = col("temp_min"), wind = col("wind"), weather = col("weather");
  const num = (c: readonly (string | null)[], i: number) => {
    const v = Number(c[i]);
    if (c[i] === null || !Number.isFinite(v)) {
      throw invalid(`${t.rowLabel(i)}: not a number: ${c[i]}`);
    }
    return v;
  };
  const days: WeatherDay[] = [];
  for (let i = 1; i + 1 < t.n; i++) {
    const d = date[i]!;
    days.push({
      date: d,
      month: d.slice(0, 7),
      season: _SEASONS[Number(d.slice(5, 7)) - 1]!,
      precipitation: num(precipitation, i),
      precipitation_yesterday: num(precipitation, i - 1),
      temp_max: num(tempMax, i),
      temp_min: num(tempMin, i),
      wind: num(wind, i),
      weather: weather[i]!,
      rain_tomorrow: num(precipitation, i + 1) > 0 ? "yes" : "no",
      temp_max_tomorrow: num(tempMax, i + 1),
    });
  }
  return days;
}

/**
 * Days as CSV, optionally only some columns.
 *
 * @example
 * ```ts
 * import { daysCsv } from "./weather_days.ts";
 * const text = daysCsv([{ date: "2012-01-02", month: "2012-01", season: "winter", precipitation: 10.9,
 *   precipitation_yesterday: 0, temp_max: 10.6, temp_min: 2.8, wind: 4.5, weather: "rain",
 *   rain_tomorrow: "yes", temp_max_tomorrow: 11.7 }], ["date", "rain_tomorrow"]);
 * if (text !== "date,rain_tomorrow\n2012-01-02,yes\n") throw new Error(text);
 * ```
 */
export function daysCsv(
  days: readonly WeatherDay[],
  columns?: readonly (keyof WeatherDay)[],
): string {
  const cols = columns ?? (Object.keys(days[0]!) as (keyof WeatherDay)[]);
  return [cols.join(","), ...days.map((d) => cols.map((c) => csvField(d[c])).join(","))].join(
    "\n",
  ) + "\n";
}
