/**
 * What the kernel's worker asks the host to do: SQL over the project's
 * datasets (DuckDB lives in the host, so the worker needs no native code),
 * back-tests, and reading and adding fixtures with the code the CLI uses.
 *
 * @module
 */
import { RatchetError } from "../errors/mod.ts";
import type { DuckDBConnection } from "@duckdb/node-api";
import { connectDuckdb, listDatasets, quoteIdentifier, quoteString } from "../data/mod.ts";
import { openProject, type Project } from "../project/mod.ts";
import { parseModelRef } from "../store/mod.ts";
import { backtestWithEngine } from "../backtest/mod.ts";
import {
  appendFixture,
  type Fixture,
  type FixtureKind,
  fixturesPath,
  readFixtures,
  recordFixture,
} from "../fixtures/mod.ts";
import type { Label } from "../artifact/mod.ts";
import { join, resolve } from "node:path";
import type { CellValue, TableColumn } from "./cell_output.ts";

/** Rows a `sql` query may return to a notebook. */
export const SQL_MAX_ROWS = 200_000;

/** Options of `fixtures.add` in a notebook. */
export interface AddFixtureOptions {
  /** Why the case is here. */
  note?: string;
  /** Where it came from (default `outlier`, a case curated from data). */
  kind?: FixtureKind;
  /** A contract: the label or value the model must predict. */
  expect?: Label;
  /** Absolute tolerance. */
  tolerance?: number;
  /** Who adds it (default `$USER via notebook`). */
  by?: string;
  /** The model version to record with (default: the champion). */
  version?: number | string;
  /** The dataset the row came from. */
  dataset?: string;
  /** Its partition. */
  partition?: string;
  /** Its key. */
  row_key?: string;
}

/**
 * The host side of a kernel's calls. Close it to release its DuckDB
 * connection.
 *
 * @example
 * ```ts ignore
 * const services = new KernelServices(root);
 * const { rows } = await services.call("sql", ["select 42 as answer", []]);
 * services.close();
 * ```
 */
export class KernelServices {
  readonly #root: string;
  #project: Promise<Project> | undefined;
  #db: Promise<DuckDBConnection> | undefined;
  readonly #views = new Map<string, string>();

  /** Services over the project at `root`. */
  constructor(root: string) {
    this.#root = resolve(root);
  }

  /** Runs `method` with `args`; errors are the services' own (RatchetError mostly). */
  async call(method: string, args: unknown[]): Promise<unknown> {
    switch (method) {
      case "sql":
        return await this.sql(String(args[0]), (args[1] ?? []) as CellValue[]);
      case "backtest": {
        const project = await this.#openProject();
        const [ref, dataset, options] = args as [string, string, Record<string, unknown>];
        return await backtestWithEngine(project, parseModelRef(ref), dataset, options ?? {});
      }
      case "fixtures.list": {
        const project = await this.#openProject();
        const name = parseModelRef(String(args[0])).name;
        project.store.resolve(name, undefined);
        return readFixtures(fixturesPath(project.store, name));
      }
      case "fixtures.add":
        return await this.addFixture(
          String(args[0]),
          (args[1] ?? {}) as Record<string, unknown>,
          (args[2] ?? {}) as AddFixtureOptions,
        );
      default:
        throw new RatchetError("not_found", `The kernel has no service ${method}`);
    }
  }

  /**
   * Runs a query with parameters `$1`, `$2`… bound to `params`. Each
   * dataset of the project is a view named after it.
   */
  async sql(
    query: string,
    params: readonly CellValue[],
  ): Promise<{ columns: TableColumn[]; rows: CellValue[][] }> {
    const db = await (this.#db ??= connectDuckdb());
    await this.#refreshViews(db);
    let reader;
    try {
      reader = await db.runAndReadUntil(query, SQL_MAX_ROWS + 1, params as never);
    } catch (e) {
      throw new RatchetError("invalid", `SQL: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (reader.currentRowCount > SQL_MAX_ROWS) {
      throw new RatchetError(
        "too_large",
        `SQL: the query returns more than ${SQL_MAX_ROWS} rows: aggregate in SQL, or add a LIMIT`,
      );
    }
    const types = reader.columnTypes().map((t) => String(t));
    const columns = reader.columnNames().map((name, j) => ({ name, type: _columnType(types[j]!) }));
    const numeric = types.map((t) => /^(BIGINT|HUGEINT|UBIGINT|UHUGEINT|DECIMAL)/.test(t));
    const rows = (reader.getRowsJson() as unknown[][]).map((r) =>
      r.map((v, j) => (numeric[j] && typeof v === "string" ? Number(v) : v) as CellValue)
    );
    return { columns, rows };
  }

  /** Adds a row as a fixture of `model`, as `ratchet fixtures add` does. */
  async addFixture(
    model: string,
    row: Record<string, unknown>,
    options: AddFixtureOptions,
  ): Promise<Fixture> {
    const project = await this.#openProject();
    const ref = parseModelRef(
      options.version === undefined ? model : `${model}@${options.version}`,
    );
    const compiled = project.model(ref);
    const user = Deno.env.get("USER") ?? Deno.env.get("USERNAME") ?? "someone";
    const { fixture } = recordFixture(compiled, row, {
      kind: options.kind ?? "outlier",
      ...(options.expect !== undefined ? { expect: options.expect } : {}),
      ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
      provenance: {
        by: options.by ?? `${user} via notebook`,
        ...(options.note !== undefined ? { note: options.note } : {}),
        ...(options.dataset !== undefined ? { dataset: options.dataset } : {}),
        ...(options.partition !== undefined ? { partition: options.partition } : {}),
        ...(options.row_key !== undefined ? { row_key: options.row_key } : {}),
      },
    });
    appendFixture(fixturesPath(project.store, ref.name), fixture);
    return fixture;
  }

  /** Releases the DuckDB connection. */
  close(): void {
    const db = this.#db;
    this.#db = undefined;
    db?.then((c) => c.disconnectSync()).catch(() => {});
  }

  #openProject(): Promise<Project> {
    return this.#project ??= openProject(this.#root);
  }

  async #refreshViews(db: DuckDBConnection): Promise<void> {
    for (const d of listDatasets(this.#root)) {
      const files = d.partitions.flatMap((p) =>
        p.files.map((f) => join(this.#root, "data", d.name, f))
      );
      const sql = files.length === 0
        ? undefined
        : `CREATE OR REPLACE TEMP VIEW ${quoteIdentifier(d.name)} AS SELECT * FROM read_parquet([${
          files.map(quoteString).join(", ")
        }], hive_partitioning = false)`;
      if (sql === undefined || this.#views.get(d.name) === sql) continue;
      await db.run(sql);
      this.#views.set(d.name, sql);
    }
  }
}

function _columnType(t: string): TableColumn["type"] {
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U|FLOAT|DOUBLE|DECIMAL|REAL)/.test(t)) {
    return "number";
  }
  if (t === "VARCHAR") return "string";
  if (t === "BOOLEAN") return "boolean";
  if (/^(DATE|TIMESTAMP)/.test(t)) return "date";
  return "other";
}
