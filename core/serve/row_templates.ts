/**
 * The templates of single-row requests that a served model has accepted,
 * learned from their text: each feature's value is a slot, the rest is
 * text that must come back unchanged (see `body_template.ts` for why a
 * match is the same request). A route reads a body by its templates first,
 * and learns from each body that only its full path could read.
 *
 * @module
 */
import { type ScalarSpan, scalarSpans } from "../json/mod.ts";
import { BodyTemplate, BodyTemplates, type Slot } from "./body_template.ts";
import type { ServedModel } from "./served_model.ts";

/** A row read by a template, and what the route learned with it. */
export interface TemplateRow<M> {
  /** The row, its features in the model's order. */
  readonly row: Record<string, unknown>;
  /** What the route kept when it learned the template. */
  readonly meta: M;
  /**
   * The value in the body's top-level `id` when the template has it as a
   * slot (unchecked: any JSON scalar), else undefined.
   */
  readonly id: unknown;
}

/** A template's meta, with the slot of each feature and of the id (-1: none). */
interface _Meta<M> {
  readonly slotOf: readonly number[];
  readonly idSlot: number;
  readonly meta: M;
}

/** A version's templates, the attempts to learn one, and the misses since the last attempt. */
interface _Known<M> {
  readonly templates: BodyTemplates<_Meta<M>>;
  attempts: number;
  misses: number;
}

/** Templates each model version keeps per route: clients send few shapes. */
const _CAPACITY = 4;
/** After its first attempts, a version tries to learn again after this many misses. */
const _RELEARN = 64;
/** Longer bodies are not learned: a template is for small requests sent often (and is kept). */
const _MAX_TEXT = 16_384;

/**
 * Learned templates of one route, per served model version.
 *
 * @example
 * ```ts
 * import { RowTemplates } from "./row_templates.ts";
 * import { serveModel } from "./served_model.ts";
 * import { compileModel } from "../model/mod.ts";
 * import { PluginRegistry } from "../contract/mod.ts";
 * import linear from "../../plugins/linear/mod.ts";
 * const served = serveModel(compileModel({
 *   format: "ratchet.model/v1", name: "m", version: 1,
 *   plugin: { id: "linear", version: "^1.0.0" }, task: "regression",
 *   features: [{ name: "x", type: "number" }, { name: "kind", type: "category", levels: ["a", "b"] }],
 *   target: { name: "y" }, preprocessing: [{ type: "one_hot", columns: ["kind"], handle_unknown: "error" }],
 *   coefficients: { intercept: 1, weights: [2, 0, 1] },
 *   hyperparameters: {}, provenance: { created: "2026-01-01T00:00:00Z", source: "hand-written" },
 * }, new PluginRegistry([linear])));
 * const templates = new RowTemplates<string>();
 * const seen = '{"features": {"kind": "a", "x": 2}}';
 * const featureAt = (path: readonly (string | number)[]) =>
 *   path.length === 2 && path[0] === "features" ? String(path[1]) : undefined;
 * templates.learn(served, seen, { x: 2, kind: "a" }, featureAt, "v1");
 * const hit = templates.match(served, '{"features": {"kind": "b", "x": -0.5}}')!;
 * if (hit.meta !== "v1" || hit.row.x !== -0.5 || Object.keys(hit.row).join() !== "x,kind") {
 *   throw new Error(JSON.stringify(hit));
 * }
 * if (templates.match(served, '{"features": {"kind": "b", "x": -0.5}, "id": "r"}')) throw new Error();
 * ```
 */
export class RowTemplates<M> {
  #byModel = new WeakMap<ServedModel, _Known<M>>();
  /** Bodies read by a template so far. */
  hits = 0;

  /** The row of `text` by a template learned for `served`, or undefined when none matches. */
  match(served: ServedModel, text: string): TemplateRow<M> | undefined {
    const known = this.#byModel.get(served);
    if (known === undefined) return undefined;
    const values: unknown[] = [];
    const hit = known.templates.find(text, values);
    if (hit === undefined) {
      known.misses++;
      return undefined;
    }
    this.hits++;
    const features = served.model.preprocessor.features, slotOf = hit.meta.slotOf;
    // Keys set in one fixed order give every row the same hidden class.
    const row: Record<string, unknown> = {};
    for (let f = 0; f < features.length; f++) row[features[f]!.name] = values[slotOf[f]!];
    const idSlot = hit.meta.idSlot;
    return { row, meta: hit.meta.meta, id: idSlot < 0 ? undefined : values[idSlot] };
  }

  /**
   * Learns the template of `text`, which the full path read as the one
   * `row`: the scalars whose path `featureAt` names a feature are that
   * feature's slot. Nothing is learned unless every feature has exactly one
   * slot and the template reads `text` back as `row`, nor from text over
   * 16 KiB. After four attempts, another is made only once 64 bodies have
   * missed since the last; a fifth template replaces the oldest. With `id`
   * (the body's own top-level id, as read), `$.id` is a slot too.
   */
  learn(
    served: ServedModel,
    text: string,
    row: Readonly<Record<string, unknown>>,
    featureAt: (path: ScalarSpan["path"]) => string | undefined,
    meta: M,
    id?: string,
  ): void {
    if (text.length > _MAX_TEXT) return;
    let known = this.#byModel.get(served);
    if (known === undefined) {
      known = { templates: new BodyTemplates(_CAPACITY), attempts: 0, misses: 0 };
      this.#byModel.set(served, known);
    }
    // A few attempts at once, then one per _RELEARN misses: a body that cannot be learned, or a
    // client with many shapes, costs a cut at most that often.
    if (known.attempts >= _CAPACITY && known.misses < _RELEARN) return;
    known.attempts++;
    known.misses = 0;
    const template = _cut(served, text, featureAt, meta, id !== undefined);
    if (template === undefined) return;
    const features = served.model.preprocessor.features, values: unknown[] = [];
    if (!template.match(text, values)) return;
    if (id !== undefined && values[template.meta.idSlot] !== id) return;
    for (let f = 0; f < features.length; f++) {
      const name = features[f]!.name;
      if (!Object.is(values[template.meta.slotOf[f]!], row[name])) return;
    }
    known.templates.add(template);
  }
}

function _cut<M>(
  served: ServedModel,
  text: string,
  featureAt: (path: ScalarSpan["path"]) => string | undefined,
  meta: M,
  withId: boolean,
): BodyTemplate<_Meta<M>> | undefined {
  const spans = scalarSpans(text);
  if (spans === undefined) return undefined;
  const features = served.model.preprocessor.features;
  const slots: Slot[] = [];
  const slotOf: number[] = new Array(features.length).fill(-1);
  let idSlot = -1;
  for (const span of spans) {
    if (withId && span.path.length === 1 && span.path[0] === "id") {
      idSlot = slots.length;
      slots.push(span);
      continue;
    }
    const name = featureAt(span.path);
    if (name === undefined) continue;
    const f = features.findIndex((x) => x.name === name);
    if (f < 0 || slotOf[f] !== -1) return undefined;
    slotOf[f] = slots.length;
    slots.push(span);
  }
  if (slotOf.includes(-1) || (withId && idSlot < 0)) return undefined;
  return BodyTemplate.cut(text, slots, { slotOf, idSlot, meta });
}
