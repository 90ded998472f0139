/**
 * Reading the prediction log for a trial: the rows that carry both a
 * shadow prediction and an outcome, grouped by the champion and challenger
 * versions that were actually logged, read with DuckDB from exactly the
 * files the descriptor lists.
 *
 * @module
 */
import { resolve } from "node:path";
import {
  type DatasetDescriptor,
  datasetDir,
  duckdb,
  type Grain,
  partitionLabelSql,
  quoteIdentifier,
  quoteString,
  selectPartitions,
} from "../data/mod.ts";
import { invalid, RatchetError } from "../errors/mod.ts";

/** The columns a log needs for a trial, beside the target and the outputs. */
export const LIVE_COLUMNS = [
  "request_id",
  "request_time",
  "model_version",
  "shadow_version",
  "prediction",
  "shadow_prediction",
] as const;

/** How many rows the chosen partitions hold, and how many a trial can use. */
export interface LiveCounts {
  /** Rows logged. */
  logged: number;
  /** Rows with an outcome. */
  with_outcome: number;
  /** Rows with a shadow prediction. */
  with_shadow: number;
  /** Rows with both. */
  compared: number;
}

/** A champion/challenger pair as logged. */
export interface LivePair {
  /** `model_version`. */
  champion: number;
  /** `shadow_version`. */
  challenger: number;
  /** Rows with both a shadow prediction and an outcome. */
  rows: number;
  /** First request time (ISO 8601). */
  first: string;
  /** Last request time (ISO 8601). */
  last: string;
}

/** One pair's rows, in request order. */
export interface LivePairRows {
  /** Each row's partition label at the trial's grain. */
  partition: string[];
  /** Each row's outcome as logged. */
  target: unknown[];
  /** The champion's output columns (the prediction, or one column per class). */
  champion: Float64Array[];
  /** The challenger's output columns, the same way. */
  challenger: Float64Array[];
}

/** The log opened for a trial. */
export interface LiveLog {
  /** Row counts. */
  counts: LiveCounts;
  /** Every pair with rows, oldest last request first. */
  pairs: LivePair[];
  /** Reads a pair's rows; `outputs` names the champion's output columns (`prediction`, or `p_<label>`…). */
  rows(pair: LivePair, outputs: readonly string[]): Promise<LivePairRows>;
}

/** Options of {@linkcode openLiveLog}. */
export interface LiveLogOptions {
  /** The outcome column. */
  target: string;
  /** How rows are grouped into partitions. */
  grain: Grain;
  /** First dataset partition, inclusive. */
  from?: string | undefined;
  /** Last dataset partition, inclusive. */
  to?: string | undefined;
}

/**
 * Opens the prediction log `dataset` under `root` for a trial. A dataset
 * without the log's shadow columns, or without the target, is an error
 * saying how to get one.
 *
 * @example
 * ```ts ignore
 * const log = await openLiveLog(root, loadDataset(root, "live-churn"), { target: "churned", grain: "week" });
 * console.log(log.counts, log.pairs);
 * const rows = await log.rows(log.pairs.at(-1)!, ["p_no", "p_yes"]);
 * ```
 */
export async function openLiveLog(
  root: string,
  dataset: DatasetDescriptor,
  options: LiveLogOptions,
): Promise<LiveLog> {
  _checkColumns(dataset, options.target);
  const chosen = selectPartitions(dataset, options);
  const files = chosen.flatMap((p) =>
    p.files.map((f) => resolve(datasetDir(root, dataset.name), f))
  );
  if (files.length === 0) {
    throw new RatchetError(
      "not_found",
      `${dataset.name} has no partition` +
        (options.from || options.to
          ? ` from ${options.from ?? "the first"} to ${options.to ?? "the last"}`
          : "") +
        `; its partitions: ${_range(dataset)}`,
    );
  }
  const src = `read_parquet([${files.map(quoteString).join(", ")}], hive_partitioning = false)`;
  const q = quoteIdentifier;
  const target = q(options.target);
  const both = `${q("shadow_version")} IS NOT NULL AND ${target} IS NOT NULL`;
  const time = (e: string) => `strftime(${e}, '%Y-%m-%dT%H:%M:%S.%gZ')`;
  const db = await duckdb();
  const read = async (sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJS();
  const [c] = await read(
    `SELECT count(*) AS logged, count(${target}) AS with_outcome, ` +
      `count(${q("shadow_version")}) AS with_shadow, count(*) FILTER (WHERE ${both}) AS compared ` +
      `FROM ${src}`,
  );
  const counts: LiveCounts = {
    logged: Number(c!.logged),
    with_outcome: Number(c!.with_outcome),
    with_shadow: Number(c!.with_shadow),
    compared: Number(c!.compared),
  };
  const pairs = (await read(
    `SELECT CAST(model_version AS BIGINT) AS champion, CAST(shadow_version AS BIGINT) AS challenger, ` +
      `count(*) AS n, ${time("min(request_time)")} AS first, ${
        time("max(request_time)")
      } AS last ` +
      `FROM ${src} WHERE ${both} GROUP BY 1, 2 ORDER BY max(request_time), 1, 2`,
  )).map((r): LivePair => ({
    champion: Number(r.champion),
    challenger: Number(r.challenger),
    rows: Number(r.n),
    first: String(r.first),
    last: String(r.last),
  }));
  const label = partitionLabelSql(q("request_time"), options.grain);
  return {
    counts,
    pairs,
    async rows(pair, outputs) {
      const missing = outputs.filter((o) => !dataset.columns.some((col) => col.name === o));
      if (missing.length) {
        throw invalid(
          `${dataset.name} lacks the output column(s) ${missing.join(", ")} of ${pair.champion}: ` +
            "was it written by the prediction service for this model?",
        );
      }
      const columns = await db.runAndReadAll(
        `SELECT ${label} AS partition, ${target} AS target, ` +
          [...outputs.map(q), ...outputs.map((o) => q(`shadow_${o}`))].join(", ") +
          ` FROM ${src} WHERE ${both} AND model_version = ${pair.champion} ` +
          `AND shadow_version = ${pair.challenger} ORDER BY request_time, request_id`,
      );
      const all = columns.getColumnsJS();
      const numbers = (k: number, who: string) =>
        Float64Array.from(all[k]!, (v, i) => {
          if (typeof v !== "number") {
            throw invalid(
              `${dataset.name}: row ${
                i + 1
              } of ${pair.champion}/${pair.challenger} has no ${who} ` +
                `output (${
                  JSON.stringify(v)
                }): the log is damaged; leave those days out with --from/--to`,
            );
          }
          return v;
        });
      return {
        partition: all[0]!.map(String),
        target: all[1]!,
        champion: outputs.map((o, k) => numbers(2 + k, o)),
        challenger: outputs.map((o, k) => numbers(2 + outputs.length + k, `shadow_${o}`)),
      };
    },
  };
}

function _checkColumns(d: DatasetDescriptor, target: string): void {
  const have = new Set(d.columns.map((c) => c.name));
  const missing = [...LIVE_COLUMNS, target].filter((c) => !have.has(c));
  if (missing.length === 0) return;
  throw invalid(
    `Dataset ${d.name} lacks the prediction log column(s) ${missing.join(", ")}: a trial reads ` +
      "the log the prediction service writes. Run `ratchet serve --shadow` with a challenger " +
      "alias set, post outcomes to /v1/models/NAME/outcomes, then report on live-NAME",
  );
}

function _range(d: DatasetDescriptor): string {
  const first = d.partitions[0]?.label, last = d.partitions.at(-1)?.label;
  return first === undefined ? "none" : first === last ? first : `${first} to ${last}`;
}
