/**
 * Synthetic customer-churn data for CLI tests: deterministic for a seed, with
 * numbers, categories, a 0/1 flag, missing values and a month column.
 *
 * @module
 */
import { createRandom } from "../../core/random/mod.ts";
import { csvField } from "../../core/predict/mod.ts";

/** One generated customer. */
export interface Customer {
  customer_id: string;
  month: string;
  tenure_months: number;
  monthly_charges: number | null;
  support_calls: number;
  plan: "basic" | "pro" | "team";
  region: "north" | "south" | "east" | "west";
  /** 1 when the customer pays automatically, else 0. */
  autopay: 0 | 1;
  churned: "yes" | "no";
}

/**
 * Generates `n` customers observed over `months` months from January 2024.
 * Churn follows a logistic model with a drift in the last months, so a
 * now-test has something to find.
 *
 * @example
 * ```ts
 * import { generateCustomers } from "./_churn_data.ts";
 * const rows = generateCustomers(10, 24, 1);
 * if (rows.length !== 10 || !rows[0]!.month.startsWith("202")) throw new Error();
 * ```
 */
export function generateCustomers(n: number, months: number, seed: number): Customer[] {
  const rng = createRandom(seed);
  const plans = ["basic", "pro", "team"] as const;
  const regions = ["north", "south", "east", "west"] as const;
  const out: Customer[] = [];
  for (let i = 0; i < n; i++) {
    const m = Math.floor((i / n) * months);
    const month = `${2024 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
    const plan = plans[rng.next() < 0.5 ? 0 : rng.next() < 0.6 ? 1 : 2];
    const region = regions[rng.int(4)]!;
    const tenure = Math.max(1, Math.round(Math.exp(rng.normal() * 0.9 + 2.6)));
    const base = plan === "basic" ? 29 : plan === "pro" ? 59 : 99;
    const charges = Math.round((base + rng.normal() * 6) * 100) / 100;
    const calls = Math.min(12, Math.floor(-Math.log(1 - rng.next()) * 1.4));
    const autopay = rng.next() < 0.55 ? 1 : 0;
    const drift = m >= months - 3 ? 0.6 : 0;
    const score = -1.2 - 0.045 * tenure + 0.018 * (charges - 50) + 0.38 * calls - 0.7 * autopay +
      (plan === "team" ? -0.5 : 0) + (region === "south" ? 0.3 : 0) + drift + rng.normal() * 0.4;
    out.push({
      customer_id: `C${String(100000 + i)}`,
      month,
      tenure_months: tenure,
      monthly_charges: rng.next() < 0.03 ? null : charges,
      support_calls: calls,
      plan,
      region,
      autopay,
      churned: rng.next() < 1 / (1 + Math.exp(-score)) ? "yes" : "no",
    });
  }
  return out;
}

/**
 * Customers as CSV text, optionally without some columns (new customers
 * have no label yet).
 */
export function customersCsv(
  rows: readonly Customer[],
  omit: readonly (keyof Customer)[] = [],
): string {
  const cols = (Object.keys(rows[0]!) as (keyof Customer)[]).filter((c) => !omit.includes(c));
  return [cols.join(","), ...rows.map((r) => cols.map((c) => csvField(r[c])).join(","))].join(
    "\n",
  ) + "\n";
}
