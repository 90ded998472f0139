// A body read by a learned template must be read exactly as the full path reads it: same rows
// (values compared with Object.is, so -0 counts), same error. Thousands of bodies of random shape
// and whitespace, their values replaced by valid and invalid JSON, some mutated a character at a
// time, each read both ways.
import assert from "node:assert/strict";
import { createRandom, type Random } from "../random/mod.ts";
import { withModels } from "./_test_project.ts";
import { inferRequest } from "./infer_request.ts";
import { inferRows } from "./inference_v2.ts";
import { ModelPool } from "./model_pool.ts";
import { predictRequest } from "./predict_request.ts";
import { type InferTemplateMeta, readInferRequest } from "./read_infer_request.ts";
import { parseJsonText } from "./read_json_body.ts";
import { readPredictRequest } from "./read_predict_request.ts";
import type { FieldLabel } from "./row_schema.ts";
import { RowTemplates } from "./row_templates.ts";
import { DEFAULT_LIMITS } from "./service_limits.ts";

const L = DEFAULT_LIMITS;

const NUMBERS = [
  "0",
  "-0",
  "1",
  "-12.5",
  "3.25e-7",
  "1E+300",
  "1e308",
  "1.7976931348623157e308",
  "5e-324",
  "1e-400",
  "0.1",
  "123456789012345678901234567890",
  "2.5E-3",
  "-0.0",
  "0e0",
];
const LEVELS = ['"basic"', '"pro"'];
/** Row ids: 1 to 128 characters (a character outside the BMP counts once). */
const IDS = ['"r-1"', '"é"', JSON.stringify("x".repeat(128)), JSON.stringify("𝄞".repeat(100))];
const BAD = [
  "1e999",
  "-1e999",
  "01",
  "1.",
  "-",
  ".5",
  "+1",
  "1e",
  "1e+",
  "0x10",
  "NaN",
  "Infinity",
  "-Infinity",
  '""',
  '"café ☕"',
  '"𝄞"',
  '"a\\"b"',
  '"\\u0062asic"',
  '"tab\there"',
  '"basic\\n"',
  '"unknown"',
  "true",
  "false",
  "null",
  "tru",
  "nul",
  "falsey",
  "[1]",
  "{}",
  "[]",
  "[[1]]",
  '{"a": 1}',
  "1 ",
  " 1",
  "1,2",
  '"1"',
  "-0.",
  "1e5x",
  "00",
  JSON.stringify("y".repeat(129)),
  JSON.stringify("𝄞".repeat(129)),
];

/** Text made of `parts` between `values`: a body whose value slots we can refill. */
interface Shape {
  readonly parts: string[];
  /** The feature each value belongs to. */
  readonly features: string[];
}

const pick = <T>(r: Random, xs: readonly T[]): T => xs[r.int(xs.length)]!;
const ws = (r: Random) => pick(r, ["", "", "", " ", "\n  ", "\t", "\r\n"]);

/** A valid value text for a churn feature (x number, vip boolean, plan category). */
function good(r: Random, feature: string): string {
  if (feature === "id") return pick(r, IDS);
  if (feature === "x") return pick(r, NUMBERS);
  if (feature === "vip") return pick(r, ["true", "false", "0", "1", "null"]);
  return pick(r, LEVELS);
}

function fill(shape: Shape, values: readonly string[]): string {
  return shape.parts.map((p, k) => k < values.length ? p + values[k] : p).join("");
}

/** A `{"features": …}` body shape, keys and whitespace at random, with an `id` or not. */
function v1Shape(r: Random): Shape {
  const slots: string[] = [], parts: string[] = [];
  let text = `${ws(r)}{${ws(r)}`;
  const slot = (name: string, before: string) => {
    parts.push(text + before);
    slots.push(name);
    text = "";
  };
  const withId = r.next() < 0.4, idFirst = r.next() < 0.5;
  if (withId && idFirst) {
    slot("id", `"id"${ws(r)}:${ws(r)}`);
    text = `${ws(r)},${ws(r)}`;
  }
  text += `"features"${ws(r)}:${ws(r)}{${ws(r)}`;
  r.shuffle(["x", "vip", "plan"]).forEach((f, k) => {
    slot(f, `${k > 0 ? `${ws(r)},${ws(r)}` : ""}"${f}"${ws(r)}:${ws(r)}`);
  });
  text = `${ws(r)}}`;
  if (withId && !idFirst) slot("id", `${ws(r)},${ws(r)}"id"${ws(r)}:${ws(r)}`);
  parts.push(`${text}${ws(r)}}${ws(r)}`);
  return { parts, features: slots };
}

