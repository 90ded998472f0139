/**
 * The prediction log: every predicted row and every posted outcome is held
 * in memory, then written every `flushRows` rows, every `flushSeconds`
 * seconds and on close into the dataset `live-<model>` (one Parquet file
 * per flush in a day partition), by a worker so that requests never wait
 * on it. An outcome fills the target column of its row, in memory when the
 * row is still buffered, else in the written partition, so that
 * `ratchet nowtest <model> --dataset live-<model>` scores live traffic once
 * outcomes are known.
 *
 * @module
 */
import type { Label } from "../artifact/mod.ts";
import { datasetDir, readDataset } from "../data/mod.ts";
import { RatchetError } from "../errors/mod.ts";
import { LogColumns } from "./log_columns.ts";
import { type LogBatch, writeRows } from "./log_rows.ts";
import { type LogSchema, logSchema } from "./log_schema.ts";
import { type LogWriter, startLogWriter } from "./log_writer.ts";
import type { ServedModel } from "./served_model.ts";
import type { ServiceMetrics } from "./service_metrics.ts";

/** Options of a {@linkcode PredictionLog}. */
export interface PredictionLogOptions {
  /** The project folder whose `data/` receives the `live-<model>` datasets. */
  readonly root: string;
  /** Rows (or outcomes) buffered before a flush starts; default 50,000. */
  readonly flushRows?: number;
  /** Seconds between timed flushes once `start()`ed; default 60. */
  readonly flushSeconds?: number;
  /** Counts rows written, flushes and outcomes. */
  readonly metrics?: ServiceMetrics;
  /** The clock (tests set it). */
  readonly now?: () => Date;
  /** Where failed flushes and unmatched outcomes are reported; default stderr. */
  readonly warn?: (message: string) => void;
  /** What writes the datasets; default a worker of its own. */
  readonly writer?: LogWriter;
}

/** What a flush wrote. */
export interface FlushResult {
  /** Prediction rows written. */
  rows: number;
  /** Outcomes written into logged rows. */
  matched: number;
  /** Outcomes whose id no logged row has (dropped, and reported). */
  unmatched: number;
  /** Datasets written to. */
  datasets: string[];
}

/** Rows of one model version's columns waiting for a flush, each line open before its target. */
interface _Group {
  readonly model: string;
  readonly version: number;
  readonly schema: LogSchema;
  readonly lines: LogColumns;
}

/** Rows a log holds at most, in multiples of `flushRows`, while flushes fail. */
const _BACKLOG = 10;

/**
 * Buffers predictions and outcomes, and writes them to datasets.
 *
 * @example
 * ```ts ignore
 * const log = new PredictionLog({ root: ".", flushRows: 1000 });
 * log.start();
 * log.record({ model: served, ids: ["r1"], rows: [{ x: 1 }], outputs, time: new Date() });
 * log.recordOutcomes("churn", [["r1", "yes"]]);
 * await log.close(); // data/live-churn now holds the row, with churned = "yes"
 * ```
 */
export class PredictionLog {
  /** The project folder the datasets are written under. */
  readonly root: string;
  /** Rows (or outcomes) buffered before a flush starts. */
  readonly flushRows: number;
  /** Seconds between timed flushes. */
  readonly flushSeconds: number;
  #metrics: ServiceMetrics | undefined;
  #now: () => Date;
  #warn: (message: string) => void;
  #writer: LogWriter;
  #groups = new Map<string, _Group>();
  #rows = 0;
  #outcomes = new Map<string, Map<string, Label>>();
  #outcomeCount = 0;
  #queue: Promise<unknown> = Promise.resolve();
  #queued = false;
  /** After a failed flush only the timer starts the next one: no retry storm. */
  #holdUntil = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #schemas = new WeakMap<ServedModel, { schema: LogSchema; group: string }>();
  #datasets = new Map<string, string>();
  #buffered: { value: number } | undefined;
  /** By group key, the buffer of a written flush, emptied, for the group's next rows. */
  #spare = new Map<string, LogColumns>();

