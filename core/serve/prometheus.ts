/**
 * Counters, gauges and histograms in the Prometheus text exposition format
 * (version 0.0.4), the few parts of a client library a service needs.
 * Series are keyed by their label values, given in the order the metric
 * declared its label names.
 *
 * @module
 */

/** One metric family: a name, help text, a type and its series. */
export interface MetricFamily {
  /** Renders the family: `# HELP`, `# TYPE`, then one line per sample. */
  render(): string;
}

/** A counter or gauge: one number per combination of label values. */
export class Counter implements MetricFamily {
  /** The metric name, e.g. `ratchet_requests_total`. */
  readonly name: string;
  #help: string;
  #type: "counter" | "gauge";
  #labels: readonly string[];
  #values = new Map<string, { labels: readonly string[]; value: number }>();

  /** A counter (or, with `type: "gauge"`, a gauge) with these label names. */
  constructor(
    name: string,
    help: string,
    labels: readonly string[],
    type: "counter" | "gauge" = "counter",
  ) {
    this.name = name;
    this.#help = help;
    this.#labels = labels;
    this.#type = type;
  }

  /** The series of these label values, to add to directly where every call counts. */
  series(values: readonly string[]): { value: number } {
    const key = values.join("\u0000");
    let entry = this.#values.get(key);
    if (entry === undefined) this.#values.set(key, entry = { labels: values, value: 0 });
    return entry;
  }

  /** Adds `by` (default 1) to the series of these label values. */
  inc(values: readonly string[], by = 1): void {
    this.series(values).value += by;
  }

  /** Sets the series of these label values (gauges). */
  set(values: readonly string[], value: number): void {
    this.#values.set(values.join("\u0000"), { labels: values, value });
  }

  /** The value of a series; 0 when it was never touched. */
  get(values: readonly string[]): number {
    return this.#values.get(values.join("\u0000"))?.value ?? 0;
  }

  /** Forgets every series (gauges recomputed before each scrape). */
  clear(): void {
    this.#values.clear();
  }

  /**
   * Renders the family.
   *
   * @example
   * ```ts
   * import { Counter } from "./prometheus.ts";
   * const c = new Counter("x_total", "Things.", ["kind"]);
   * c.inc(['a "b"']);
   * if (!c.render().includes('x_total{kind="a \\"b\\""} 1')) throw new Error(c.render());
   * ```
   */
  render(): string {
    let out = `# HELP ${this.name} ${this.#help}\n# TYPE ${this.name} ${this.#type}\n`;
    for (const { labels, value } of this.#values.values()) {
      out += `${this.name}${_labels(this.#labels, labels)} ${_number(value)}\n`;
    }
    return out;
  }
}

/** One series of a histogram: its bucket counts (not cumulative), sum and count. */
export class HistogramSeries {
  /** Its label values. */
  readonly labels: readonly string[];
  /** Observations per bucket, the last bucket being everything above the last bound. */
  readonly counts: Float64Array;
  /** The sum of the observations. */
  sum = 0;
  /** The number of observations. */
  count = 0;
  #bounds: Float64Array;

  /** An empty series over the histogram's bucket bounds. */
  constructor(labels: readonly string[], bounds: Float64Array) {
    this.labels = labels;
    this.#bounds = bounds;
    this.counts = new Float64Array(bounds.length + 1);
  }

  /** Records one observation. */
  observe(x: number): void {
    const bounds = this.#bounds;
    let k = 0;
    while (k < bounds.length && x > bounds[k]!) k++;
    this.counts[k]!++;
    this.sum += x;
    this.count++;
  }
}

/** A histogram: per series, cumulative bucket counts, a sum and a count. */
export class Histogram implements MetricFamily {
  /** The metric name, e.g. `ratchet_request_duration_seconds`. */
  readonly name: string;
  #help: string;
  #labels: readonly string[];
  #bounds: Float64Array;
  #series = new Map<string, HistogramSeries>();

  /** A histogram with these label names and bucket upper bounds (ascending; +Inf is added). */
  constructor(name: string, help: string, labels: readonly string[], bounds: readonly number[]) {
    this.name = name;
    this.#help = help;
    this.#labels = labels;
    this.#bounds = Float64Array.from(bounds);
  }

  /** The series of these label values, to observe into directly where every call counts. */
  series(values: readonly string[]): HistogramSeries {
    const key = values.join("\u0000");
    let s = this.#series.get(key);
    if (s === undefined) this.#series.set(key, s = new HistogramSeries(values, this.#bounds));
    return s;
  }

  /** Records one observation in the series of these label values. */
  observe(values: readonly string[], x: number): void {
    this.series(values).observe(x);
  }

  /** Observations of a series so far. */
  count(values: readonly string[]): number {
    return this.#series.get(values.join("\u0000"))?.count ?? 0;
  }

  /**
   * Renders the family, buckets cumulative as Prometheus expects.
   *
   * @example
   * ```ts
   * import { Histogram } from "./prometheus.ts";
   * const h = new Histogram("t_seconds", "Time.", ["route"], [0.1, 1]);
   * h.observe(["/a"], 0.05);
   * h.observe(["/a"], 5);
   * const text = h.render();
   * if (!text.includes('t_seconds_bucket{route="/a",le="1"} 1') || !text.includes('t_seconds_count{route="/a"} 2')) {
   *   throw new Error(text);
   * }
   * ```
   */
  render(): string {
    let out = `# HELP ${this.name} ${this.#help}\n# TYPE ${this.name} histogram\n`;
    for (const s of this.#series.values()) {
      let cumulative = 0;
      for (let k = 0; k < this.#bounds.length; k++) {
        cumulative += s.counts[k]!;
        out += `${this.name}_bucket${
          _labels([...this.#labels, "le"], [...s.labels, _number(this.#bounds[k]!)])
        } ${cumulative}\n`;
      }
      out += `${this.name}_bucket${
        _labels([...this.#labels, "le"], [...s.labels, "+Inf"])
      } ${s.count}\n`;
      out += `${this.name}_sum${_labels(this.#labels, s.labels)} ${_number(s.sum)}\n`;
      out += `${this.name}_count${_labels(this.#labels, s.labels)} ${s.count}\n`;
    }
    return out;
  }
}

function _labels(names: readonly string[], values: readonly string[]): string {
  if (names.length === 0) return "";
  return `{${names.map((n, k) => `${n}="${_escape(values[k] ?? "")}"`).join(",")}}`;
}

function _escape(v: string): string {
  return v.replace(/[\\"\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`));
}

function _number(x: number): string {
  if (x === Infinity) return "+Inf";
  if (x === -Infinity) return "-Inf";
  return Number.isNaN(x) ? "NaN" : String(x);
}
