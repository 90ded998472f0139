/**
 * Inputs in a notebook: `slider`, `select` and `text` return their current
 * value and show a control; when the person changes it, the kernel re-runs
 * the cell with the new value, and the cells that read what it declares.
 *
 * @module
 */
import { invalid } from "../errors/mod.ts";
import type { InputOutput } from "./cell_output.ts";

/** Options of `slider`. */
export interface SliderOptions {
  /** What the control is called; also its key in the cell (default `slider`). */
  label?: string;
  /** Smallest value (default 0). */
  min?: number;
  /** Largest value (default 100). */
  max?: number;
  /** Step (default 1). */
  step?: number;
  /** First value (default `min`). */
  value?: number;
}

/** Options of `select`. */
export interface SelectOptions {
  /** What the control is called; also its key in the cell (default `select`). */
  label?: string;
  /** The choices. */
  options: readonly string[];
  /** First value (default the first choice). */
  value?: string;
}

/** Options of `text`. */
export interface TextOptions {
  /** What the control is called; also its key in the cell (default `text`). */
  label?: string;
  /** First value (default empty). */
  value?: string;
}

/** The three input functions of one run of a cell. */
export interface NotebookInputs {
  /** A number between `min` and `max`. */
  slider(options?: SliderOptions): number;
  /** One of `options`. */
  select(options: SelectOptions): string;
  /** Free text. */
  text(options?: TextOptions): string;
}

/**
 * The inputs of a run: `values` are the values the person set (by key),
 * `show` receives each control.
 *
 * @example
 * ```ts
 * import { notebookInputs } from "./notebook_inputs.ts";
 * const shown: unknown[] = [];
 * const { slider } = notebookInputs({ rain: 12 }, (o) => shown.push(o));
 * if (slider({ label: "rain", min: 0, max: 30 }) !== 12 || shown.length !== 1) throw new Error();
 * ```
 */
export function notebookInputs(
  values: Readonly<Record<string, number | string>>,
  show: (control: InputOutput) => void,
): NotebookInputs {
  const keys = new Set<string>();
  const key = (label: string) => {
    if (keys.has(label)) {
      throw invalid(
        `Two inputs of this cell are labelled ${JSON.stringify(label)}: give each its own label`,
      );
    }
    keys.add(label);
    return label;
  };
  return {
    slider(o = {}) {
      const label = key(o.label ?? "slider");
      const min = o.min ?? 0;
      const max = o.max ?? 100;
      const step = o.step ?? 1;
      if (!(Number.isFinite(min) && Number.isFinite(max) && min <= max && step > 0)) {
        throw invalid(
          `slider ${label}: expected min ≤ max and step > 0, found min ${min}, max ${max}, step ${step}`,
        );
      }
      const set = values[label];
      const value = typeof set === "number" && set >= min && set <= max
        ? set
        : Math.min(max, Math.max(min, o.value ?? min));
      show({ type: "input", key: label, control: "slider", label, value, min, max, step });
      return value;
    },
    select(o) {
      const label = key(o?.label ?? "select");
      const options = [...(o?.options ?? [])].map(String);
      if (options.length === 0) {
        throw invalid(`select ${label}: give options, e.g. select({ options: ["a", "b"] })`);
      }
      const set = values[label];
      const value = typeof set === "string" && options.includes(set)
        ? set
        : o.value !== undefined && options.includes(o.value)
        ? o.value
        : options[0]!;
      show({ type: "input", key: label, control: "select", label, value, options });
      return value;
    },
    text(o = {}) {
      const label = key(o.label ?? "text");
      const set = values[label];
      const value = typeof set === "string" ? set : String(o.value ?? "");
      show({ type: "input", key: label, control: "text", label, value });
      return value;
    },
  };
}

/**
 * Checks a value the web app sends for a control and returns it as the
 * control holds it, or throws saying what is wrong.
 *
 * @example
 * ```ts
 * import { checkInputValue } from "./notebook_inputs.ts";
 * const slider = { type: "input", key: "k", control: "slider", label: "k", value: 1, min: 0, max: 5, step: 1 } as const;
 * if (checkInputValue(slider, "3") !== 3) throw new Error();
 * let msg = "";
 * try { checkInputValue(slider, 9); } catch (e) { msg = String(e); }
 * if (!msg.includes("between 0 and 5")) throw new Error(msg);
 * ```
 */
export function checkInputValue(control: InputOutput, value: unknown): number | string {
  if (control.control === "slider") {
    const x = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    if (typeof x !== "number" || !(x >= control.min! && x <= control.max!)) {
      throw invalid(
        `${control.label}: expected a number between ${control.min} and ${control.max}, found ${
          JSON.stringify(value)
        }`,
      );
    }
    return x;
  }
  if (typeof value !== "string") {
    throw invalid(`${control.label}: expected text, found ${JSON.stringify(value)}`);
  }
  if (control.control === "select" && !control.options!.includes(value)) {
    throw invalid(
      `${control.label}: ${JSON.stringify(value)} is not one of ${control.options!.join(", ")}`,
    );
  }
  return value;
}