  /** A log writing under `options.root`; nothing is written until a flush. */
  constructor(options: PredictionLogOptions) {
    this.root = options.root;
    this.flushRows = options.flushRows ?? 50_000;
    this.flushSeconds = options.flushSeconds ?? 60;
    this.#metrics = options.metrics;
    this.#now = options.now ?? (() => new Date());
    this.#warn = options.warn ?? ((m) => console.error(`warning: ${m}`));
    this.#writer = options.writer ?? startLogWriter(this.root);
    this.#buffered = this.#metrics?.bufferedRows.series([]);
  }

  /** The dataset a model's log goes to (while its columns stay those of its first version). */
  static datasetName(model: string): string {
    return `live-${model}`;
  }

  /** The log schema of a served model; throws when the model cannot be logged. */
  schema(served: ServedModel): LogSchema {
    return this.#schemaOf(served).schema;
  }

  /** The schema, and the key of the group its rows join (one string, hashed once). */
  #schemaOf(served: ServedModel): { schema: LogSchema; group: string } {
    let found = this.#schemas.get(served);
    if (found === undefined) {
      const schema = logSchema(served);
      found = { schema, group: _groupKey(served.name, schema) };
      this.#schemas.set(served, found);
    }
    return found;
  }

  /** Rows and outcomes waiting for the next flush. */
  get pending(): number {
    return this.#rows + this.#outcomeCount;
  }

  /** Buffers the rows of one request; starts a flush when `flushRows` are buffered. */
  record(batch: LogBatch): void {
    if (this.#rows >= this.flushRows * _BACKLOG) {
      this.#metrics?.droppedRows.inc([batch.model.name], batch.ids.length);
      return;
    }
    const { schema, group: key } = this.#schemaOf(batch.model);
    let group = this.#groups.get(key);
    if (group === undefined) {
      const { name, version } = batch.model;
      group = {
        model: name,
        version,
        schema,
        lines: this.#spare.get(key) ??
          new LogColumns(schema.columns, Math.min(this.flushRows + 1, 1 << 16), true),
      };
      this.#groups.set(key, group);
      this.#spare.delete(key);
    }
    writeRows(schema, batch, group.lines);
    this.#rows += batch.ids.length;
    this.#changed();
  }

  /** Buffers outcomes of a model's rows, `[id, outcome]` (already checked against its labels). */
  recordOutcomes(model: string, outcomes: readonly (readonly [string, Label])[]): void {
    let map = this.#outcomes.get(model);
    if (map === undefined) this.#outcomes.set(model, map = new Map());
    for (const [id, outcome] of outcomes) {
      if (!map.has(id)) this.#outcomeCount++;
      map.set(id, outcome);
    }
    this.#changed();
  }

  /** Writes everything buffered now; flushes run one at a time, in order. */
  flush(): Promise<FlushResult> {
    const result = this.#queue.then(() => {
      this.#queued = false;
      return this.#flush();
    });
    this.#queue = result.catch(() => {});
    return result;
  }

  /** Flushes every `flushSeconds` seconds until `close()`. */
  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => {
      if (this.pending > 0 && !this.#queued) this.#background();
    }, this.flushSeconds * 1000);
    Deno.unrefTimer(this.#timer);
  }

  /** Stops timed flushes, writes what is buffered, and stops the writer. */
  async close(): Promise<FlushResult> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    try {
      return await this.flush();
    } finally {
      await this.#writer.close();
    }
  }

  #changed(): void {
    if (this.#buffered) this.#buffered.value = this.pending;
    if (this.pending >= this.flushRows && !this.#queued && Date.now() >= this.#holdUntil) {
      this.#background();
    }
  }

  #background(): void {
    this.#queued = true;
    this.flush().catch(() => {}); // #flush reported it
  }

  async #flush(): Promise<FlushResult> {
    const groups = [...this.#groups.values()], outcomes = this.#outcomes;
    this.#groups = new Map();
    this.#outcomes = new Map();
    this.#rows = this.#outcomeCount = 0;
    const now = this.#now();
    const result: FlushResult = { rows: 0, matched: 0, unmatched: 0, datasets: [] };
    const failures: string[] = [];
    const names = new Set([...groups.map((g) => g.model), ...outcomes.keys()]);
    for (const name of names) {
      const pending = outcomes.get(name) ?? new Map<string, Label>();
      const unwritten = groups.filter((g) => g.model === name);
      try {
        await this.#write(name, unwritten, pending, now, result);
      } catch (e) {
        failures.push(`${name}: ${(e as Error).message}`);
        for (const g of unwritten) this.#putBack(g);
        if (pending.size > 0) this.recordOutcomes(name, [...pending]);
      }
    }
    this.#holdUntil = failures.length ? Date.now() + this.flushSeconds * 1000 : 0;
    if (this.#buffered) this.#buffered.value = this.pending;
    this.#metrics?.flushes.inc([failures.length ? "error" : "ok"]);
    if (failures.length > 0) {
      const message = `the prediction log could not be written (kept in memory, retried at the ` +
        `next flush): ${failures.join("; ")}`;
      this.#warn(message);
      throw new RatchetError("internal", message);
    }
    return result;
  }

  /** Writes one model's groups (removing each from `unwritten` once written), then its outcomes. */
  async #write(
    name: string,
    unwritten: _Group[],
    outcomes: Map<string, Label>,
    now: Date,
    result: FlushResult,
  ): Promise<void> {
    let found = 0;
    for (const group of [...unwritten]) {
      const chunk = group.lines.share(
        outcomes.size === 0 ? undefined : (id) => {
          const outcome = outcomes.get(id);
          if (outcome === undefined) return undefined;
          found++;
          return group.schema.label(outcome);
        },
      );
      const dataset = this.#datasetFor(group);
      const rows = await this.#writer.append(dataset, chunk, now);
      unwritten.splice(unwritten.indexOf(group), 1);
      if (outcomes.size > 0) { for (const id of group.lines.ids()) outcomes.delete(id); }
      group.lines.clear();
      this.#spare.set(_groupKey(group.model, group.schema), group.lines);
      result.rows += rows;
      if (!result.datasets.includes(dataset)) result.datasets.push(dataset);
      this.#metrics?.loggedRows.inc([name], rows);
    }
    if (outcomes.size > 0) {
      for (const id of await this.#writer.outcomes(name, outcomes, now)) {
        outcomes.delete(id);
        found++;
      }
    }
    result.matched += found;
    result.unmatched += outcomes.size;
    this.#metrics?.outcomes.inc([name, "matched"], found);
    if (outcomes.size > 0) {
      this.#metrics?.outcomes.inc([name, "unmatched"], outcomes.size);
      const ids = [...outcomes.keys()].slice(0, 3).map((id) => JSON.stringify(id)).join(", ");
      this.#warn(
        `${outcomes.size} outcome(s) of ${name} name no logged row (e.g. ${ids}); dropped`,
      );
      outcomes.clear();
    }
  }

  /** Returns a group that could not be written to the buffer, ahead of what came since. */
  #putBack(group: _Group): void {
    const key = _groupKey(group.model, group.schema);
    this.#rows += group.lines.count;
    const later = this.#groups.get(key);
    if (later) group.lines.append(later.lines);
    this.#groups.set(key, group);
  }

  /** `live-<name>`, unless it was written with other columns: then `live-<name>-v<version>`. */
  #datasetFor(group: _Group): string {
    const key = _groupKey(group.model, group.schema);
    let dataset = this.#datasets.get(key);
    if (dataset === undefined) {
      dataset = PredictionLog.datasetName(group.model);
      const existing = readDataset(datasetDir(this.root, dataset));
      const same = existing === undefined ||
        JSON.stringify(existing.columns.map((c) => [c.name, c.type])) === group.schema.key;
      if (!same) {
        dataset = `${dataset}-v${group.version}`;
        this.#warn(
          `${group.model}@${group.version} has other features or labels than the log ` +
            `${PredictionLog.datasetName(group.model)} holds: logging it to ${dataset}`,
        );
      }
      this.#datasets.set(key, dataset);
    }
    return dataset;
  }
}

/** Rows of versions of a model with the same log columns share a group (and a dataset). */
function _groupKey(model: string, schema: LogSchema): string {
  return `${model}\u0000${schema.key}`;
}
