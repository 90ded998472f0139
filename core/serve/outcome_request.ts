/**
 * The outcomes request, `{"id", "outcome"}` or `{"outcomes": […]}`: what
 * really happened for predicted rows, checked against the model — a finite
 * number for regression, one of the class labels for classifiers.
 *
 * @module
 */
import type { Label } from "../artifact/mod.ts";
import { invalid, RatchetError } from "../errors/mod.ts";
import { levelLookup, UNKNOWN } from "../preprocess/mod.ts";
import { OutcomeListSchema, OutcomeSchema } from "./api_schemas.ts";
import { parseBody } from "./parse_body.ts";
import type { ServedModel } from "./served_model.ts";

const _HINT = 'send {"id": "<row id>", "outcome": …} or {"outcomes": [{"id": …, "outcome": …}, …]}';

/**
 * `[id, outcome]` pairs, each outcome as the model's own label (`"1"` is
 * the label 1 when the labels are numbers).
 *
 * @example
 * ```ts ignore
 * const pairs = outcomeRequest({ id: "r-1", outcome: "yes" }, served, 1000); // [["r-1", "yes"]]
 * ```
 */
export function outcomeRequest(
  body: unknown,
  served: ServedModel,
  maxRows: number,
): [string, Label][] {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw invalid(`$: expected a JSON object; ${_HINT}`);
  }
  const several = "outcomes" in body;
  if (several && Array.isArray(body.outcomes) && body.outcomes.length > maxRows) {
    throw new RatchetError(
      "too_large",
      `$.outcomes: ${body.outcomes.length} outcomes, over the limit of ${maxRows} per request`,
    );
  }
  const list = several
    ? parseBody(OutcomeListSchema, body, _HINT).outcomes
    : [parseBody(OutcomeSchema, body, _HINT)];
  const m = served.model;
  const code = m.task === "regression" ? undefined : levelLookup(m.labels);
  return list.map(({ id, outcome }, i) => {
    const where = several ? `$.outcomes[${i}].outcome` : "$.outcome";
    if (code === undefined) {
      if (typeof outcome !== "number") {
        throw invalid(`${where}: expected a finite number (${served.name} is a regression)`);
      }
      return [id, outcome];
    }
    const k = code(outcome);
    if (k === UNKNOWN || k < 0) {
      throw invalid(
        `${where}: ${JSON.stringify(outcome)} is not a class of ${served.name} (classes: ${
          m.labels.map((l) => JSON.stringify(l)).join(", ")
        })`,
      );
    }
    return [id, m.labels[k]!];
  });
}
