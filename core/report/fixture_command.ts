/**
 * The shell command that turns a badly predicted row into an outlier
 * fixture, ready to copy from the report into a terminal.
 *
 * @module
 */
import type { WorstRow } from "../backtest/mod.ts";

/** Where the row came from. */
export interface FixtureSource {
  /** The model's name. */
  model: string;
  /** The back-tested version. */
  version: number;
  /** The dataset the row belongs to. */
  dataset: string;
}

/**
 * `ratchet fixtures add … --kind outlier` with the row as JSON on stdin
 * through a quoted heredoc, so the shell expands nothing in it. One line of
 * JSON can never be the lone `ROW` that ends the heredoc.
 *
 * @example
 * ```ts
 * import { fixtureCommand } from "./fixture_command.ts";
 * const command = fixtureCommand(
 *   { model: "rain-tomorrow", version: 3, dataset: "seattle" },
 *   { partition: "2015-03", row: { wind: 9.5, note: "it's" }, actual: "yes", prediction: "no", loss: 2.3, key: "2015-03-14" },
 * );
 * const first = "ratchet fixtures add rain-tomorrow --input - --kind outlier --dataset seattle --partition 2015-03 --row-key 2015-03-14";
 * if (!command.startsWith(first) || !command.endsWith(`<<'ROW'\n{"wind":9.5,"note":"it's"}\nROW`)) throw new Error(command);
 * ```
 */
export function fixtureCommand(source: FixtureSource, worst: WorstRow & { key?: unknown }): string {
  const key = worst.key;
  const words = [
    "ratchet fixtures add",
    shellQuote(source.model),
    "--input - --kind outlier --dataset",
    shellQuote(source.dataset),
    "--partition",
    shellQuote(worst.partition),
    ...(typeof key === "string" || typeof key === "number"
      ? ["--row-key", shellQuote(String(key))]
      : []),
    "--note",
    shellQuote(
      `back-test of ${source.model}@${source.version}: actual ${_text(worst.actual)}, predicted ${
        _text(worst.prediction)
      }`,
    ),
  ];
  const json = JSON.stringify(worst.row, (_, v) => (typeof v === "bigint" ? Number(v) : v));
  return `${words.join(" ")} <<'ROW'\n${json}\nROW`;
}

/**
 * Quotes a word for a POSIX shell: as is when it holds only safe
 * characters, else in single quotes (a `'` becomes `'\''`).
 *
 * @example
 * ```ts
 * import { shellQuote } from "./fixture_command.ts";
 * if (shellQuote("2015-03") !== "2015-03" || shellQuote("it's $HOME") !== `'it'\\''s $HOME'`) throw new Error();
 * if (shellQuote("") !== "''") throw new Error();
 * ```
 */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

function _text(value: unknown): string {
  return typeof value === "number" ? String(Number(value.toPrecision(6))) : String(value);
}