/** An Open Inference Protocol body shape: tensors, keys, nesting and whitespace at random. */
function v2Shape(r: Random): Shape {
  const features = r.shuffle(["x", "vip", "plan"]);
  const datatype = (f: string) =>
    f === "x"
      ? pick(r, ["FP64", "FP32", "INT32"])
      : f === "vip"
      ? pick(r, ["BOOL", "FP64"])
      : "BYTES";
  const parts: string[] = [], slots: string[] = [];
  const withId = r.next() < 0.4, idFirst = r.next() < 0.5;
  let text = `${ws(r)}{${ws(r)}`;
  if (withId && idFirst) {
    parts.push(`${text}"id"${ws(r)}:${ws(r)}`);
    slots.push("id");
    text = `${ws(r)},${ws(r)}`;
  }
  text += `"inputs"${ws(r)}:${ws(r)}[`;
  features.forEach((f, k) => {
    const nested = r.next() < 0.2;
    const members = r.shuffle([
      `"name"${ws(r)}:${ws(r)}"${f}"`,
      `"shape"${ws(r)}:${ws(r)}[${ws(r)}1${nested ? `,${ws(r)}1` : ""}${ws(r)}]`,
      `"datatype":${ws(r)}"${datatype(f)}"`,
      "DATA",
      ...(r.next() < 0.1 ? [`"parameters":${ws(r)}{"content_type":${ws(r)}"np"}`] : []),
    ]);
    const tensor = `${k > 0 ? "," : ""}${ws(r)}{${ws(r)}${members.join(`${ws(r)},${ws(r)}`)}${
      ws(r)
    }}`;
    const [before, after] = tensor.split("DATA") as [string, string];
    parts.push(text + before + `"data":${ws(r)}[${ws(r)}${nested ? "[" : ""}`);
    slots.push(f);
    text = `${nested ? "]" : ""}${ws(r)}]` + after;
  });
  const outputs = r.next() < 0.2 ? `,${ws(r)}"outputs":${ws(r)}[{"name":${ws(r)}"predict"}]` : "";
  text += `${ws(r)}]${outputs}`;
  if (withId && !idFirst) {
    parts.push(`${text}${ws(r)},${ws(r)}"id"${ws(r)}:${ws(r)}`);
    slots.push("id");
    text = "";
  }
  parts.push(`${text}${ws(r)}}${ws(r)}`);
  return { parts, features: slots };
}

/** One character inserted, deleted or replaced at random. */
function mutate(r: Random, text: string): string {
  const at = r.int(text.length + 1);
  const c = pick(r, [...' ,:[]{}"\\0123456789.-+eE', "a", "x", "é", "\u0001"]);
  const op = r.int(3);
  if (op === 0) return text.slice(0, at) + c + text.slice(at);
  if (op === 1) return text.slice(0, at) + text.slice(at + 1);
  return text.slice(0, at) + c + text.slice(at + 1);
}

/** What a read gives: rows, their labels, and the client's ids (v1) or id (v2). */
interface Read {
  rows: readonly Record<string, unknown>[];
  label: FieldLabel;
  ids?: readonly string[];
  id?: string | undefined;
}

/** What a read gave, comparable with deepEqual: rows (-0 spelled out), or the error. */
function outcome(read: () => Read) {
  try {
    const { rows, label, ids, id } = read();
    return {
      ids: ids ?? [id],
      rows: rows.map((row) =>
        Object.keys(row).sort().map((k) => [k, Object.is(row[k], -0) ? "-0" : row[k]])
      ),
      labels: [label(0), label(0, "x"), label(0, "plan")],
    };
  } catch (e) {
    return { error: String(e), status: (e as { status?: number }).status };
  }
}

