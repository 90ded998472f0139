// Issue 6, part 4: a scored row becomes an outlier fixture with its provenance.
import assert from "node:assert/strict";
import { join } from "node:path";
import { checkFixtures, readFixtures } from "../fixtures/mod.ts";
import { predictOne } from "../fixtures/mod.ts";
import { demoCopy, testApp } from "./_test_project.ts";

const root = demoCopy();
const { request, project } = await testApp(root);
addEventListener("unload", () => Deno.removeSync(root, { recursive: true }));
const file = (name: string) => join(root, "models", name, "fixtures.jsonl");

const row = {
  season: "spring",
  precipitation: 3.3,
  precipitation_yesterday: 0.1,
  temp_max: 14.2,
  temp_min: 6.1,
  wind: 4.4,
  weather: "drizzle",
};

Deno.test("curation: a row lands in the model's fixtures as an outlier snapshot with provenance", async () => {
  const before = readFixtures(file("rain-tomorrow")).length;
  // The version the page scored the row with: the champion.
  const version = project.store.resolve("rain-tomorrow", "champion");
  const res = await request("/api/models/rain-tomorrow/fixtures", {
    json: {
      row: { ...row, date: "2015-04-09", p_yes: 0.41 },
      note: "drizzle in spring: the model hesitates",
      version,
      source: {
        notebook: "notebooks/rain.md",
        dataset: "seattle",
        partition: "2015-04",
        row_key: "2015-04-09",
      },
    },
  });
  assert.equal(res.status, 201);
  const added = await res.json();
  assert.deepEqual(added.dropped.sort(), ["date", "p_yes"]);
  const fixtures = readFixtures(file("rain-tomorrow"));
  assert.equal(fixtures.length, before + 1);
  const f = fixtures.at(-1)!;
  assert.equal(f.id, added.fixture.id);
  assert.equal(f.kind, "outlier");
  assert.equal(f.mode, "snapshot");
  assert.deepEqual(f.input, row);
  assert.equal(f.recorded_with.version, version);
  assert.equal(f.provenance.by, "tester via the workbench, notebook notebooks/rain.md");
  assert.equal(f.provenance.note, "drizzle in spring: the model hesitates");
  assert.equal(f.provenance.dataset, "seattle");
  assert.equal(f.provenance.partition, "2015-04");
  assert.equal(f.provenance.row_key, "2015-04-09");
  // The snapshot is the model's own output, so the champion passes it.
  const model = project.model({ name: "rain-tomorrow", ref: undefined });
  assert.deepEqual(f.expect, predictOne(model, row));
  assert.equal(checkFixtures(model, [f])[0]!.status, "passed");
});

Deno.test("curation: the same input twice is refused with the way to replace it", async () => {
  const res = await request("/api/models/rain-tomorrow/fixtures", { json: { row } });
  assert.equal(res.status, 409);
  assert.match(
    (await res.json()).error,
    /already has a case: f_[0-9a-f]{12}.*ratchet fixtures supersede rain-tomorrow/,
  );
});

Deno.test("curation: a stated output makes a contract, and one the model misses is reported", async () => {
  const input = { ...row, weather: "fog", temp_max: 9.9 };
  const p = predictOne(project.model({ name: "rain-tomorrow", ref: undefined }), input);
  const other = p.prediction === "yes" ? "no" : "yes";
  const res = await request("/api/models/rain-tomorrow/fixtures", {
    json: { row: input, note: "it rained", expect: other },
  });
  assert.equal(res.status, 201);
  const added = await res.json();
  assert.equal(added.fixture.mode, "contract");
  assert.deepEqual(added.fixture.expect, { prediction: other });
  assert.match(added.failing, /./);
});

Deno.test("curation: a regression contract needs a tolerance; bad bodies and models are refused", async () => {
  const temp = {
    season: "summer",
    precipitation: 0,
    precipitation_yesterday: 0,
    temp_max: 31,
    temp_min: 15,
    wind: 2,
    weather: "sun",
  };
  const before = Deno.readTextFileSync(file("temp-tomorrow"));
  const noTolerance = await request("/api/models/temp-tomorrow/fixtures", {
    json: { row: temp, expect: "30" },
  });
  assert.equal(noTolerance.status, 400);
  assert.match((await noTolerance.json()).error, /needs a tolerance/);
  const cases: [string, unknown, number, RegExp][] = [
    ["temp-tomorrow", { row: temp, extra: 1 }, 400, /Unrecognized key/i],
    ["temp-tomorrow", { row: [1, 2] }, 400, /row/],
    ["temp-tomorrow", { row: temp, tolerance: -1 }, 400, /tolerance/],
    [
      "temp-tomorrow",
      { row: { ...temp, weather: "hail" } },
      400,
      /Cannot add this row as a fixture of temp-tomorrow@1/,
    ],
    ["temp-tomorrow", { row: temp, version: 9 }, 404, /version 9|no version/i],
    ["ghost", { row: temp }, 404, /ghost/],
  ];
  for (const [name, body, status, message] of cases) {
    const res = await request(`/api/models/${name}/fixtures`, { json: body });
    assert.equal(res.status, status, JSON.stringify(body));
    assert.match((await res.json()).error, message, JSON.stringify(body));
  }
  assert.equal(Deno.readTextFileSync(file("temp-tomorrow")), before, "nothing written");
  const ok = await request("/api/models/temp-tomorrow/fixtures", {
    json: { row: temp, expect: 30, tolerance: 3, note: "hot day" },
  });
  assert.equal(ok.status, 201);
  const f = readFixtures(file("temp-tomorrow")).at(-1)!;
  assert.deepEqual([f.kind, f.mode, f.expect.prediction, f.tolerance], [
    "outlier",
    "contract",
    30,
    3,
  ]);
});