/**
 * Reads variants of random shapes both ways, each shape with templates of its own (a service
 * learns a few shapes, then seldom); returns the reads and how many went by a template.
 */
function compare<M>(
  shapeOf: (r: Random) => Shape,
  read: (text: string, templates: RowTemplates<M>) => Read,
  full: (text: string) => Read,
  seed: number,
): { reads: number; hits: number } {
  const r = createRandom(seed);
  let reads = 0, hits = 0;
  for (let s = 0; s < 150; s++) {
    const shape = shapeOf(r), templates = new RowTemplates<M>();
    const first = fill(shape, shape.features.map((f) => good(r, f)));
    assert.ok("rows" in outcome(() => read(first, templates)), first);
    for (let t = 0; t < 25; t++) {
      const values = shape.features.map((f) => r.next() < 0.6 ? good(r, f) : pick(r, BAD));
      let text = fill(shape, values);
      if (r.next() < 0.3) text = mutate(r, text);
      assert.deepEqual(outcome(() => read(text, templates)), outcome(() => full(text)), text);
      reads++;
    }
    hits += templates.hits;
  }
  return { reads, hits };
}

Deno.test("a v1 body read by its template is the request the full path reads", async () => {
  await withModels((project) => {
    const served = ModelPool.open(project).champion("churn");
    const newId = () => "id";
    const { reads, hits } = compare<undefined>(
      v1Shape,
      (text, templates) => readPredictRequest(text, served, L, newId, templates),
      (text) => predictRequest(parseJsonText(text, L), served, L.maxRows, newId),
      1,
    );
    // Many bodies keep their shape and go by a template: the comparison is not vacuous.
    assert.ok(hits > reads / 6, `${hits} of ${reads}`);
  });
});

Deno.test("a v2 body read by its template gives the rows the full path gives", async () => {
  await withModels((project) => {
    const served = ModelPool.open(project).champion("churn");
    const { reads, hits } = compare<InferTemplateMeta>(
      v2Shape,
      (text, templates) => readInferRequest(text, served, L, templates),
      (text) => {
        const request = inferRequest(parseJsonText(text, L));
        return { ...inferRows(served, request, L.maxRows), id: request.id };
      },
      2,
    );
    assert.ok(hits > reads / 6, `${hits} of ${reads}`);
  });
});

Deno.test("a v2 template keeps the outputs its request asked for", async () => {
  await withModels((project) => {
    const served = ModelPool.open(project).champion("churn");
    const templates = new RowTemplates<InferTemplateMeta>();
    const body = (x: string) =>
      `{"inputs": [{"name": "x", "shape": [1], "datatype": "FP64", "data": [${x}]}, ` +
      `{"name": "vip", "shape": [1], "datatype": "BOOL", "data": [true]}, ` +
      `{"name": "plan", "shape": [1], "datatype": "BYTES", "data": ["pro"]}], ` +
      `"outputs": [{"name": "predict_proba"}]}`;
    readInferRequest(body("1"), served, L, templates);
    const second = readInferRequest(body("2"), served, L, templates);
    assert.equal(templates.hits, 1);
    assert.deepEqual([second.rows[0]!.x, second.wanted, second.id], [
      2,
      ["predict_proba"],
      undefined,
    ]);
  });
});

Deno.test("a body's own id is a slot of its template: each request keeps its id", async () => {
  await withModels((project) => {
    const served = ModelPool.open(project).champion("churn");
    const templates = new RowTemplates<undefined>();
    const newId = () => "fresh";
    for (const id of ["a", "b", "c"]) {
      const request = readPredictRequest(
        `{"id": "${id}", "features": {"x": 1, "vip": true, "plan": "pro"}}`,
        served,
        L,
        newId,
        templates,
      );
      assert.deepEqual(request.ids, [id]);
    }
    assert.equal(templates.hits, 2);
  });
});
